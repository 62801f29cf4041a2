// `npm start`: build the web apps when their sources are newer than the build, then run the server
// (TypeScript through tsx) in this process's place, passing signals on so the data lock is released.
import { spawn, execSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = 'dist/web/index.html';
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newest('src/web'), newest('src/contracts'))) {
  console.log('learncity: building the web app…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}

// A first start fills the demo district with a year of activity (LEARNCITY_DEMO_YEAR=0 to skip it).
const env = { ...process.env, LEARNCITY_DEMO_YEAR: process.env.LEARNCITY_DEMO_YEAR ?? '1' };
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
