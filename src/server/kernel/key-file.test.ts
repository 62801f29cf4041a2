import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyFileOnce } from './key-file';

const module = fileURLToPath(new URL('./key-file.ts', import.meta.url));

describe('keyFileOnce', () => {
  it('keeps the first key, owner-only, and leaves no drafts behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'learncity-key-'));
    try {
      const path = join(dir, 'sub', 'secret.key');
      expect(keyFileOnce(path, () => 'first')).toBe('first');
      expect(keyFileOnce(path, () => 'second')).toBe('first');
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readdirSync(join(dir, 'sub'))).toEqual(['secret.key']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives processes starting at once the same key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'learncity-key-'));
    try {
      const path = join(dir, 'secret.key');
      const code = `import { keyFileOnce } from ${JSON.stringify(module)}; process.stdout.write(keyFileOnce(${JSON.stringify(path)}, () => String(process.pid)));`;
      const keys = await Promise.all(
        Array.from(
          { length: 4 },
          () =>
            new Promise<string>((resolve, reject) => {
              const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
              let out = '';
              child.stdout.on('data', (d) => (out += d));
              child.on('exit', (status) => (status === 0 ? resolve(out) : reject(new Error(`exit ${status}`))));
            }),
        ),
      );
      expect(new Set(keys).size).toBe(1);
      expect(readdirSync(dir)).toEqual(['secret.key']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
