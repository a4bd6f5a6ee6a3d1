/**
 * `npm run eval:feeds [-- dir]`: runs the feed-parser suite (default test/fixtures/feed-suite),
 * prints the table, then every failing development file with its message. Held-out files are
 * only counted: they are not for tuning, so their failures are not shown (`--show-heldout`
 * shows them, for the record once the work is done). Exits 1 when any file ended in an
 * internal error, 0 otherwise.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFeedSuiteTable, runFeedSuite, type FeedSuiteFile } from './feed-suite.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const showHeldout = args.includes('--show-heldout');
const dir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? path.join(ROOT, 'test', 'fixtures', 'feed-suite'));

/** Failure groups, in the order printed; a file may be in several. */
const GROUPS: [string, (file: FeedSuiteFile) => string | undefined][] = [
  ['internal errors', (file) => (file.status === 'internal' ? file.message : undefined)],
  ['unstable (the two runs differed)', (file) => file.unstable],
  ['well-formed but not parsed', (file) => (file.kind === 'wellformed' && file.status !== 'parsed' ? file.message : undefined)],
  ['checks failed', (file) => (file.checkFailures.length > 0 ? file.checkFailures.join('\n      ') : undefined)],
  [
    'ill-formed, outcome not the expected one',
    (file) =>
      file.kind === 'illformed' && !file.expectationMet
        ? `expected ${file.expect}, got ${file.status}${file.message ? `: ${file.message}` : ''}`
        : undefined,
  ],
];

const result = await runFeedSuite(dir);
process.stdout.write(`${formatFeedSuiteTable(result)}\n`);
if (result.unlisted.length > 0) process.stdout.write(`\nnot in the manifest: ${result.unlisted.join(', ')}\n`);
for (const [title, describe] of GROUPS) {
  const failing = result.files.filter((file) => describe(file) !== undefined);
  const shown = failing.filter((file) => showHeldout || file.split === 'dev');
  const lines = shown.map((file) => `  ${file.file} [${file.split}]\n      ${oneLine(describe(file)!)}`);
  const withheld = failing.length - shown.length;
  if (withheld > 0) lines.push(`  … and ${withheld} held-out file(s), not shown (--show-heldout)`);
  if (failing.length > 0) process.stdout.write(`\n${title} (${failing.length}):\n${lines.join('\n')}\n`);
}
process.exitCode = result.files.some((file) => file.status === 'internal') ? 1 : 0;

/** Messages can hold a whole document; keep the lines a person reads. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 300 ? `${line.slice(0, 297)}...` : line))
    .join('\n');
}
