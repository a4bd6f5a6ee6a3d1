import { findPartnerByKey, type Partner } from '../../domain/partner.js';

/** Who a request is from, or why it is refused. */
export type PartnerAuth =
  | { ok: true; partner: Partner }
  | { ok: false; status: 401 | 403; message: string };

/**
 * Identifies the partner of an `Authorization: Bearer <key>` header (findPartnerByKey compares
 * keys in constant time).
 */
export function authenticatePartner(authorization: string | undefined, partners: readonly Partner[]): PartnerAuth {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return { ok: false, status: 401, message: 'send the partner API key as "Authorization: Bearer <key>"' };
  const partner = findPartnerByKey(match[1]!, partners);
  if (!partner) return { ok: false, status: 401, message: 'unknown API key' };
  if (!partner.push) return { ok: false, status: 403, message: `partner "${partner.id}" may not push articles` };
  return { ok: true, partner };
}
