// Outbound HTTP to addresses that others choose (partners' webhook URLs). Left open, such a URL could make
// the platform probe its own network: the database on 127.0.0.1:5432, a cloud metadata service, an office
// intranet. So by default only public addresses are reached, checked twice: a literal address in the URL
// when it is saved, and the address a name resolves to at the moment of connecting (a public-looking name
// that resolves to 10.0.0.5 is refused too). An installation whose partners live on its own intranet, and
// the tests, allow private targets (LEARNCITY_WEBHOOK_PRIVATE_TARGETS=1).
import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';

// Two lists: Node's BlockList matches an IPv4 address against IPv6 subnets as if IPv4-mapped.
const NON_PUBLIC_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC_V4.addSubnet(net, prefix, 'ipv4');
const NON_PUBLIC_V6 = new BlockList();
for (const [net, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
] as const) {
  NON_PUBLIC_V6.addSubnet(net, prefix, 'ipv6');
}

/** A routable public address (not loopback, private, link-local, shared, documentation or multicast). */
export function isPublicAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = isIP(ip);
  if (family === 4) return !NON_PUBLIC_V4.check(ip, 'ipv4');
  if (family === 6) return !/^::ffff:/i.test(ip) && !NON_PUBLIC_V6.check(ip, 'ipv6');
  return false;
}

/** Whether a URL's host is plainly not public (`localhost`, a literal private address); names are checked on connect. */
export function isPlainlyPrivateHost(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isIP(host) !== 0 && !isPublicAddress(host);
}

export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
}

// Every resolved address must be public: connecting picks one of them, and a mixed answer is a rebinding trick.
export function publicLookup(hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new PrivateAddressError(`${hostname} resolves to ${refused.address}, which is not a public address`), []);
    const all = (options as { all?: boolean }).all;
    return all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family);
  });
}

const publicAgent = new Agent({ connect: { lookup: publicLookup } });

/** `fetch` that reaches public addresses only. */
export const publicOnlyFetch: typeof fetch = (async (input: string | URL, init?: RequestInit) => {
  const url = String(input);
  if (isPlainlyPrivateHost(url)) throw new TypeError('fetch failed', { cause: new PrivateAddressError(`${new URL(url).hostname} is not a public address`) });
  return undiciFetch(url, { ...(init as object), dispatcher: publicAgent });
}) as unknown as typeof fetch;
