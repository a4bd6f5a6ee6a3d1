/**
 * The manifest of the feed-parser suite (test/fixtures/feed-suite/expectations.json) and the
 * checks it states about what a correct parser returns for a file.
 */
import { z } from 'zod';
import type { ParsedFeed } from '../src/producers/sources/formats/parse-feed.js';
import type { RawItem } from '../src/domain/raw-item.js';
import { parseTime } from '../src/workers/process/normalize/parse-time.js';

const nullableStrings = z.array(z.string().nullable());

/**
 * Per item, in document order. `null` means "absent" for titles, links, guids, published and
 * updated, and "not checked" for content.
 */
const checksSchema = z.strictObject({
  items: z.number().int().nonnegative().optional(),
  /** Plain text, markup removed, entities decoded; compared with white space collapsed. */
  titles: nullableStrings.optional(),
  /** Absolute URLs, resolved against xml:base or the feed URL. */
  links: nullableStrings.optional(),
  guids: nullableStrings.optional(),
  /** Each author the parser returns contains the expected name (it may keep "email (name)"). */
  authors: z.array(z.array(z.string())).optional(),
  /** Instants (ISO 8601) the raw time must denote when read as normalize reads it (parseTime). */
  published: nullableStrings.optional(),
  updated: nullableStrings.optional(),
  /** The item's categories, in any order. */
  categories: z.array(z.array(z.string())).optional(),
  /** A substring of the body (html, else text, else summary). */
  content: nullableStrings.optional(),
  ttl: z.number().optional(),
  /** Strings that must appear nowhere in the parsed feed (an unresolved external entity). */
  absent: z.array(z.string()).optional(),
  /** An upper bound on the size of the parsed feed as JSON (unbounded entity expansion). */
  maxOutputChars: z.number().int().positive().optional(),
});

export type FeedChecks = z.infer<typeof checksSchema>;

export const manifestSchema = z.array(
  z.strictObject({
    file: z.string().min(1),
    kind: z.enum(['wellformed', 'illformed']),
    expect: z.enum(['parse', 'refuse', 'either']),
    split: z.enum(['dev', 'heldout']),
    description: z.string().optional(),
    checks: checksSchema.optional(),
  }),
);

export type ManifestEntry = z.infer<typeof manifestSchema>[number];

/** "Now" for relative times; fixed, so that a run's results depend on the files alone. */
const NOW = Date.parse('2024-06-01T00:00:00Z');

type ItemCheck = (item: RawItem, expected: never) => string | undefined;

/** Per-item checks, by manifest key. */
const ITEM_CHECKS: Record<string, ItemCheck> = {
  titles: (item, expected: string | null) => compareText(item.title, expected),
  links: (item, expected: string | null) => compareExact(item.url, expected),
  guids: (item, expected: string | null) => compareExact(item.guid, expected),
  authors: (item, expected: string[]) => compareAuthors(item.authors, expected),
  published: (item, expected: string | null) => compareTime(item.published, expected),
  updated: (item, expected: string | null) => compareTime(item.updated, expected),
  categories: (item, expected: string[]) => compareCategories(item.categories, expected),
  content: (item, expected: string | null) => compareContent(item, expected),
};

/** Returns every check of `checks` that `feed` fails, as "check[index]: expected …, got …". */
export function failedChecks(feed: ParsedFeed, checks: FeedChecks): string[] {
  const failures: string[] = [];
  if (checks.items !== undefined && feed.items.length !== checks.items) {
    failures.push(`items: expected ${checks.items}, got ${feed.items.length}`);
  }
  for (const [key, check] of Object.entries(ITEM_CHECKS)) {
    const expected = checks[key as keyof FeedChecks] as unknown[] | undefined;
    expected?.forEach((value, index) => {
      const item = feed.items[index];
      const failure = item ? check(item, value as never) : undefined;
      if (failure) failures.push(`${key}[${index}]: ${failure}`);
    });
  }
  if (checks.ttl !== undefined && feed.ttlMinutes !== checks.ttl)
    failures.push(`ttl: expected ${checks.ttl}, got ${show(feed.ttlMinutes)}`);
  const json = checks.absent || checks.maxOutputChars ? JSON.stringify(feed) : '';
  for (const text of checks.absent ?? []) if (json.includes(text)) failures.push(`absent: the parsed feed contains ${show(text)}`);
  if (checks.maxOutputChars !== undefined && json.length > checks.maxOutputChars) {
    failures.push(`maxOutputChars: expected at most ${checks.maxOutputChars}, got ${json.length}`);
  }
  return failures;
}

function compareText(actual: unknown, expected: string | null): string | undefined {
  if (actual !== undefined && typeof actual !== 'string') return `expected ${show(expected)}, got a ${typeof actual}: ${show(actual)}`;
  const got = collapse(actual ?? '');
  const want = collapse(expected ?? '');
  return got === want ? undefined : `expected ${expected === null ? 'none' : show(want)}, got ${got === '' ? 'none' : show(got)}`;
}

function compareExact(actual: unknown, expected: string | null): string | undefined {
  if ((actual ?? null) === expected) return undefined;
  return `expected ${expected === null ? 'none' : show(expected)}, got ${actual === undefined ? 'none' : show(actual)}`;
}

function compareAuthors(actual: unknown, expected: string[]): string | undefined {
  const names = Array.isArray(actual) ? actual : [];
  const holds =
    names.length === expected.length &&
    expected.every((name, index) => typeof names[index] === 'string' && collapse(names[index]).includes(collapse(name)));
  return holds ? undefined : `expected ${show(expected)}, got ${show(actual)}`;
}

function compareTime(raw: unknown, expected: string | null): string | undefined {
  const got = typeof raw === 'string' ? parseTime(raw, NOW) : undefined;
  const want = expected === null ? undefined : Date.parse(expected);
  if (got === want) return undefined;
  const read = got === undefined ? 'no time' : new Date(got).toISOString();
  return `expected ${expected ?? 'none'}, got ${raw === undefined ? 'none' : `${show(raw)} (read as ${read})`}`;
}

function compareCategories(actual: unknown, expected: string[]): string | undefined {
  const got = (Array.isArray(actual) ? actual : []).map((value) => (typeof value === 'string' ? collapse(value) : show(value))).sort();
  const want = expected.map(collapse).sort();
  return JSON.stringify(got) === JSON.stringify(want) ? undefined : `expected ${show(want)}, got ${show(got)}`;
}

function compareContent(item: RawItem, needle: string | null): string | undefined {
  if (needle === null) return undefined;
  const body: unknown = item.html ?? item.text ?? item.summary;
  if (typeof body === 'string' && body.includes(needle)) return undefined;
  return `expected the body to contain ${show(needle)}, got ${body === undefined ? 'none' : show(body)}`;
}

/** White space collapsed (no-break and ideographic spaces included) and trimmed. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A value as JSON, cut to 120 characters. */
function show(value: unknown): string {
  // JSON.stringify gives undefined for undefined, functions and symbols, whatever its type says.
  const json = JSON.stringify(value) as string | undefined;
  const text = json ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
