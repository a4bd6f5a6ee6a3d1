import { z } from 'zod';
import { dropEmpty } from '../../../domain/drop-empty.js';
import { emptyRawItem } from '../../../domain/raw-item.js';
import { resolveUrl } from '../resolve-url.js';
import type { ParsedFeed } from './parsed-feed.js';

const authorSchema = z.looseObject({ name: z.string().optional() });

/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/); unknown fields are ignored. */
const jsonFeedSchema = z.looseObject({
  version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/, 'not a JSON Feed version URL'),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  author: authorSchema.optional(),
  authors: z.array(authorSchema).optional(),
  items: z.array(
    z.looseObject({
      id: z.union([z.string(), z.number()]).transform(String),
      url: z.string().optional(),
      title: z.string().optional(),
      content_html: z.string().optional(),
      content_text: z.string().optional(),
      summary: z.string().optional(),
      image: z.string().optional(),
      date_published: z.string().optional(),
      date_modified: z.string().optional(),
      author: authorSchema.optional(),
      authors: z.array(authorSchema).optional(),
      tags: z.array(z.string()).optional(),
    }),
  ),
});

/** Parses JSON Feed text into RawItems; errors name the field that is wrong. */
export function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Error(`feed: invalid JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = jsonFeedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`feed: not a JSON Feed: ${dropEmpty(issue?.path.join('.')) ?? 'document'}: ${issue?.message}`);
  }
  const feed = parsed.data;
  const base = resolveUrl(feed.home_page_url, feedUrl) ?? feedUrl;
  // JSON Feed 1.1 §items: `authors` replaces the deprecated 1.0 `author`; an item inherits the feed's.
  const feedAuthors = names(feed.authors ?? (feed.author ? [feed.author] : []));
  return {
    title: feed.title,
    link: feed.home_page_url,
    items: feed.items.map((item) => {
      const itemAuthors = names(item.authors ?? (item.author ? [item.author] : []));
      return {
        ...emptyRawItem(),
        guid: item.id,
        url: resolveUrl(item.url, base),
        title: item.title,
        html: item.content_html,
        text: item.content_text,
        summary: item.summary,
        authors: itemAuthors.length > 0 ? itemAuthors : feedAuthors,
        published: item.date_published,
        updated: item.date_modified,
        categories: item.tags ?? [],
        images: item.image ? [resolveUrl(item.image, base) ?? item.image] : [],
      };
    }),
  };
}

function names(authors: { name?: string | undefined }[]): string[] {
  return authors.map((author) => author.name?.trim() ?? '').filter(Boolean);
}
