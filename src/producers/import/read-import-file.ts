import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RawItem } from '../../domain/raw-item.js';
import { decodeBody } from '../sources/fetch/decode-body.js';
import { parseFeed } from '../sources/formats/parse-feed.js';
import { extractArticle } from '../sources/pages/extract-article.js';
import { articleInputSchema, describeZodError, inputToRawItem } from '../push/article-input.js';

/** One item read from an import file, with the source it should be filed under when the file says. */
export interface ImportedItem {
  item: RawItem;
  sourceId?: string | undefined;
}

/** What one import file yielded: its items, and the problems found, each naming file and line. */
export interface ImportFileReading {
  kind: 'json-lines' | 'html' | 'feed';
  items: ImportedItem[];
  errors: string[];
}

/**
 * Reads one file for `syndicator import`: JSON Lines of articles (.jsonl, .ndjson), an HTML
 * article page (.html, .htm), or a feed (RSS, Atom, JSON Feed). A bad JSON line is reported
 * with its line number and skipped; the other lines still go in.
 */
export async function readImportFile(filePath: string, bytes: Buffer): Promise<ImportFileReading> {
  const extension = path.extname(filePath).toLowerCase();
  const fileUrl = pathToFileURL(path.resolve(filePath)).href;
  if (extension === '.jsonl' || extension === '.ndjson') return readJsonLines(filePath, bytes.toString('utf8'));
  const text = decodeBody(bytes);
  if (extension === '.html' || extension === '.htm') {
    return { kind: 'html', items: [{ item: extractArticle(text, fileUrl) }], errors: [] };
  }
  try {
    const feed = await parseFeed(text, fileUrl);
    return { kind: 'feed', items: feed.items.map((item) => ({ item })), errors: [] };
  } catch (error) {
    return { kind: 'feed', items: [], errors: [`${filePath}: ${(error as Error).message}`] };
  }
}

function readJsonLines(filePath: string, text: string): ImportFileReading {
  const items: ImportedItem[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${filePath}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      errors.push(`${where}: invalid JSON: ${(error as Error).message}`);
      return;
    }
    const parsed = articleInputSchema.safeParse(json);
    if (!parsed.success) {
      errors.push(`${where}: ${describeZodError(parsed.error)}`);
      return;
    }
    items.push({ item: inputToRawItem(parsed.data), sourceId: parsed.data.sourceId });
  });
  return { kind: 'json-lines', items, errors };
}
