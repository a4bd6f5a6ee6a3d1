import { describe, expect, it } from 'vitest';
import { chooseEncoding, etagMatches, notModifiedSince } from '../../../src/feeds/serve/http-conditions.js';

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip;q=0.5', 'gzip'],
    ['identity', 'identity'],
    ['BR', 'br'],
    ['*, gzip;q=0, br;q=0', 'identity'],
    ['x-gzip', 'gzip'],
    ['*, x-gzip;q=0, br;q=0', 'identity'],
  ])('%s → %s', (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding);
  });
});

describe('etagMatches', () => {
  const tags = ['"abc"', '"abc-gz"', '"abc-br"'];
  it.each([
    ['"abc"', true],
    ['W/"abc-gz"', true],
    ['"x", "abc-br"', true],
    ['*', true],
    ['"abd"', false],
    ['abc', false],
  ])('%s → %s', (header, match) => {
    expect(etagMatches(header, tags)).toBe(match);
  });
});

describe('notModifiedSince', () => {
  const modified = Date.parse('Wed, 13 Mar 2024 00:00:00 GMT');
  it.each([
    ['Wed, 13 Mar 2024 00:00:00 GMT', true],
    ['Thu, 14 Mar 2024 00:00:00 GMT', true],
    ['Tue, 12 Mar 2024 23:59:59 GMT', false],
    ['Wednesday, 13-Mar-24 00:00:00 GMT', true],
    ['Wed Mar 13 00:00:00 2024', true],
    ['not a date', false],
    // RFC 9110 §13.1.3: an invalid date is ignored, although Date.parse reads each of these as one.
    ['x 2030', false],
    ['99999', false],
    ['2030', false],
    ['Wed, 13 Mar 2030', false],
    ['2030-01-01T00:00:00Z', false],
    ['Wed, 31 Feb 2030 00:00:00 GMT', false],
    ['Wed, 13 Mar 2030 00:00:00 +0800', false],
  ])('%s → %s', (header, result) => {
    expect(notModifiedSince(header, modified)).toBe(result);
  });
});
