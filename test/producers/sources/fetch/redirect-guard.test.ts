import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNonPublicAddress } from '../../../../src/producers/sources/fetch/address-guard.js';
import { fetchResource } from '../../../../src/producers/sources/fetch/fetch-resource.js';
import { FaultServer } from '../../../support/fault-server.js';

/** A TCP listener standing in for Redis on loopback: it counts every connection the fetcher makes. */
class Canary {
  connections = 0;
  private readonly server: Server = createServer((socket) => {
    this.connections++;
    socket.destroy();
  });
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }
  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('redirects and the address guard', () => {
  const faults = new FaultServer();
  const canary = new Canary();
  let base: string;
  let port: number;
  const limits = { totalTimeoutMs: 3_000, headersTimeoutMs: 2_000 };

  beforeAll(async () => {
    base = await faults.start();
    port = await canary.start();
  });
  afterAll(async () => {
    await faults.stop();
    await canary.stop();
  });

  const redirectTo = (target: string) => `${base}/redirect?to=${encodeURIComponent(target)}`;

  it('fetches an allowed private origin, and follows redirects within it', async () => {
    const result = await fetchResource(redirectTo('/good.rss'), { allowOrigins: [base], limits });
    expect(result.status).toBe('ok');
    expect(result.finalUrl).toBe(`${base}/good.rss`);
  });

  it.each([
    ['the link-local metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['Redis on loopback', 'http://127.0.0.1:PORT/'],
    ['Redis by a decimal address', 'http://2130706433:PORT/'],
    ['Redis by a hex and short address', 'http://0x7f.1:PORT/'],
    ['Redis by an IPv6-mapped address', 'http://[::ffff:127.0.0.1]:PORT/'],
    ['Redis by localhost', 'http://localhost:PORT/'],
    ['a public host', 'https://example.com/feed.rss'],
  ])('refuses a redirect from an allowed origin to %s, and records why', async (_name, target) => {
    const before = canary.connections;
    const fetching = fetchResource(redirectTo(target.replace('PORT', String(port))), { allowOrigins: [base], limits });
    await expect(fetching).rejects.toThrow(/redirect to another origin .* refused/);
    expect(canary.connections).toBe(before);
  });

  it.each([
    ['Redis on loopback', 'http://127.0.0.1:PORT/'],
    ['Redis by a decimal address', 'http://2130706433:PORT/'],
    ['Redis by an IPv6-mapped address', 'http://[::ffff:7f00:1]:PORT/'],
    ['Redis by localhost', 'http://localhost:PORT/'],
  ])('refuses %s for a URL whose origin is not allowed', async (_name, target) => {
    const before = canary.connections;
    const fetching = fetchResource(target.replace('PORT', String(port)), { limits });
    await expect(fetching).rejects.toThrow(/non-public address/);
    expect(canary.connections).toBe(before);
  });

  it('follows a redirect between two allowed origins', async () => {
    const other = base.replace('127.0.0.1', 'localhost');
    const result = await fetchResource(redirectTo(`${other}/good.rss`), { allowOrigins: [base, other], limits });
    expect(result.status).toBe('ok');
  });
});

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    '2002:7f00:1::',
    '2002:c0a8:101::1',
    'fe80::1%eth0',
  ])('%s is not public', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '223.5.5.5', '2400:3200::1', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::'])('%s is public', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});
