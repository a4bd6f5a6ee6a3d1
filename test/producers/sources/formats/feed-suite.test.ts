import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFeedSuite, type FeedSuiteFile, type FeedSuiteResult } from '../../../../scripts/feed-suite.js';
import { FIXTURES } from '../../../support/paths.js';

const SUITE = path.join(FIXTURES, 'feed-suite');

/** One line per file, so that a failure names every file and what went wrong with it. */
function describeFiles(files: FeedSuiteFile[], detail: (file: FeedSuiteFile) => string | undefined): string[] {
  return files.map((file) => `${file.file}: ${detail(file) ?? file.status}`);
}

/**
 * The corpus of test/fixtures/feed-suite (modelled on Universal Feed Parser's wellformed and
 * illformed suites), run through decodeBody and parseFeed as scripts/eval-feeds.ts runs it.
 */
describe('parseFeed over the feed-suite corpus', () => {
  let result: FeedSuiteResult;
  beforeAll(async () => {
    result = await runFeedSuite(SUITE);
  }, 120_000);

  it('has every fixture in the manifest, and at least 250 of them', () => {
    expect(result.unlisted).toEqual([]);
    expect(result.files.length).toBeGreaterThanOrEqual(250);
  });

  it('ends in no internal error (only Errors starting "feed: " for bad input)', () => {
    const internal = result.files.filter((file) => file.status === 'internal');
    expect(describeFiles(internal, (file) => file.message)).toEqual([]);
  });

  it('gives the same result when a file is parsed again', () => {
    const unstable = result.files.filter((file) => file.unstable !== undefined);
    expect(describeFiles(unstable, (file) => file.unstable)).toEqual([]);
  });

  it('parses every well-formed file', () => {
    const refused = result.files.filter((file) => file.kind === 'wellformed' && file.status !== 'parsed');
    expect(describeFiles(refused, (file) => file.message)).toEqual([]);
  });

  it('returns what the manifest states for every well-formed development file', () => {
    const wrong = result.files.filter((file) => file.split === 'dev' && file.kind === 'wellformed' && file.checkFailures.length > 0);
    expect(describeFiles(wrong, (file) => file.checkFailures.join('; '))).toEqual([]);
  });

  it('returns what the manifest states for at least 95% of the held-out well-formed files (not tuned on)', () => {
    const heldOut = result.files.filter((file) => file.split === 'heldout' && file.kind === 'wellformed');
    const right = heldOut.filter((file) => file.status === 'parsed' && file.checkFailures.length === 0);
    expect(right.length / heldOut.length).toBeGreaterThanOrEqual(0.95);
  });

  it('refuses with a message that starts with "feed: " and is under 300 characters', () => {
    const refused = result.files.filter((file) => file.status === 'refused');
    const unfit = refused.filter((file) => !(file.message?.startsWith('feed: ') && file.message.length < 300));
    expect(describeFiles(unfit, (file) => file.message)).toEqual([]);
  });
});
