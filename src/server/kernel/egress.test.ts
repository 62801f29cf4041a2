import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPlainlyPrivateHost, isPublicAddress, publicLookup, publicOnlyFetch } from './egress';

describe('egress to partners', () => {
  it('tells public addresses from loopback, private, link-local and mapped ones', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ['8.8.8.8', '101.226.4.6', '2400:3200::1']) expect(isPublicAddress(ip), ip).toBe(true);
    expect(isPlainlyPrivateHost('http://localhost:3000/hook')).toBe(true);
    expect(isPlainlyPrivateHost('http://[::1]:8080/hook')).toBe(true);
    expect(isPlainlyPrivateHost('http://10.0.0.8/hook')).toBe(true);
    expect(isPlainlyPrivateHost('https://partner.example.org/hook')).toBe(false);
    expect(isPlainlyPrivateHost('https://8.8.8.8/hook')).toBe(false);
  });

  it('refuses a name that resolves to a non-public address when connecting', async () => {
    const err = await new Promise<Error | null>((resolve) => publicLookup('localhost', {}, (e) => resolve(e)));
    expect(err).toMatchObject({ code: 'EPRIVATEADDRESS' });
  });

  it('never reaches a loopback server, which plain fetch does reach', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await expect(publicOnlyFetch(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ cause: { code: 'EPRIVATEADDRESS' } });
      expect(hits).toBe(0);
      expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(200);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
