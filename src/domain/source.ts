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
