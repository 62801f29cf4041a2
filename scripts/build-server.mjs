// `npm run build:server`: compiles src/server and src/contracts to dist/server and dist/contracts (and the
// backup and restore commands to dist/scripts), one JavaScript file per TypeScript file at the same depth,
// so every path a module finds from its own location
// (../../../../data, ./migrations, ../../../dist/web) means the same in dist as in src. Relative imports get
// their real file names (Node's ES modules do not guess extensions); packages stay imports of node_modules.
// The files beside the code (migrations, JSON-LD contexts, the demo video) are copied alongside, and
// dist/server/build-info.json records the version and commit the version endpoint reports.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const sources = ['src/server', 'src/contracts'].map((d) => join(root, d));
const isTest = (p) => /\.test\.ts$/.test(p);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = sources.flatMap(walk);
const entryPoints = files.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && !isTest(p));

/** Where a source file's JavaScript goes: src/x → dist/x, scripts/x → dist/scripts/x. */
const outputOf = (p) => (p.startsWith(join(root, 'src') + '/') ? join(root, 'dist', relative(join(root, 'src'), p)) : join(root, 'dist', relative(root, p)));

/** `./x` → `./x.js` (or `./x/index.js`), checked against the file that exists, from where each is compiled to. */
const relativeImports = {
  name: 'relative-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const base = resolve(args.resolveDir, args.path);
      const spec = (target) => {
        const rel = relative(dirname(outputOf(args.importer)), outputOf(target))
          .replace(/\\/g, '/')
          .replace(/\.ts$/, '.js');
        return { path: rel.startsWith('.') ? rel : './' + rel, external: true };
      };
      if (existsSync(base + '.ts')) return spec(base + '.ts');
      if (existsSync(join(base, 'index.ts'))) return spec(join(base, 'index.ts'));
      if (base.endsWith('.js') && existsSync(base.replace(/\.js$/, '.ts'))) return spec(base.replace(/\.js$/, '.ts'));
      return { errors: [{ text: `cannot resolve ${args.path} from ${relative(root, args.importer)}` }] };
    });
  },
};

rmSync(join(root, 'dist/server'), { recursive: true, force: true });
rmSync(join(root, 'dist/contracts'), { recursive: true, force: true });
await build({
  entryPoints,
  outbase: join(root, 'src'),
  outdir: join(root, 'dist'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [relativeImports],
  logLevel: 'warning',
});
// The operator's commands (`npm run backup`, `npm run restore`) run on a production install too, where tsx is absent.
const commands = ['backup', 'restore'].map((name) => join(root, 'scripts', `${name}.ts`));
rmSync(join(root, 'dist/scripts'), { recursive: true, force: true });
await build({
  entryPoints: commands,
  outbase: join(root, 'scripts'),
  outdir: join(root, 'dist/scripts'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [relativeImports],
  logLevel: 'warning',
});
for (const file of files.filter((p) => !p.endsWith('.ts'))) {
  cpSync(file, join(root, 'dist', relative(join(root, 'src'), file)));
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let commit = process.env.LEARNCITY_COMMIT || null;
if (!commit) {
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a checkout */
  }
}
writeFileSync(join(root, 'dist/server/build-info.json'), JSON.stringify({ version: pkg.version, commit, builtAt: new Date().toISOString() }, null, 2) + '\n');
console.log(`learncity: server compiled to dist/server (${entryPoints.length} modules${commit ? ', commit ' + commit.slice(0, 12) : ''})`);
