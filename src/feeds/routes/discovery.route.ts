import type { FastifyInstance } from 'fastify';
import { siteUrl } from '../../domain/feed-catalog.js';
import type { Source } from '../../domain/source.js';
import { compressDocument } from '../../store/stored-document.js';
import { etagOf } from '../../store/stored-document.js';
import { renderIndexPage } from '../render/render-index-page.js';
import { renderOpml } from '../render/render-opml.js';
import type { FeedDirectory } from '../serve/feed-directory.js';
import { CHECK_DEADLINE_MS, checkedOrLastGood } from '../serve/last-good.js';
import { sendDocument } from '../serve/send-document.js';
import { toServedDocument, type ServedDocument } from '../serve/served-document.js';

export interface DiscoveryRouteDeps {
  directory: FeedDirectory;
  maxAgeSeconds: number;
  /** The sources in force (the registry: runtime changes included); without it, the config file's. */
  sourcesInForce?: () => Promise<Pick<Source, 'id' | 'name'>[]>;
  /** How often the sources in force are read again, at most (ms). */
  sourcesTtlMs?: number;
}

type Listing = readonly Pick<Source, 'id' | 'name'>[];

/**
 * `GET /feeds.opml`, the OPML list of every channel and source feed, and `GET /`, the home page
 * that lists them with autodiscovery links, served like feeds (ETag, 304, compression). They are
 * rendered again only when the sources in force changed (a source added, renamed or deleted at
 * runtime), read at most every `sourcesTtlMs`; while Redis does not answer, the last ones serve.
 */
export function registerDiscoveryRoutes(app: FastifyInstance, deps: DiscoveryRouteDeps): void {
  const { site } = deps.directory.catalog;
  const base = siteUrl(deps.directory.catalog);
  const opmlUrl = `${base}/feeds.opml`;
  const render = (sources: Listing) => {
    const modified = new Date(Math.floor(Date.now() / 1000) * 1000);
    const groups = deps.directory.groups(sources);
    const opml = renderOpml(
      { title: `${site.name} 订阅列表`, ownerName: site.name, homeUrl: `${base}/`, language: site.language, created: modified },
      groups,
    );
    return {
      signature: signatureOf(sources),
      opml: staticDocument(opml, 'text/x-opml; charset=utf-8', modified, deps.maxAgeSeconds),
      index: staticDocument(renderIndexPage(site, groups, opmlUrl), 'text/html; charset=utf-8', modified, deps.maxAgeSeconds),
    };
  };
  let current = render(deps.directory.catalog.sources);
  let checkedAt = 0;
  const ttlMs = deps.sourcesTtlMs ?? 5_000;
  const documents = async () => {
    const read = deps.sourcesInForce;
    if (!read || Date.now() - checkedAt < ttlMs) return current;
    checkedAt = Date.now();
    const sources = await checkedOrLastGood<Listing | undefined>(read(), undefined, CHECK_DEADLINE_MS);
    // An empty registry has not been seeded yet (no scheduler has started): the file's sources stand.
    const listing = sources && sources.length > 0 ? sources : deps.directory.catalog.sources;
    if (sources && signatureOf(listing) !== current.signature) current = render(listing);
    return current;
  };
  app.get('/feeds.opml', async (request, reply) => sendDocument(request, reply, (await documents()).opml));
  app.get('/', async (request, reply) => sendDocument(request, reply, (await documents()).index));
}

/** What the listing shows of the sources: their ids and names, in order. */
function signatureOf(sources: Listing): string {
  return JSON.stringify(sources.map(({ id, name }) => [id, name]));
}

function staticDocument(text: string, contentType: string, modified: Date, maxAgeSeconds: number): ServedDocument {
  const body = Buffer.from(text, 'utf8');
  const stored = compressDocument({ body, etag: etagOf(body), lastModified: modified.toUTCString() });
  return toServedDocument(stored, 0, { contentType, cacheControl: `public, max-age=${maxAgeSeconds}` });
}
