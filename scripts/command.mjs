// `npm run backup` / `npm run restore`: with NODE_ENV=production the compiled command (`npm run build` made it in
// dist/scripts) under plain node, as on a production install without tsx; otherwise the TypeScript through tsx.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const compiled = `dist/scripts/${name}.js`;
if (process.env.NODE_ENV === 'production' && !existsSync(compiled)) {
  console.error(`learncity: no ${compiled}: run \`npm run build\` first (see README, Production)`);
  process.exit(1);
}
const command = spawn(process.execPath, process.env.NODE_ENV === 'production' ? [compiled, ...args] : ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => command.kill(signal));
command.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
