import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/**
 * Addresses the fetcher may not connect to unless the source allows the origin: loopback,
 * private (RFC 1918, RFC 4193), link-local (cloud metadata at 169.254.169.254), carrier-grade
 * NAT, unspecified, multicast, documentation and benchmarking ranges. Guards against SSRF
 * through a feed URL or a redirect.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
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
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
  ['2001:2::', 48],
  ['3fff::', 20],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/**
 * True when an IP address is loopback, private, link-local or otherwise not on the public
 * internet — also when it is an IPv6 address that carries such an IPv4 address inside
 * (IPv4-mapped `::ffff:7f00:1`, IPv4-compatible, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`,
 * Teredo `2001::/32`), which the kernel or a gateway would deliver to that IPv4 address.
 */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return false;
  const embedded = embeddedIpv4(address);
  if (embedded !== undefined && BLOCKED.check(embedded, 'ipv4')) return true;
  return BLOCKED.check(address.replace(/%.*$/, ''), 'ipv6');
}

/** The IPv4 address an IPv6 address embeds by one of the standard translations, if any. */
function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  const zeros = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d and 64:ff9b:1::/48 (NAT64).
  if (zeros(0, 5) && (words[5] === 0xffff || words[5] === 0)) return ipv4(words[6], words[7]);
  if (words[0] === 0x64 && words[1] === 0xff9b) return ipv4(words[6], words[7]);
  if (words[0] === 0x2002) return ipv4(words[1], words[2]); // 6to4: 2002:AABB:CCDD::/48
  if (words[0] === 0x2001 && words[1] === 0) return ipv4(~words[6] & 0xffff, ~words[7] & 0xffff); // Teredo: client, inverted
  return undefined;
}

/** The eight 16-bit words of an IPv6 address. */
type Ipv6Words = [number, number, number, number, number, number, number, number];

/** The eight 16-bit words of an IPv6 address, dotted IPv4 tails and `::` expanded. */
function ipv6Words(address: string): Ipv6Words | undefined {
  let text = address.replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const words = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((word) => parseInt(word, 16));
  return isEightWords(words) && words.every((word) => word >= 0 && word <= 0xffff) ? words : undefined;
}

function isEightWords(words: number[]): words is Ipv6Words {
  return words.length === 8;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `dns.lookup` for sockets that fails for names resolving to a non-public address. The
 * check runs on the addresses the socket will really connect to, which also defeats DNS
 * rebinding (a name that resolved to a public address a moment ago).
 */
export function publicOnlyLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const refused = addresses.find((entry) => isNonPublicAddress(entry.address));
    if (refused) {
      const denied: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${refused.address}, a non-public address; list the origin in the source's allowOrigins to fetch it`,
      );
      denied.code = 'ENONPUBLIC';
      callback(denied, []);
      return;
    }
    const all = (options as { all?: boolean }).all;
    if (all) {
      callback(null, addresses);
      return;
    }
    const [first] = addresses;
    if (!first) {
      // Not seen: dns.lookup reports a name without addresses as an error, handled above.
      const none: NodeJS.ErrnoException = new Error(`${hostname} resolves to no address`);
      none.code = 'ENOTFOUND';
      callback(none, []);
      return;
    }
    callback(null, first.address, first.family);
  });
}
