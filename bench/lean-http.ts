// A lean HTTP/1.1 client for the benches' crowds: keep-alive sockets, one request at a time on each (no
// pipelining, as browsers do), requests queued first come first served, answers parsed only as far as the bench
// needs (status, body by Content-Length or chunked). Node's `http.Agent` costs the sending process about as much
// CPU per request as a small Fastify answer costs the server; on a 2-core machine that runs the crowd and the
// server side by side, that client's share came out of the server's (see bench/README.md).
import net from 'node:net';

export interface LeanAnswer {
  status: number;
  body: string;
  /** From the request's write on its socket to its answer: the server's time, without waiting for a socket. */
  serviceMs: number;
}

interface Pending {
  head: string;
  body: Buffer;
  resolve: (answer: LeanAnswer) => void;
  reject: (error: Error) => void;
}

export class LeanHttpPool {
  private readonly idle: Connection[] = [];
  private readonly queue: Pending[] = [];
  private open = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxSockets: number,
    private readonly timeoutMs = 60_000,
  ) {}

  request(method: string, path: string, headers: Record<string, string>, body = ''): Promise<LeanAnswer> {
    const bytes = Buffer.from(body);
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\nconnection: keep-alive\r\ncontent-length: ${bytes.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve, reject) => {
      this.queue.push({ head: head + '\r\n', body: bytes, resolve, reject });
      this.pump();
    });
  }

  /** Closes every socket; queued requests are rejected. */
  destroy() {
    for (const pending of this.queue.splice(0)) pending.reject(new Error('pool destroyed'));
    for (const connection of this.idle.splice(0)) connection.socket.destroy();
  }

  private pump() {
    while (this.queue.length) {
      const connection = this.idle.pop() ?? (this.open < this.maxSockets ? this.connect() : undefined);
      if (!connection) return;
      connection.send(this.queue.shift()!);
    }
  }

  private connect(): Connection {
    this.open++;
    const connection = new Connection(net.connect(this.port, this.host), this.timeoutMs, {
      free: (c) => {
        this.idle.push(c);
        this.pump();
      },
      closed: (c) => {
        this.open--;
        const at = this.idle.indexOf(c);
        if (at >= 0) this.idle.splice(at, 1);
        this.pump();
      },
    });
    return connection;
  }
}

class Connection {
  private pending: Pending | undefined;
  private sentAt = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly socket: net.Socket,
    private readonly timeoutMs: number,
    private readonly pool: { free: (c: Connection) => void; closed: (c: Connection) => void },
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => this.close(new Error('socket error')));
    socket.on('close', () => this.close(new Error('socket closed')));
  }

  send(pending: Pending) {
    this.pending = pending;
    this.sentAt = performance.now();
    this.timer = setTimeout(() => this.socket.destroy(new Error('timeout')), this.timeoutMs);
    this.socket.write(pending.body.length ? Buffer.concat([Buffer.from(pending.head, 'latin1'), pending.body]) : pending.head);
  }

  private onData(chunk: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const answer = parseAnswer(this.buffer);
    if (!answer) return;
    this.buffer = this.buffer.subarray(answer.consumed);
    const pending = this.pending!;
    const serviceMs = performance.now() - this.sentAt;
    this.pending = undefined;
    clearTimeout(this.timer);
    if (answer.close) this.socket.destroy();
    else this.pool.free(this);
    pending.resolve({ status: answer.status, body: answer.body, serviceMs });
  }

  private close(error: Error) {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.socket.destroy();
    const pending = this.pending;
    this.pending = undefined;
    this.pool.closed(this);
    pending?.reject(error);
  }
}

/** One complete answer at the start of `buffer`, or undefined while it is still arriving. */
function parseAnswer(buffer: Buffer): { status: number; body: string; consumed: number; close: boolean } | undefined {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection: *close/.test(head);
  const start = headEnd + 4;
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) {
    const end = start + Number(length[1]);
    return buffer.length < end ? undefined : { status, body: buffer.toString('utf8', start, end), consumed: end, close };
  }
  if (!/\r\ntransfer-encoding: *chunked/.test(head)) return { status, body: '', consumed: start, close };
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    const dataEnd = lineEnd + 2 + size;
    if (buffer.length < dataEnd + 2) return undefined;
    if (size === 0) return { status, body: Buffer.concat(parts).toString('utf8'), consumed: dataEnd + 2, close };
    parts.push(buffer.subarray(lineEnd + 2, dataEnd));
    at = dataEnd + 2;
  }
}
