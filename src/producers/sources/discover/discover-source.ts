import { maskCredentials } from '../../../domain/mask-credentials.js';
import { decodeBody } from '../fetch/decode-body.js';
import { fetchResource } from '../fetch/fetch-resource.js';
import type { HttpLimits } from '../fetch/http-get.js';
import { parseFeed } from '../formats/parse-feed.js';
import { commonFeedUrls, feedFormatOf, findFeedLinks } from './find-feed-links.js';
import { proposeListSource, type ListProposal } from './propose-list-source.js';
import { dropEmpty } from '../../../domain/drop-empty.js';

/** A feed found and read: where it is, its format and title, how many items it has now, and how it was found. */
export interface DiscoveredFeed {
  url: string;
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | undefined;
  items: number;
  /** `page`: the URL itself is a feed; `link`: the page names it (`<link rel="alternate">`); `common-path`: found at /feed, /rss.xml… */
  via: 'page' | 'link' | 'common-path';
}

/** What discovering a site's sources found. */
export interface Discovery {
  /** The page's URL after redirects. */
  url: string;
  feeds: DiscoveredFeed[];
  /** Feeds the page named that could not be read, each with why. */
  unreadable: { url: string; reason: string }[];
  /** A list source for the page, when it is a channel page with a list of articles. */
  list: ListProposal | undefined;
}

export interface DiscoverOptions {
  /** Origins that may be on private addresses (as a source's allowOrigins); every other is guarded as the fetcher guards it. */
  allowOrigins: readonly string[];
  limits: Partial<HttpLimits>;
  /** Requests at once to the site (the config's per-host politeness). */
  concurrency: number;
}

/**
 * Finds the sources a site offers, from one of its pages, through the fetcher's guarded HTTP
 * client (its address guard, redirect and size limits): the page itself when it is a feed;
 * else the feeds its `<link rel="alternate">` tags name, each fetched and read; when none of
 * them reads, the common feed paths (/feed, /rss.xml, /atom.xml, /index.xml, /feed.json…);
 * and, for a channel page, a `list` source with the selector of its article links.
 */
export async function discoverSource(pageUrl: string, options: DiscoverOptions): Promise<Discovery> {
  const page = await fetchText(pageUrl, options);
  const itself = await readFeed(page.text, page.url, 'page').catch(() => undefined);
  if (itself) return { url: page.url, feeds: [itself], unreadable: [], list: undefined };
  const unreadable: Discovery['unreadable'] = [];
  const named = await inBatches(
    findFeedLinks(page.text, page.url).map((link) => link.url),
    options.concurrency,
    async (url) => {
      try {
        const fetched = await fetchText(url, options);
        return await readFeed(fetched.text, fetched.url, 'link');
      } catch (error) {
        unreadable.push({ url: maskCredentials(url), reason: maskCredentials(messageOf(error)) });
        return undefined;
      }
    },
  );
  let feeds = named.filter((feed): feed is DiscoveredFeed => feed !== undefined);
  if (feeds.length === 0) {
    const probed = await inBatches(commonFeedUrls(page.url), options.concurrency, async (url) => {
      const fetched = await fetchText(url, options).catch(() => undefined);
      return fetched && readFeed(fetched.text, fetched.url, 'common-path').catch(() => undefined);
    });
    feeds = probed.filter((feed): feed is DiscoveredFeed => feed !== undefined);
  }
  return { url: page.url, feeds: onePerUrl(feeds), unreadable, list: proposeListSource(page.text, page.url) };
}

async function fetchText(url: string, options: DiscoverOptions): Promise<{ text: string; url: string }> {
  const fetched = await fetchResource(url, { allowOrigins: options.allowOrigins, limits: options.limits });
  // Nothing conditional was asked, so nothing can be "not modified"; a proxy that says so gave nothing to read.
  if (fetched.status !== 'ok') throw new Error(`discover: ${maskCredentials(url)}: answered 304 to an unconditional request`);
  return { text: decodeBody(fetched.body, fetched.contentType), url: fetched.finalUrl };
}

/** The document read as a feed (it must parse as one, as a poll would read it); throws when it is not one. */
async function readFeed(text: string, url: string, via: DiscoveredFeed['via']): Promise<DiscoveredFeed> {
  const feed = await parseFeed(text, url);
  return { url, format: feedFormatOf(text), title: dropEmpty(feed.title?.trim()), items: feed.items.length, via };
}

/** Runs `task` over the values, `size` at a time, and returns the results in order. */
async function inBatches<T, R>(values: readonly T[], size: number, task: (value: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < values.length; start += size)
    results.push(...(await Promise.all(values.slice(start, start + size).map(task))));
  return results;
}

/** Feeds once each by final URL (two paths redirecting to one feed are one feed). */
function onePerUrl(feeds: readonly DiscoveredFeed[]): DiscoveredFeed[] {
  return [...new Map(feeds.map((feed) => [feed.url, feed])).values()];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
