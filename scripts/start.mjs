// `npm start`. With NODE_ENV=production: the compiled server (`npm run build` made it) under plain node,
// no TypeScript or build tools — the same as `npm run serve`. Otherwise (development): build the web apps
// when their sources are newer than the build, then run the server's TypeScript through tsx. Either way the
// server runs in a child this process passes signals on to, so the data lock is released.
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

function run(args, env) {
  const server = spawn(process.execPath, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.env.NODE_ENV === 'production') {
  if (!existsSync('dist/server/main.js') || !existsSync('dist/web/index.html')) {
    console.error('learncity: no compiled server or web app in dist/: run `npm run build` first (see README, Production)');
    process.exit(1);
  }
  run(['dist/server/main.js'], process.env);
} else {
  if (!existsSync('node_modules/tsx') || !existsSync('node_modules/vite')) {
    console.error(
      'learncity: the development tools are not installed (a production install?): run `npm run build` where they are, then `NODE_ENV=production npm start` or `npm run serve`',
    );
    process.exit(1);
  }
  const built = 'dist/web/index.html';
  if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newest('src/web'), newest('src/contracts'))) {
    console.log('learncity: building the web app…');
    execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
  }
  // A first start fills the demo district with a year of activity (LEARNCITY_DEMO_YEAR=0 to skip it).
  run(['--import', 'tsx', 'src/server/main.ts'], { ...process.env, LEARNCITY_DEMO_YEAR: process.env.LEARNCITY_DEMO_YEAR ?? '1' });
}
