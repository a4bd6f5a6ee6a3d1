import { findPartnerByKey, type Partner } from '../../domain/partner.js';

/** Which partner a feed request is from, or why it is refused. */
export type FeedPartnerAuth = { ok: true; partner: Partner } | { ok: false; status: 401 | 403; message: string };

/** Returns the key of a feed request: `?key=`, else `Authorization: Bearer <key>`. */
export function feedKeyOf(queryKey: string | undefined, authorization: string | undefined): string | undefined {
  if (queryKey) return queryKey;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/**
 * Decides whether a key may pull a partner's feed of a channel: 401 without a key or with an
 * unknown one; 403 when the key is another partner's or the channel is not one the partner may
 * pull. Keys are compared as SHA-256 digests in constant time, as for pushes.
 */
export function authenticateFeedPartner(key: string | undefined, partnerId: string, channelId: string, partners: readonly Partner[]): FeedPartnerAuth {
  if (!key) return { ok: false, status: 401, message: 'send the partner API key as ?key=<key> or "Authorization: Bearer <key>"' };
  const partner = findPartnerByKey(key, partners);
  if (!partner) return { ok: false, status: 401, message: 'unknown API key' };
  if (partner.id !== partnerId) return { ok: false, status: 403, message: `this key is not partner "${partnerId}"'s` };
  if (!partner.channels.includes(channelId)) return { ok: false, status: 403, message: `partner "${partner.id}" may not pull channel "${channelId}"` };
  return { ok: true, partner };
}

