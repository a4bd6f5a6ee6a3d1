/** Query parameters that track a click rather than name a page. */
const TRACKING_PARAMS = /^(utm_\w+|spm|from|source|share_token|share_from|sharer|shareid|share_id|scene|clicktime|enterid|isappinstalled|wxshare_count|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmkt)$/i;

/**
 * Returns the canonical form of a URL: lower-case scheme and host, default port, fragment and
 * tracking parameters dropped, remaining parameters in their original order.
 */
export function canonicalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) parsed.searchParams.delete(key);
  }
  // URL already lower-cases the host and drops default ports (WHATWG URL §4.4).
  return parsed.href;
}
