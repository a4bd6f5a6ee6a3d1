import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

/** A well-formed RSS 2.0 feed with one item whose text names `place`. */
export function goodFeed(name: string, place: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${name}</title><link>https://news.example.cn/${name}/</link><description>${name}</description>
<item><title>${place}举行春季运动会</title><link>https://news.example.cn/${name}/1.html</link><guid>${name}-1</guid>
<pubDate>Tue, 12 Mar 2024 09:15:00 +0800</pubDate><description><![CDATA[<p>近日，${place}举行春季运动会，1200余名群众参加。</p>]]></description></item>
</channel></rss>`;
}

const GBK_FEED = iconv.encode(goodFeed('gbk', '宁阳县磁窑镇').replace('encoding="utf-8"', 'encoding="gbk"'), 'gbk');
const GBK_FEED_NO_DECLARATION = iconv.encode(goodFeed('gbk-bare', '东平县州城街道').replace(' encoding="utf-8"', ''), 'gbk');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * An HTTP server on 127.0.0.1 that answers as broken real-world sources do: slow, failing,
 * rate-limiting, redirecting forever, too large, compressed into a bomb, truncated, mislabelled.
 */
export class FaultServer {
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly hits = new Map<string, number>();
  /** Every request by its full URL (query included) and when it came, in arrival order. */
  readonly requests: { url: string; at: number }[] = [];
  /** The most requests for one full URL that were open at once. */
  readonly maxOpen = new Map<string, number>();
  private readonly open = new Map<string, number>();
  private readonly bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));

  private readonly routes: Record<string, Handler> = {
    '/good.rss': (_req, res) => this.send(res, 200, goodFeed('good', '新泰市羊流镇'), 'application/rss+xml; charset=utf-8'),
    '/slow-headers.rss': (_req, res) => this.later(5_000, () => this.send(res, 200, goodFeed('slow', '肥城市'), 'application/rss+xml')),
    '/slow-body.rss': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const tick = setInterval(() => res.write(' '), 300);
      this.timers.add(tick);
      res.on('close', () => clearInterval(tick));
    },
    '/gone.rss': (_req, res) => this.send(res, 410, 'this feed has been retired', 'text/plain'),
    '/500.rss': (_req, res) => this.send(res, 500, 'internal error', 'text/plain'),
    '/503.rss': (_req, res) => this.send(res, 503, 'maintenance', 'text/plain', { 'retry-after': '3600' }),
    '/429.rss': (_req, res) => this.send(res, 429, 'slow down', 'text/plain', { 'retry-after': '120' }),
    '/304.rss': (req, res) =>
      req.headers['if-none-match'] === '"v1"'
        ? this.send(res, 304, '', 'application/rss+xml', { etag: '"v1"' })
        : this.send(res, 200, goodFeed('etag', '东平县老湖镇'), 'application/rss+xml', { etag: '"v1"' }),
    '/loop.rss': (_req, res) => this.send(res, 302, '', 'text/plain', { location: '/loop.rss' }),
    /** `/redirect?to=URL`: a 302 to wherever the query says, as a compromised or hostile source would send. */
    '/redirect': (req, res) =>
      this.send(res, 302, '', 'text/plain', { location: new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/' }),
    '/huge.rss': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {
        // The client is meant to give up part way; the reset that follows is not a failure.
      });
      pump();
    },
    '/bomb.rss': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      res.on('error', () => {
        // The client is meant to give up part way; the reset that follows is not a failure.
      });
      res.end(this.bomb);
    },
    '/truncated.rss': (_req, res) => this.send(res, 200, goodFeed('cut', '泰山区').slice(0, 300), 'application/rss+xml'),
    '/html.rss': (_req, res) =>
      this.send(res, 200, '<!DOCTYPE html><html><head><title>首页</title></head><body><p>欢迎</p></body></html>', 'text/html'),
    '/empty.rss': (_req, res) => this.send(res, 200, '', 'application/rss+xml'),
    '/gbk-no-header.rss': (_req, res) => this.send(res, 200, GBK_FEED_NO_DECLARATION, 'application/rss+xml'),
    '/gbk-wrong-header.rss': (_req, res) => this.send(res, 200, GBK_FEED, 'application/rss+xml; charset=utf-8'),
    '/control-chars.rss': (_req, res) =>
      this.send(res, 200, goodFeed('ctl', '岱岳区满庄镇').replace('春季运动会', '春季\u0001运动会\u000b'), 'application/rss+xml'),
  };

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      this.track(req.url ?? '/', res);
      const handler = this.routes[path];
      if (handler) handler(req, res);
      else this.send(res, 404, 'not found', 'text/plain');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.timers.forEach(clearTimeout);
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Open requests for one URL, and for all of them under `*`. */
  private track(url: string, res: ServerResponse): void {
    this.requests.push({ url, at: Date.now() });
    for (const key of [url, '*']) {
      const open = (this.open.get(key) ?? 0) + 1;
      this.open.set(key, open);
      this.maxOpen.set(key, Math.max(open, this.maxOpen.get(key) ?? 0));
      res.once('close', () => this.open.set(key, (this.open.get(key) ?? 1) - 1));
    }
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(action, ms);
    this.timers.add(timer);
  }

  private send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(body);
  }
}
