import type { Article, TimeFlag } from '../../../domain/article.js';
import type { RawItem } from '../../../domain/raw-item.js';
import type { SourceRef } from '../../../domain/source.js';
import { articleIdFor, contentHashOf, itemKeyOf } from '../dedupe/fingerprint.js';
import { canonicalizeUrl } from './canonical-url.js';
import { cleanLine, cleanText, removeXmlForbidden, wellFormed } from './clean-text.js';
import { describeEmptyItem } from './describe-empty-item.js';
import { htmlToText } from './html-to-text.js';
import { parseBylines } from './parse-bylines.js';
import { formatChinaTime, parseTime } from './parse-time.js';
import { sanitizeContent } from './sanitize-content.js';
import { stripFurniture, type RemovedFurniture } from './strip-furniture.js';
import { summarize } from './summarize.js';

/** How far ahead of the fetch time a publication time may be before it is clamped. */
const FUTURE_SKEW_MS = 10 * 60_000;

/** A normalized item: an Article still without its channels. */
export type NormalizedItem = Omit<Article, 'channels'>;

/** What normalization takes from the config. */
export interface NormalizeSettings {
  /** Host names mapped to the one that is canonical (`m.example.cn` → `www.example.cn`). */
  hostAliases: Readonly<Record<string, string>>;
}

const NO_SETTINGS: NormalizeSettings = { hostAliases: {} };

/**
 * Turns one raw item into a clean article: canonical URL, times in China time with offset,
 * furniture removed and HTML sanitized, its text, authors (with roles) and editors parsed from the bylines,
 * a summary. Throws when the item has neither a title nor any text: there is nothing to publish.
 */
export function normalizeItem(
  item: RawItem,
  source: SourceRef,
  fetchedAt: string,
  settings: NormalizeSettings = NO_SETTINGS,
): NormalizedItem {
  return normalizeItemWithReport(item, source, fetchedAt, settings).article;
}

/** normalizeItem, also returning the furniture it removed, for the debug log. */
export function normalizeItemWithReport(
  raw: RawItem,
  source: SourceRef,
  fetchedAt: string,
  settings: NormalizeSettings = NO_SETTINGS,
): { article: NormalizedItem; removed: RemovedFurniture[] } {
  const item = storableItem(raw);
  const fetchedMs = Date.parse(fetchedAt);
  // A guid stands in for the link only when it is itself a web address (RSS 2.0 isPermaLink).
  const url = canonicalizeUrl(item.url ?? (item.guid && /^https?:\/\//i.test(item.guid) ? item.guid : ''), settings.hostAliases);
  const baseUrl = /^https?:/.test(url) ? url : 'https://invalid.example/';
  const stripped = stripFurniture(item.html ?? textToHtml(item.text ?? ''));
  const contentHtml = removeXmlForbidden(sanitizeContent(stripped.html, contentBaseOf(item, baseUrl)));
  const contentText = cleanText(htmlToText(contentHtml));
  const title = cleanLine(item.title ?? '') || summarize(contentText, 30);
  if (!title && !contentText) throw new Error(describeEmptyItem(item, stripped.removed.length));
  const { publishedAt, timeFlags } = resolvePublished(item.published, fetchedMs);
  const updatedMs = item.updated ? parseTime(item.updated, fetchedMs) : undefined;
  // Byline and editor lines taken out of the text still name the authors and the editor.
  const creditLines = stripped.removed
    .filter((part) => part.kind === 'editor-line' || part.kind === 'byline-line')
    .map((part) => part.text);
  const bylines = parseBylines([...item.authors, ...creditLines]);
  const summary = cleanLine(item.summary ? htmlToText(item.summary) : '') || summarize(contentText);
  const itemKey = itemKeyOf(source.id, { ...item, url: url || undefined });
  const article: NormalizedItem = {
    id: articleIdFor(url || itemKey),
    url,
    itemKey,
    title,
    summary,
    contentHtml,
    contentText,
    authors: bylines.authors,
    editors: item.editors?.length ? [...new Set(item.editors.map(cleanLine).filter(Boolean))] : bylines.editors,
    source: { id: source.id, name: source.name },
    originalSource: item.originalSource ? cleanLine(item.originalSource) : null,
    publishedAt,
    updatedAt: updatedMs !== undefined && updatedMs > Date.parse(publishedAt) ? formatChinaTime(updatedMs) : publishedAt,
    firstSeenAt: formatChinaTime(fetchedMs),
    timeFlags,
    language: 'zh-CN',
    images: item.images,
    contentHash: contentHashOf(contentText || title),
    alsoPublishedBy: [],
  };
  return { article, removed: stripped.removed };
}

/** The item with every string made well-formed Unicode, so that no field can store a lone surrogate. */
/**
 * The item with every string storable and servable: well-formed Unicode (a lone surrogate
 * becomes U+FFFD), without the characters XML forbids, and image URLs as their parsed form
 * (percent-encoded) or dropped when they do not parse.
 */
function storableItem(item: RawItem): RawItem {
  const strings = (values: string[]) => values.map(removeXmlForbidden);
  const authors = item.authors.map((author) =>
    typeof author === 'string' ? removeXmlForbidden(author) : { ...author, name: cleanLine(removeXmlForbidden(author.name)) },
  );
  const mapped = Object.entries(item).map(([key, value]: [string, unknown]) => [
    key,
    typeof value === 'string' ? removeXmlForbidden(value) : value,
  ]);
  const fields = Object.fromEntries(mapped) as unknown as RawItem;
  const images = item.images.map((image) => URL.parse(wellFormed(image))?.href).filter((image): image is string => image !== undefined);
  return {
    ...fields,
    authors: authors.filter((author) => typeof author === 'string' || author.name !== ''),
    ...(item.editors ? { editors: strings(item.editors) } : {}),
    categories: strings(item.categories),
    images: strings(images),
    placeHints: strings(item.placeHints),
  };
}

/** Relative links in the content resolve against its own base (an Atom xml:base) when it has one, else the article's URL. */
function contentBaseOf(item: RawItem, articleUrl: string): string {
  return item.contentBase && /^https?:\/\//i.test(item.contentBase) ? item.contentBase : articleUrl;
}

function resolvePublished(published: string | undefined, fetchedMs: number): { publishedAt: string; timeFlags: TimeFlag[] } {
  const parsed = published ? parseTime(published, fetchedMs) : undefined;
  if (parsed === undefined) return { publishedAt: formatChinaTime(fetchedMs), timeFlags: ['missing'] };
  if (parsed > fetchedMs + FUTURE_SKEW_MS) return { publishedAt: formatChinaTime(fetchedMs), timeFlags: ['future-clamped'] };
  return { publishedAt: formatChinaTime(parsed), timeFlags: [] };
}

function textToHtml(text: string): string {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);
}
