import type { FeedFormat } from '../../domain/feed-format.js';
import type { FeedGroup, ListedFeed } from './render-opml.js';
import { escapeHtml, stripNonXmlChars } from '../../domain/xml-text.js';

/** The media type and label of each format, as autodiscovery links name them. */
const FORMATS: { format: FeedFormat; type: string; label: string }[] = [
  { format: 'rss', type: 'application/rss+xml', label: 'RSS' },
  { format: 'atom', type: 'application/atom+xml', label: 'Atom' },
  { format: 'json', type: 'application/feed+json', label: 'JSON Feed' },
];

const text = (value: string) => escapeHtml(stripNonXmlChars(value));

/**
 * Returns the HTML home page: every feed of every group with links to its three formats, and in
 * the head a `<link rel="alternate">` per format of each discoverable feed (the autodiscovery
 * convention of RSS and Atom readers) plus a link to the OPML list of all of them.
 */
export function renderIndexPage(site: { name: string; language: string }, groups: readonly FeedGroup[], opmlUrl: string): string {
  const discovery = groups
    .filter((group) => group.discoverable)
    .flatMap((group) =>
      group.feeds.flatMap((feed) =>
        FORMATS.map(
          ({ format, type, label }) =>
            `<link rel="alternate" type="${type}" title="${text(`${feed.title} (${label})`)}" href="${text(`${feed.baseUrl}.${format}`)}">`,
        ),
      ),
    );
  const item = (feed: ListedFeed) =>
    `<li>${text(feed.title)}：${FORMATS.map(({ format, label }) => `<a href="${text(`${feed.baseUrl}.${format}`)}">${label}</a>`).join(' · ')}</li>`;
  const sections = groups.map((group) => [`<h2>${text(group.title)}</h2>`, '<ul>', ...group.feeds.map(item), '</ul>'].join('\n'));
  return [
    '<!doctype html>',
    `<html lang="${text(site.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${text(site.name)}</title>`,
    ...discovery,
    `<link rel="outline" type="text/x-opml" title="OPML" href="${text(opmlUrl)}">`,
    '</head>',
    '<body>',
    `<h1>${text(site.name)}</h1>`,
    ...sections,
    `<p><a href="${text(opmlUrl)}">OPML：全部频道订阅列表</a></p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
