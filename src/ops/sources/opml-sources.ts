import type { Channel } from '../../domain/channel.js';
import type { OpmlDocument, OpmlOutline } from './read-opml.js';

/** How outlines become sources when nothing in the file says otherwise. */
export interface OpmlImportOptions {
  /** The configured channels: a folder named like one (by id or name) files its feeds under it. */
  channels: readonly Pick<Channel, 'id' | 'name'>[];
  /** Channels every imported source belongs to (instead of those of its folders). */
  channelIds?: readonly string[] | undefined;
  /** The poll interval of sources the file gives none (`10m`). */
  interval?: string | undefined;
  /** Origins the imported sources may reach on private addresses (an intranet's feeds). */
  allowOrigins?: readonly string[] | undefined;
  /** Source ids in force already: a new id never takes one of them. */
  takenIds: ReadonlySet<string>;
  /** Source URLs in force already, by URL: an outline of one of them is left out. */
  takenUrls: ReadonlyMap<string, string>;
}

/** What one outline of the file comes to: the fields of a source to add (validated when added), or why it is left out. */
export type OpmlCandidate =
  { line: number; fields: Record<string, unknown>; paused: boolean } | { line: number; skipped: string; url?: string | undefined };

/** The longest id made from a URL. */
const MAX_ID_CHARS = 60;

/**
 * Turns the outlines of an OPML file into sources to add: a feed reader's subscriptions
 * (`xmlUrl`) become feed sources named by their title, filed under the channel their folder is
 * named after; Syndicator's own export (the `syn:` attributes) comes back as it was, page and
 * list sources included. Ids are made from the URL where the file has none. Outlines of a URL
 * already in force, repeated in the file, or without a URL are left out, each with why.
 */
export function sourcesFromOpml(doc: OpmlDocument, options: OpmlImportOptions): OpmlCandidate[] {
  const takenIds = new Set(options.takenIds);
  const seenUrls = new Map(options.takenUrls);
  return doc.outlines.map((outline) => {
    const syn = outline.syndicator;
    const kind = syn.kind ?? (outline.attributes.xmlUrl ? 'feed' : undefined);
    if (kind === undefined) return { line: outline.line, skipped: 'not a feed (no xmlUrl)' };
    const url = (kind === 'feed' ? outline.attributes.xmlUrl : (outline.attributes.url ?? outline.attributes.htmlUrl))?.trim();
    if (!url) return { line: outline.line, skipped: `a ${kind} source without a URL` };
    const existing = seenUrls.get(url);
    if (existing !== undefined) return { line: outline.line, skipped: `its URL is that of source "${existing}"`, url };
    const id = syn.id ?? uniqueId(idFromUrl(url), takenIds);
    takenIds.add(id);
    seenUrls.set(url, id);
    return { line: outline.line, fields: fieldsOf(outline, { id, kind, url }, options), paused: syn.paused === 'true' };
  });
}

function fieldsOf(
  outline: OpmlOutline,
  base: { id: string; kind: string; url: string },
  options: OpmlImportOptions,
): Record<string, unknown> {
  const syn = outline.syndicator;
  const name = (outline.attributes.title ?? outline.attributes.text ?? '').trim() || base.id;
  const interval = syn.interval ?? options.interval;
  const allowOrigins = [...new Set([...words(syn.allowOrigins), ...(options.allowOrigins ?? [])])];
  return {
    ...base,
    name,
    ...(interval === undefined ? {} : { interval }),
    channels: syn.channels === undefined ? channelsOf(outline, options) : list(syn.channels),
    ...(allowOrigins.length > 0 ? { allowOrigins } : {}),
    ...(syn.encoding === undefined ? {} : { encoding: syn.encoding }),
    ...(syn.linkSelector === undefined ? {} : { linkSelector: syn.linkSelector }),
    ...(syn.rules === undefined ? {} : { rules: parseJsonOr(syn.rules) }),
    ...(syn.fullText === undefined ? {} : { fullText: syn.fullText === 'true' ? true : syn.fullText === 'false' ? false : syn.fullText }),
    ...(syn.maxPages === undefined ? {} : { maxPages: /^\d+$/.test(syn.maxPages) ? Number(syn.maxPages) : syn.maxPages }),
  };
}

/** The channels given for the whole import, else those the outline's folders (or `category`) are named after. */
function channelsOf(outline: OpmlOutline, options: OpmlImportOptions): string[] {
  if (options.channelIds) return [...options.channelIds];
  const names = [...outline.folders, ...list(outline.attributes.category).map((category) => category.replace(/^\/+|\/+$/g, ''))];
  const found = names
    .map((name) => options.channels.find((channel) => channel.id === name || channel.name === name)?.id)
    .filter((id): id is string => id !== undefined);
  return [...new Set(found)];
}

/** An id for a source from its URL: host (without www.) and path, lower-case, `-` between words: `news-example-cn-rss-xintai`. */
export function idFromUrl(url: string): string {
  let text = url;
  try {
    const parsed = new URL(url);
    text = `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname}${parsed.search}`;
  } catch {
    // Not a URL: the id is made from the text as it is; adding the source will say what is wrong with it.
  }
  const id = text
    .toLowerCase()
    .replace(/\.(rss|xml|atom|json|html?|php|aspx?)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID_CHARS)
    .replace(/-+$/, '');
  return /^[a-z0-9]/.test(id) ? id : `source-${id}`.replace(/-+$/, '');
}

/** `id`, else `id-2`, `id-3`… whichever is free. */
function uniqueId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  let n = 2;
  while (taken.has(`${id}-${n}`)) n++;
  return `${id}-${n}`;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

/** The JSON value, or the text itself when it is not JSON (the schema then says what is wrong). */
function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
