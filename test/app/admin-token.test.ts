import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAdminToken } from '../../src/app/admin-token.js';

describe('resolveAdminToken', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'admin-token-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('uses SYNDICATOR_ADMIN_TOKEN when set, and writes nothing', () => {
    const dir = dataDir();
    expect(resolveAdminToken('ops-token-from-env', dir)).toEqual({ token: 'ops-token-from-env', origin: 'environment' });
    expect(() => statSync(dir)).toThrow();
  });

  it('generates a token on first start, keeps it mode 0600, and reads the same one after', () => {
    const dir = dataDir();
    const first = resolveAdminToken(undefined, dir);
    expect(first.origin).toBe('generated');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file!, 'utf8').trim()).toBe(first.token);
    expect(resolveAdminToken(undefined, dir)).toEqual({ token: first.token, origin: 'file', file: first.file });
  });

  it('takes a token file others could read back to its owner, and refuses one with no real token', () => {
    const dir = dataDir();
    const { file } = resolveAdminToken(undefined, dir);
    chmodSync(file!, 0o644);
    resolveAdminToken(undefined, dir);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    writeFileSync(file!, 'short\n');
    expect(() => resolveAdminToken(undefined, dir)).toThrow(/admin-token holds no token of at least 16 characters/);
  });
});
