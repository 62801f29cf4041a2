// `npm run backup` while the embedded database serves: only the running process may read its data
// directory, so the command asks it. The command writes a request file into the data directory and sends
// SIGUSR2 to the process holding the lock; the server writes the archive where asked and a result file.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BackupsService } from './modules/backups/index';

const requestFile = (dataDir: string) => join(dataDir, 'backup-request.json');
const resultFile = (dataDir: string, id: string) => join(dataDir, `backup-result-${id}.json`);

/** Server side: answers each SIGUSR2 by taking the backup the request file asks for. */
export function answerBackupCommands(dataDir: string, backups: BackupsService) {
  process.on('SIGUSR2', () => {
    const path = requestFile(dataDir);
    if (!existsSync(path)) return;
    let request: { id: string; dir: string };
    try {
      request = JSON.parse(readFileSync(path, 'utf8'));
      rmSync(path, { force: true });
      if (!/^[0-9a-f]{12}$/.test(request.id) || typeof request.dir !== 'string') return;
    } catch {
      return;
    }
    const answer = (result: object) => {
      const target = resultFile(dataDir, request.id);
      writeFileSync(target + '.part', JSON.stringify(result));
      renameSync(target + '.part', target);
    };
    backups.forCommand(request.dir).then(
      (archive) => answer({ path: archive.path, size: archive.size }),
      (e: unknown) => answer({ error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

/** Command side: asks the process `pid` for a backup into `dir` and waits for its answer. */
export async function requestBackup(dataDir: string, pid: number, dir: string, timeoutMs = 30 * 60_000): Promise<{ path: string; size: number }> {
  const id = randomBytes(6).toString('hex');
  writeFileSync(requestFile(dataDir), JSON.stringify({ id, dir }), { mode: 0o600 });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  const result = resultFile(dataDir, id);
  while (Date.now() < deadline) {
    if (existsSync(result)) {
      const answer = JSON.parse(readFileSync(result, 'utf8')) as { path: string; size: number } | { error: string };
      rmSync(result, { force: true });
      if ('error' in answer) throw new Error(answer.error);
      return answer;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the running server (pid ${pid}) did not answer within ${timeoutMs / 60_000} minutes`);
}
