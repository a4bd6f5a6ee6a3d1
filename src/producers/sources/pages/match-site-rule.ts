import type { PageMeta } from './read-page-meta.js';
import type { SiteRule } from './site-rules.js';

/**
 * Returns the rule for the page's site, or undefined. The site is known by host: the URL the
 * page was fetched from, then the URLs the page gives for itself (canonical, og:url, its
 * mobile version), so a saved copy still finds its rule. Only a page with no host at all (a
 * local file that names no URL) is known by the name it gives its site in a meta tag. File
 * names and paths never choose a rule.
 */
export function matchSiteRule(pageUrl: string, meta: PageMeta, rules: Readonly<Record<string, SiteRule>>): SiteRule | undefined {
  const hosts = [pageUrl, ...meta.identityUrls].map(hostOf).filter((host): host is string => !!host);
  for (const host of hosts) {
    const domain = Object.keys(rules).find((key) => host === key || host.endsWith(`.${key}`));
    if (domain) return rules[domain];
  }
  if (hosts.length > 0) return undefined;
  return Object.values(rules).find((rule) => rule.siteNames?.some((name) => meta.siteNames.includes(name)));
}

function hostOf(url: string): string | undefined {
  try {
    // Protocol-relative URLs (//m.example.com/…) are common in mobile-agent metas.
    const { protocol, hostname } = new URL(url, 'https://invalid.example/');
    return /^https?:$/.test(protocol) && hostname !== 'invalid.example' ? hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
