import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a path of the site answers: a status, a body and its type; or a handler of its own. */
export type SiteAnswer =
  | { status?: number; body: string; type?: string; headers?: Record<string, string> }
  | ((req: IncomingMessage, res: ServerResponse) => void);

/**
 * A small web site on 127.0.0.1 whose pages tests set and change while it runs (a feed that
 * starts failing, a page that gains a feed), counting the requests each path gets.
 */
export class FeedSite {
  private server: Server | undefined;
  private readonly answers = new Map<string, SiteAnswer>();
  readonly hits = new Map<string, number>();
  origin = '';

  /** Sets what a path answers from now on. */
  set(path: string, answer: SiteAnswer): this {
    this.answers.set(path, answer);
    return this;
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://site').pathname;
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const answer = this.answers.get(path);
      if (answer === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      else if (typeof answer === 'function') answer(req, res);
      else {
        const headers = { 'content-type': answer.type ?? 'text/html; charset=utf-8', ...answer.headers };
        res.writeHead(answer.status ?? 200, headers).end(answer.body);
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** An RSS 2.0 feed of `count` items, each a story of `place` with its own link, as a county portal's feed reads. */
export function rssFeed(name: string, place: string, count = 1, start = 1): string {
  const items = Array.from({ length: count }, (_, i) => {
    const n = start + i;
    return `<item><title>${place}第${n}期惠民活动启动</title><link>https://news.example.cn/${name}/${n}.html</link><guid>${name}-${n}</guid>
<pubDate>Tue, 12 Mar 2024 09:${String(n % 60).padStart(2, '0')}:00 +0800</pubDate>
<description><![CDATA[<p>近日，${place}第${n}期惠民活动正式启动，${n * 10 + 100}余名群众参加，活动内容包括政策宣讲与义诊。</p>]]></description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${name}</title><link>https://news.example.cn/${name}/</link><description>${name}</description>
${items.join('\n')}
</channel></rss>`;
}

/** The content type of an RSS answer. */
export const RSS_TYPE = 'application/rss+xml; charset=utf-8';
