/** The kinds of source the fetch stage knows how to read. */
export const SOURCE_KINDS = ['feed', 'page', 'list'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A source as declared in the config file. */
export interface Source {
  id: string;
  name: string;
  kind: SourceKind;
  /** http(s) URL, or an absolute `file:` URL for a local file. */
  url: string;
  /** Poll interval in milliseconds. */
  intervalMs: number;
  /** Charset to use when the source does not declare one, or declares it wrongly. */
  encoding?: string | undefined;
  /** Channel ids this source's items belong to regardless of their text. */
  channels: string[];
  /**
   * Origins (`http://intranet.example:8080`) that fetches of this source may reach on loopback
   * and private addresses; every other URL, redirects included, must be public.
   */
  allowOrigins: string[];
  /** For `list` sources: a CSS selector for the article links, when the default finds the wrong ones. */
  linkSelector?: string | undefined;
  /** For article pages: CSS selectors for the fields, winning over the site table and the generic extractor. */
  rules?: SourceExtractionRules | undefined;
  /** For `feed` sources: fetch each entry's page and take its full text (title, body, time, authors) from it. */
  fullText?: boolean | undefined;
  /** For `list` sources: list pages read per poll, the first and those its next-page links lead to (default DEFAULT_LIST_PAGES). */
  maxPages?: number | undefined;
}

/** List pages a `list` source reads per poll unless it sets `maxPages`: the first page and the two its pager leads to. */
export const DEFAULT_LIST_PAGES = 3;
/** The most `maxPages` may be: a pager is followed for the newest stories, not to crawl an archive. */
export const MAX_LIST_PAGES = 20;

/** The list pages a source reads per poll. */
export function listPagesOf(source: Pick<Source, 'maxPages'>): number {
  return source.maxPages ?? DEFAULT_LIST_PAGES;
}

/** Per-source extraction rules, as data (the shape of a site rule). */
export interface SourceExtractionRules {
  title?: string | undefined;
  time?: string | undefined;
  source?: string | undefined;
  author?: string | undefined;
  body?: string | undefined;
  drop?: string[] | undefined;
}

/** The slice of a source that travels with each item, enough to attribute and place it. */
export interface SourceRef {
  id: string;
  name: string;
  channels: string[];
}
