import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeBody } from '../producers/sources/fetch/decode-body.js';
import { fetchResource } from '../producers/sources/fetch/fetch-resource.js';
import { extractArticle } from '../producers/sources/pages/extract-article.js';
import type { Author } from '../domain/article.js';
import { normalizeItem } from '../workers/process/normalize/normalize-item.js';

/** One extracted page as `syndicator extract --json` prints it. */
export interface ExtractedPage {
  file: string;
  title: string;
  publishedAt: string | null;
  authors: Author[];
  editors: string[];
  originalSource: string | null;
  contentText: string;
  contentHtml: string;
}

/**
 * Extracts the article of a local HTML file or an http(s) URL, normalized as `process` would.
 * `rules: false` leaves the per-site rules out (to score the generic extractor alone).
 */
export async function extractPage(input: string, options: { rules: boolean } = { rules: true }): Promise<ExtractedPage> {
  const isUrl = /^https?:\/\//i.test(input);
  const url = isUrl ? input : pathToFileURL(path.resolve(input)).href;
  const fetched = isUrl ? await fetchResource(url) : { status: 'ok' as const, body: await readFile(input), contentType: undefined };
  if (fetched.status !== 'ok') throw new Error(`extract: ${input}: not modified`);
  const item = extractArticle(decodeBody(fetched.body, fetched.contentType), url, options);
  const article = normalizeItem(item, { id: 'extract', name: 'extract', channels: [] }, new Date().toISOString());
  return {
    file: input,
    title: article.title,
    publishedAt: article.timeFlags.includes('missing') ? null : article.publishedAt,
    authors: article.authors,
    editors: article.editors,
    originalSource: article.originalSource,
    contentText: article.contentText,
    contentHtml: article.contentHtml,
  };
}
