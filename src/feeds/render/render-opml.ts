import { escapeHtml, stripNonXmlChars } from '../../domain/xml-text.js';

/** One feed a directory lists: its name and its URL without the `.{format}` extension. */
export interface ListedFeed {
  title: string;
  baseUrl: string;
}

/** A named group of listed feeds (channels, sources). */
export interface FeedGroup {
  title: string;
  feeds: readonly ListedFeed[];
  /** Whether the home page names these feeds for autodiscovery (the channels; not every source). */
  discoverable?: boolean;
}

/** What an OPML file says about itself. */
export interface OpmlHead {
  title: string;
  ownerName: string;
  homeUrl: string;
  language: string;
  created: Date;
}

const attr = (text: string) => escapeHtml(stripNonXmlChars(text));

/**
 * Returns an OPML 2.0 subscription list (http://opml.org/spec2.opml) with one folder per group
 * and one `type="rss"` outline per feed, pointing at its RSS 2.0 URL, as feed readers import it.
 */
export function renderOpml(head: OpmlHead, groups: readonly FeedGroup[]): string {
  const outline = (feed: ListedFeed) =>
    `      <outline type="rss" version="RSS2" text="${attr(feed.title)}" title="${attr(feed.title)}" xmlUrl="${attr(`${feed.baseUrl}.rss`)}" htmlUrl="${attr(head.homeUrl)}" language="${attr(head.language)}"/>`;
  const folders = groups.map((group) =>
    [`    <outline text="${attr(group.title)}" title="${attr(group.title)}">`, ...group.feeds.map(outline), '    </outline>'].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${attr(head.title)}</title>`,
    `    <dateCreated>${head.created.toUTCString()}</dateCreated>`,
    `    <ownerName>${attr(head.ownerName)}</ownerName>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...folders,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
