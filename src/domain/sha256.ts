import { createHash, timingSafeEqual } from 'node:crypto';

/** Returns the SHA-256 of a text (as UTF-8) or of bytes: the raw digest, or in the given encoding. */
export function sha256(data: string | Uint8Array): Buffer;
export function sha256(data: string | Uint8Array, encoding: 'hex' | 'base64url'): string;
export function sha256(data: string | Uint8Array, encoding?: 'hex' | 'base64url'): Buffer | string {
  const hash = createHash('sha256').update(data);
  return encoding ? hash.digest(encoding) : hash.digest();
}

/**
 * Returns whether two secrets (tokens, API keys) are equal, in time that depends on neither:
 * their digests, of equal length whatever the secrets' lengths, are compared in constant time.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}
