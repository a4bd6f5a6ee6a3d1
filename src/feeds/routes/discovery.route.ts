import type { FastifyInstance } from 'fastify';
import { siteUrl } from '../../domain/feed-catalog.js';
import { compressDocument } from '../../store/stored-document.js';
import { etagOf } from '../../store/stored-document.js';
import { renderIndexPage } from '../render/render-index-page.js';
import { renderOpml } from '../render/render-opml.js';
import type { FeedDirectory } from '../serve/feed-directory.js';
import { sendDocument } from '../serve/send-document.js';
import { toServedDocument, type ServedDocument } from '../serve/served-document.js';

export interface DiscoveryRouteDeps {
  directory: FeedDirectory;
  maxAgeSeconds: number;
}

/**
 * `GET /feeds.opml`, the OPML list of every channel and source feed, and `GET /`, the home page
 * that lists them with autodiscovery links. Both follow from the config alone, so they are
 * rendered once when the server starts and served like feeds (ETag, 304, compression).
 */
export function registerDiscoveryRoutes(app: FastifyInstance, deps: DiscoveryRouteDeps): void {
  const { site } = deps.directory.catalog;
  const base = siteUrl(deps.directory.catalog);
  const started = new Date(Math.floor(Date.now() / 1000) * 1000);
  const groups = deps.directory.groups();
  const opmlUrl = `${base}/feeds.opml`;
  const opml = staticDocument(
    renderOpml(
      { title: `${site.name} 订阅列表`, ownerName: site.name, homeUrl: `${base}/`, language: site.language, created: started },
      groups,
    ),
    'text/x-opml; charset=utf-8',
    started,
    deps.maxAgeSeconds,
  );
  const index = staticDocument(renderIndexPage(site, groups, opmlUrl), 'text/html; charset=utf-8', started, deps.maxAgeSeconds);
  app.get('/feeds.opml', async (request, reply) => sendDocument(request, reply, opml));
  app.get('/', async (request, reply) => sendDocument(request, reply, index));
}

function staticDocument(text: string, contentType: string, modified: Date, maxAgeSeconds: number): ServedDocument {
  const body = Buffer.from(text, 'utf8');
  const stored = compressDocument({ body, etag: etagOf(body), lastModified: modified.toUTCString() });
  return toServedDocument(stored, 0, { contentType, cacheControl: `public, max-age=${maxAgeSeconds}` });
}
