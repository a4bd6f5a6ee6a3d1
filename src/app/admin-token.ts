import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the admin token came from: the environment, the data directory, or made just now. */
export type AdminTokenOrigin = 'environment' | 'file' | 'generated';

export interface AdminToken {
  token: string;
  origin: AdminTokenOrigin;
  /** The file that holds it, unless it came from the environment. */
  file?: string;
}

/** The file under the data directory that keeps a generated token. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/** Returns a new random token: 32 bytes, URL-safe. */
export function newAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The admin token of this installation. Admin surfaces are never open: without
 * SYNDICATOR_ADMIN_TOKEN, the first start generates a token and keeps it in
 * `<dataDir>/admin-token` (mode 0600), and every later start, and every other process sharing
 * the data directory, reads it from there.
 */
export function resolveAdminToken(configured: string | undefined, dataDir: string): AdminToken {
  if (configured) return { token: configured, origin: 'environment' };
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  const existing = readToken(file);
  if (existing) return { token: existing, origin: 'file', file };
  mkdirSync(dataDir, { recursive: true });
  try {
    // `wx`: when two processes start at once, one writes and the other reads what it wrote.
    writeFileSync(file, `${newAdminToken()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`admin token: cannot write ${file}`, { cause: error });
  }
  const token = readToken(file);
  if (!token) throw new Error(`admin token: ${file} is empty`);
  return { token, origin: 'generated', file };
}

function readToken(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`admin token: cannot read ${file}`, { cause: error });
  }
  // A token file others can read is no secret: take it back to the owner only.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const token = text.trim();
  if (token.length < 16) throw new Error(`admin token: ${file} holds no token of at least 16 characters; delete it to make a new one`);
  return token;
}
