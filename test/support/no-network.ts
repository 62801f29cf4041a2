// Tests never reach the outside world: any connection to a non-loopback address fails the test.
// A setup file runs before every test file, and a worker without isolation (vitest.config.ts) runs many files
// in one process: the guard is installed once per process, not wrapped around itself once per file.
import net from 'node:net';

const installed = Symbol.for('learncity.test.noNetwork');
const allowed = (host: unknown) =>
  host === undefined || host === 'localhost' || /^(127\.|::1$|::ffff:127\.)/.test(String(host)) || String(host).startsWith('/');
const proto = net.Socket.prototype as typeof net.Socket.prototype & { [installed]?: true };
if (!proto[installed]) {
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string;
    const host =
      typeof first === 'object' && first !== null
        ? (first.path ?? first.host)
        : typeof first === 'string' && isNaN(Number(first))
          ? first
          : (args[1] as string | undefined);
    if (!allowed(host)) throw new Error(`test tried to reach the network: ${String(host)}`);
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  proto[installed] = true;
}
