/**
 * The feed-parser suite: every file of test/fixtures/feed-suite/expectations.json, read as
 * bytes, decoded by decodeBody (no Content-Type) and parsed by parseFeed with the file's own
 * feed URL, twice. Each file comes out parsed (with the manifest's checks applied), refused (an
 * Error whose message starts with "feed: ") or internal (anything else thrown, a "feed: " Error
 * caused by a TypeError, RangeError or ReferenceError, or a promise that never settles).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeBody } from '../src/producers/sources/fetch/decode-body.js';
import { parseFeed, type ParsedFeed } from '../src/producers/sources/formats/parse-feed.js';
import { failedChecks, manifestSchema, type ManifestEntry } from './feed-suite-checks.js';

/** Relative links in the corpus resolve against this URL followed by the file's path. */
export const SUITE_FEED_URL = 'https://feeds.example.cn/suite/';
const MANIFEST = 'expectations.json';
/** A parse whose promise has not settled by then is reported as an internal error (it would hang a fetch job). */
const SETTLE_TIMEOUT_MS = 2_000;
/** Files of the corpus directory that are not fixtures. */
const NOT_FIXTURES = new Set([MANIFEST, 'make-encodings.ts']);

export type FeedSuiteStatus = 'parsed' | 'refused' | 'internal';

/** One file's result. */
export interface FeedSuiteFile {
  file: string;
  /** `wellformed/rss`, `encodings`, …: the row of the table. */
  folder: string;
  kind: ManifestEntry['kind'];
  expect: ManifestEntry['expect'];
  split: ManifestEntry['split'];
  /** Outcome of the first run. */
  status: FeedSuiteStatus;
  /** The thrown message, when refused or internal. */
  message?: string;
  /** The checks that failed, when parsed (empty when all held or there were none). */
  checkFailures: string[];
  /** How the second run differed from the first, when it did. */
  unstable?: string;
  /** Whether the status agrees with `expect`. */
  expectationMet: boolean;
  ms: number;
}

export interface FeedSuiteResult {
  dir: string;
  files: FeedSuiteFile[];
  /** Files in the corpus directory that the manifest does not list. */
  unlisted: string[];
  ms: number;
}

type Outcome = { status: 'parsed'; feed: ParsedFeed } | { status: 'refused' | 'internal'; message: string };

/** Runs every file of the manifest in `dir` and returns the results, in manifest order. */
export async function runFeedSuite(dir: string): Promise<FeedSuiteResult> {
  const started = performance.now();
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')));
  const files: FeedSuiteFile[] = [];
  for (const entry of manifest) files.push(await runFile(dir, entry));
  const listed = new Set(manifest.map((entry) => entry.file));
  const onDisk = await listFiles(dir);
  return {
    dir,
    files,
    unlisted: onDisk.filter((file) => !listed.has(file) && !NOT_FIXTURES.has(file)),
    ms: performance.now() - started,
  };
}

async function runFile(dir: string, entry: ManifestEntry): Promise<FeedSuiteFile> {
  const bytes = await readFile(path.join(dir, entry.file));
  const feedUrl = SUITE_FEED_URL + entry.file;
  const started = performance.now();
  const first = await parseOnce(bytes, feedUrl);
  const ms = performance.now() - started;
  const second = await parseOnce(bytes, feedUrl);
  const [one, two] = [summarize(first), summarize(second)];
  return {
    file: entry.file,
    folder: folderOf(entry.file),
    kind: entry.kind,
    expect: entry.expect,
    split: entry.split,
    status: first.status,
    ...(first.status === 'parsed' ? {} : { message: first.message }),
    checkFailures: first.status === 'parsed' && entry.checks ? failedChecks(first.feed, entry.checks) : [],
    ...(one === two ? {} : { unstable: `run 1: ${one.slice(0, 150)} | run 2: ${two.slice(0, 150)}` }),
    expectationMet: entry.expect === 'either' || (entry.expect === 'parse') === (first.status === 'parsed'),
    ms,
  };
}

async function parseOnce(bytes: Buffer, feedUrl: string): Promise<Outcome> {
  try {
    // A fresh copy each run, so that a parser that mutated its input could not hide it.
    return { status: 'parsed', feed: await settleWithin(parseFeed(decodeBody(Buffer.from(bytes)), feedUrl), SETTLE_TIMEOUT_MS) };
  } catch (error) {
    if (!(error instanceof Error)) return { status: 'internal', message: `thrown non-Error: ${String(error)}` };
    if (!error.message.startsWith('feed: ')) return { status: 'internal', message: `${error.name}: ${error.message}` };
    const bug = programmingErrorIn(error.cause);
    // "feed: unable to parse feed: Cannot read properties of undefined" is our bug wearing the input's label.
    if (bug) return { status: 'internal', message: `${error.message} (a refusal caused by ${bug.name}: ${bug.message})` };
    return { status: 'refused', message: error.message };
  }
}

/** The first TypeError, RangeError or ReferenceError along a chain of causes. */
function programmingErrorIn(cause: unknown): Error | undefined {
  for (let at = cause, depth = 0; at instanceof Error && depth < 10; at = at.cause, depth++) {
    if (at instanceof TypeError || at instanceof RangeError || at instanceof ReferenceError) return at;
  }
  return undefined;
}

/** The promise's value, or a rejection when it has not settled within `ms`. */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the promise of parseFeed did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function summarize(outcome: Outcome): string {
  return outcome.status === 'parsed' ? `parsed ${JSON.stringify(outcome.feed)}` : `${outcome.status} ${outcome.message}`;
}

/** `wellformed/rss/x.xml` → `wellformed/rss`; `illformed/x.xml` → `illformed`. */
function folderOf(file: string): string {
  const parts = file.split('/');
  return (parts[0] === 'wellformed' ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

const COLUMNS: [string, (file: FeedSuiteFile) => boolean][] = [
  ['files', () => true],
  ['parsed', (file) => file.status === 'parsed'],
  ['checks ok', (file) => file.status === 'parsed' && file.checkFailures.length === 0],
  ['refused', (file) => file.status === 'refused'],
  ['internal', (file) => file.status === 'internal'],
  ['unstable', (file) => file.unstable !== undefined],
];

/** Returns the result as a text table: a row per folder and a total, dev | heldout per column. */
export function formatFeedSuiteTable(result: FeedSuiteResult): string {
  const folders = [...new Set(result.files.map((file) => file.folder))].sort();
  const rows: [string, FeedSuiteFile[]][] = [
    ...folders.map((folder): [string, FeedSuiteFile[]] => [folder, result.files.filter((file) => file.folder === folder)]),
    ['total', result.files],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const cell = 12;
  const lines = [
    ' '.repeat(width) + COLUMNS.map(([name]) => name.padStart(cell)).join(''),
    ' '.repeat(width) + COLUMNS.map(() => 'dev | held'.padStart(cell)).join(''),
  ];
  for (const [name, files] of rows) {
    if (name === 'total') lines.push('-'.repeat(width + cell * COLUMNS.length));
    const counts = COLUMNS.map(([, test]) => {
      const dev = files.filter((file) => file.split === 'dev' && test(file)).length;
      const held = files.filter((file) => file.split === 'heldout' && test(file)).length;
      return `${String(dev).padStart(3)} | ${String(held).padEnd(4)}`.padStart(cell);
    });
    lines.push(name.padEnd(width) + counts.join(''));
  }
  const dev = result.files.filter((file) => file.split === 'dev').length;
  lines.push(
    '',
    `Measured: parseFeed(decodeBody(bytes), '${SUITE_FEED_URL}<file>') on the ${result.files.length} files of ${MANIFEST} ` +
      `in ${result.dir}`,
    `(${dev} dev, ${result.files.length - dev} heldout), each run twice, in ${(result.ms / 1000).toFixed(1)} s. "checks ok": parsed, and every ` +
      `check of the manifest held; "refused": threw an Error starting "feed: "; "internal": threw anything else; "unstable": the runs differed.`,
  );
  return lines.join('\n');
}
