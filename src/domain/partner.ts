import { dropEmpty } from './drop-empty.js';
import { secretsEqual } from './sha256.js';

/** A partner site: it pushes articles and pulls feeds with its API key, within its rate. */
export interface Partner {
  id: string;
  name: string;
  key: string;
  push: boolean;
  channels: string[];
  rate: { max: number; perMs: number };
}

/** What a request asks a partner's key for: to push articles, to send reading events, or to pull its feed of a channel. */
export type PartnerPermission = { kind: 'push' } | { kind: 'events' } | { kind: 'pull'; partnerId: string; channelId: string };

/** Who a request is from, or why it is refused: 401 without a known key, 403 when the key may not do this. */
export type PartnerAuth = { ok: true; partner: Partner } | { ok: false; status: 401 | 403; message: string };

/**
 * Returns the key a request presents: `Authorization: Bearer <key>`, else (where a feed reader
 * can send nothing but a URL) the `?key=` query parameter.
 */
export function presentedKey(authorization: string | undefined, queryKey?: string): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? dropEmpty(queryKey);
}

/**
 * Decides whether a key may do what the request asks: 401 without a key or with an unknown
 * one; 403 for a partner that may not push, a key that is another partner's, or a channel the
 * partner may not pull. Keys are compared as SHA-256 digests in constant time, so response
 * timing says nothing about a key.
 */
export function authenticatePartner(key: string | undefined, permission: PartnerPermission, partners: readonly Partner[]): PartnerAuth {
  const how = permission.kind === 'pull' ? '?key=<key> or "Authorization: Bearer <key>"' : '"Authorization: Bearer <key>"';
  if (!key) return { ok: false, status: 401, message: `send the partner API key as ${how}` };
  const partner = partners.find((candidate) => secretsEqual(key, candidate.key));
  if (!partner) return { ok: false, status: 401, message: 'unknown API key' };
  if (permission.kind === 'events') return { ok: true, partner }; // every configured partner may send events
  if (permission.kind === 'push') {
    return partner.push ? { ok: true, partner } : { ok: false, status: 403, message: `partner "${partner.id}" may not push articles` };
  }
  if (partner.id !== permission.partnerId)
    return { ok: false, status: 403, message: `this key is not partner "${permission.partnerId}"'s` };
  if (!partner.channels.includes(permission.channelId)) {
    return { ok: false, status: 403, message: `partner "${partner.id}" may not pull channel "${permission.channelId}"` };
  }
  return { ok: true, partner };
}

/**
 * The per-route @fastify/rate-limit settings that count each partner's requests against its
 * configured rate (`rate.max` per `rate.perMs`), once `partnerOf` can name the partner of a
 * request (in the hook given, after authentication).
 */
export function partnerRateLimit<R>(partnerOf: (request: R) => Partner, hook: 'preValidation' | 'preHandler') {
  return {
    hook,
    keyGenerator: (request: R) => partnerOf(request).id,
    max: (request: R) => partnerOf(request).rate.max,
    timeWindow: (request: R) => partnerOf(request).rate.perMs,
  };
}
