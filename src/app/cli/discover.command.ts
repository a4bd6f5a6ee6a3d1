import { idFromUrl } from '../../ops/sources/opml-sources.js';
import { discoverSource, type Discovery } from '../../producers/sources/discover/discover-source.js';
import { httpLimitsOf } from '../../producers/sources/fetch/http-get.js';
import { EXIT, parseCommandArgs, UsageError, writeJson, type Command } from './cli-context.js';

const USAGE = `usage: syndicator discover <site-url> [--allow-origin ORIGIN]... [--json]

Finds the sources a site offers, from one of its pages, fetched as the fetcher fetches (the same
address guard, redirect and size limits): the page itself when it is a feed; the feeds it names
(<link rel="alternate"> of RSS, Atom and JSON Feed types), each read to check it is one; when
none reads, the common feed paths (/feed, /rss.xml, /atom.xml, /index.xml, /feed.json…); and, for a
portal's channel page, a list source with a CSS selector for its article links. Prints the
\`syndicator sources add\` command of each; adds nothing.

  --allow-origin ORIGIN   an origin that may be on a private address (an intranet site; repeat)
  --json                  print what was found as JSON

Exit code 1 when the page offers neither a feed nor a list of articles.
`;

/** `syndicator discover <site-url>`: the feeds a page names or a site keeps at the usual paths, and a list source for a channel page. */
export const discoverCommand: Command = {
  name: 'discover',
  synopsis: '<site-url> [--allow-origin ORIGIN]... [--json]',
  description: 'find the feeds a site offers and propose a list source for a channel page',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: { 'allow-origin': { type: 'string', multiple: true }, json: { type: 'boolean' } },
    });
    const [url, ...more] = positionals;
    if (url === undefined || more.length > 0) throw new UsageError('name one page of the site');
    if (!/^https?:\/\//i.test(url)) throw new UsageError(`not an http(s) URL: ${url}`);
    const config = context.config();
    const allowOrigins = values['allow-origin'] ?? [];
    const found = await discoverSource(url, {
      allowOrigins,
      limits: httpLimitsOf(config.fetch),
      concurrency: config.fetch.perHostConcurrency,
    });
    if (values.json) writeJson(context.stdout, found);
    else context.stdout.write(describe(found, allowOrigins));
    return found.feeds.length > 0 || found.list ? EXIT.ok : EXIT.failed;
  },
};

function describe(found: Discovery, allowOrigins: readonly string[]): string {
  const lines: string[] = [];
  const origins = allowOrigins.map((origin) => ` --allow-origin ${quoted(origin)}`).join('');
  if (found.feeds.length === 0) lines.push(`no feed found for ${found.url}`);
  else lines.push(`${found.feeds.length === 1 ? 'a feed' : `${found.feeds.length} feeds`} found for ${found.url}:`);
  for (const feed of found.feeds) {
    lines.push(`  ${feed.format.padEnd(4)}  ${feed.url}  ${feed.title ?? '(untitled)'}, ${feed.items} items (${VIA[feed.via]})`);
    const name = feed.title ?? idFromUrl(feed.url);
    lines.push(
      `        syndicator sources add --id ${idFromUrl(feed.url)} --name ${quoted(name)} --kind feed --url ${quoted(feed.url)}${origins}`,
    );
  }
  for (const { url, reason } of found.unreadable) lines.push(`  named by the page but unreadable: ${url}: ${reason}`);
  const list = found.list;
  if (list) {
    lines.push(`a channel page with ${list.links.length} article links: as a list source`);
    const selector = list.linkSelector ? ` --link-selector ${quoted(list.linkSelector)}` : '';
    lines.push(`  link selector: ${list.linkSelector ?? '(none picks them alone; the default list finder does)'}`);
    for (const link of list.links.slice(0, 5)) lines.push(`  ${link}`);
    const name = list.title ?? idFromUrl(found.url);
    lines.push(
      `        syndicator sources add --id ${idFromUrl(found.url)} --name ${quoted(name)} --kind list --url ${quoted(found.url)}${selector} --interval 15m${origins}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const VIA = { page: 'the page itself', link: 'named by the page', 'common-path': 'at a common path' } as const;

/** A value quoted for a POSIX shell. */
function quoted(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
