// One shell per test worker for copying and removing database directories. A test worker is a large process
// (the whole server imported): each `cp` it started itself cost ~0.25 s of CPU to fork, more than a third of
// the copy, and removing the ~1,500 files of a closed copy with rmSync took the worker another ~0.15 s. The
// shell is forked once per worker, and its own children (small) are cheap to start.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

let shell: ChildProcess | undefined;
const waiting: { resolve: () => void; reject: (e: Error) => void; command: string }[] = [];
let output = '';

function started(): ChildProcess {
  if (shell && shell.exitCode === null) return shell;
  const sh = spawn('sh', [], { stdio: ['pipe', 'pipe', 'ignore'] });
  sh.stdout!.setEncoding('utf8');
  sh.stdout!.on('data', (chunk: string) => {
    output += chunk;
    for (let end = output.indexOf('\n'); end >= 0; end = output.indexOf('\n')) {
      const status = Number(/^done (\d+)$/.exec(output.slice(0, end))?.[1] ?? NaN);
      output = output.slice(end + 1);
      const next = waiting.shift();
      if (status === 0) next?.resolve();
      else next?.reject(new Error(`shell command failed (${status}): ${next.command}`));
    }
  });
  // A shell that died answers nothing more: what it was sent fails, and the next command starts another.
  sh.on('exit', () => {
    output = '';
    for (const next of waiting.splice(0)) next.reject(new Error(`shell exited before: ${next.command}`));
  });
  // The worker may exit while the shell still removes directories: it finishes what it was sent, then ends.
  sh.unref();
  for (const stream of [sh.stdin, sh.stdout]) (stream as Partial<Socket> | null)?.unref?.();
  shell = sh;
  return sh;
}

const quoted = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Runs a command (its words quoted for the shell) in the worker's shell; resolves when it has succeeded. */
export function inShell(...words: string[]): Promise<void> {
  const command = words.map(quoted).join(' ');
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject, command });
    started().stdin!.write(`${command} >/dev/null 2>&1; echo "done $?"\n`);
  });
}
