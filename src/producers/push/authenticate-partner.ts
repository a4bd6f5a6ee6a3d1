import { createHash, timingSafeEqual } from 'node:crypto';
import type { Partner } from '../../config/load-config.js';

/** Who a request is from, or why it is refused. */
export type PartnerAuth =
  | { ok: true; partner: Partner }
  | { ok: false; status: 401 | 403; message: string };

/**
 * Identifies the partner of an `Authorization: Bearer <key>` header. Keys are compared as
 * SHA-256 digests in constant time, so response timing says nothing about a key.
 */
export function authenticatePartner(authorization: string | undefined, partners: readonly Partner[]): PartnerAuth {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return { ok: false, status: 401, message: 'send the partner API key as "Authorization: Bearer <key>"' };
  const digest = sha256(match[1]!);
  const partner = partners.find((candidate) => timingSafeEqual(sha256(candidate.key), digest));
  if (!partner) return { ok: false, status: 401, message: 'unknown API key' };
  if (!partner.push) return { ok: false, status: 403, message: `partner "${partner.id}" may not push articles` };
  return { ok: true, partner };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
