// A port nothing listens on now, chosen by the system. A port picked at random from a range can be one of the
// machine's own services (CI machines run NATS on 4222, RabbitMQ on 25672…): backup-command.test's server once
// drew 4222 and could not start.
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
