// The compiled server (`scripts/build-server.mjs` → dist/server), for the tests that run the platform as its own
// process: built when the sources are newer than the build, once, however many test runs ask at the same time.
// CI runs the browser project and the server project on both engines at once, and each used to compile it (the
// browser platforms ran under tsx instead, ~2 s more CPU per start): a build removes dist/server first, so two
// at once could leave a starting platform without its files. A directory made with mkdir is the lock: creating
// it either succeeds for exactly one process or fails because another holds it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILT = 'dist/server/build-info.json';
const LOCK = 'dist/.build-server.lock';
/** A lock older than this was left by a run that died while building (a build takes seconds). */
const STALE_LOCK_MS = 5 * 60_000;

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const isCurrent = () => existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...['src/server', 'src/contracts', 'scripts'].map(newest));

export async function ensureCompiledServer(): Promise<void> {
  mkdirSync('dist', { recursive: true });
  for (;;) {
    if (isCurrent()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (!isCurrent()) execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'pipe' });
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
