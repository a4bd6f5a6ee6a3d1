import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { parseFeed } from '../../../../src/producers/sources/formats/parse-feed.js';
import { HAS_SHARED, SHARED, SHARED_MISSING } from '../../../support/paths.js';

const FEEDS = path.join(SHARED, 'corpus', 'feeds');
const files = HAS_SHARED ? readdirSync(FEEDS).sort() : [];

/** The real-world feeds of the shared corpus: RSS 1.0 (RDF), RSS 2.0 with modules, Atom, a Latin-1 feed. */
describe.skipIf(!HAS_SHARED)(`real-world feeds in ${FEEDS}${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING})`}`, () => {
  it('are all there', () => expect(files.length).toBeGreaterThanOrEqual(9));

  it.each(files.filter((file) => file !== 'incomplete-fields.atom'))(
    '%s parses into items with titles, links and no mojibake',
    async (file) => {
      const feed = await parseFeed(decodeBody(readFileSync(path.join(FEEDS, file))), `https://feeds.example.org/${file}`);
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item.url ?? item.guid, `${file}: every item has a link or guid`).toBeTruthy();
        expect(`${item.title ?? ''}${item.html ?? ''}`).not.toContain('\ufffd');
      }
    },
  );

  it('drops an entry with nothing in it (incomplete-fields.atom) instead of failing the feed', async () => {
    const feed = await parseFeed(decodeBody(readFileSync(path.join(FEEDS, 'incomplete-fields.atom'))), 'https://feeds.example.org/');
    expect(feed.items).toEqual([]);
  });

  it('reads the categories that carry a domain attribute (guardian.rss)', async () => {
    const feed = await parseFeed(decodeBody(readFileSync(path.join(FEEDS, 'guardian.rss'))), 'https://www.theguardian.com/');
    expect(feed.items[0]?.categories).toContain('Donald Trump');
  });

  it('decodes the undeclared Latin-1 feed (uolNoticias.rss)', async () => {
    const feed = await parseFeed(decodeBody(readFileSync(path.join(FEEDS, 'uolNoticias.rss'))), 'https://noticias.uol.com.br/');
    expect(feed.title).toBe('UOL Noticias');
    expect(JSON.stringify(feed.items)).toMatch(/[áéíóúãõç]/);
  });
});
