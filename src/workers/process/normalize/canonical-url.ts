/** Query parameters that track a click rather than name a page. */
const TRACKING_PARAMS =
  /^(utm_\w+|spm|from|source|share_token|share_from|sharer|shareid|share_id|scene|clicktime|enterid|isappinstalled|wxshare_count|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmkt)$/i;

/**
 * Returns the canonical form of a URL: lower-case scheme and host, default port and fragment
 * dropped (the WHATWG URL parser does these), the host mapped through `hostAliases` (mobile
 * and wap variants of a site to its main host), tracking parameters removed, and the other
 * parameters left byte for byte as they were, so that `a%20b` and `flag` survive unchanged.
 */
export function canonicalizeUrl(url: string, hostAliases: Readonly<Record<string, string>> = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  const alias = hostAliases[parsed.hostname];
  if (alias) parsed.hostname = alias;
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !TRACKING_PARAMS.test(decodeKey(pair)));
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.href;
}

function decodeKey(pair: string): string {
  const key = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
