import { UsageError } from './cli-context.js';

/** The options of `syndicator sources add` and `edit`: one per field of a source, as the config file names it. */
export const SOURCE_FIELD_OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  url: { type: 'string' },
  interval: { type: 'string' },
  encoding: { type: 'string' },
  channel: { type: 'string', multiple: true },
  'link-selector': { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  rules: { type: 'string' },
  'full-text': { type: 'string' },
  'max-pages': { type: 'string' },
} as const;

/** The option values parseArgs gives for SOURCE_FIELD_OPTIONS. */
export interface SourceFieldValues {
  id?: string | undefined;
  name?: string | undefined;
  kind?: string | undefined;
  url?: string | undefined;
  interval?: string | undefined;
  encoding?: string | undefined;
  channel?: string[] | undefined;
  'link-selector'?: string | undefined;
  'allow-origin'?: string[] | undefined;
  rules?: string | undefined;
  'full-text'?: string | undefined;
  'max-pages'?: string | undefined;
}

/** The usage lines of those options. */
export const SOURCE_FIELD_USAGE = `  --id ID                 lower-case letters, digits, - and _ (add only: an id never changes)
  --name NAME             the name feeds and articles show (来源)
  --kind feed|page|list   a feed (RSS, Atom, JSON Feed), one article page, or a channel list page
  --url URL               http(s) (local files only from the config file)
  --interval 10m          how often it is polled (30s, 10m, 2h; default 10m)
  --channel ID            a channel every item of it belongs to (repeat for more)
  --encoding gbk          the charset when the source declares none
  --link-selector CSS     for a list page: a CSS selector for its article links
  --allow-origin ORIGIN   an origin (http://intranet.example:8080) it may reach on private addresses (repeat)
  --rules JSON            per-source extraction selectors: {"title": "h1", "body": "#content"}
  --full-text true|false  for a feed: fetch each entry's page and take its full text
  --max-pages N           for a list page: list pages read per poll, following 下一页 (default 3)
  In edit, an option given as '' takes the field out (back to its default).`;

/**
 * The fields the options set, as the config file names them. With `clearing` (edit), an empty
 * value is null: the field is taken out. Values are checked later, by the source's schema.
 */
export function sourceFieldsOf(values: SourceFieldValues, clearing: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const set = (field: string, value: unknown) => {
    if (value === undefined) return;
    fields[field] = clearing && (value === '' || (Array.isArray(value) && value.every((part) => part === ''))) ? null : value;
  };
  set('id', values.id);
  set('name', values.name);
  set('kind', values.kind);
  set('url', values.url);
  set('interval', values.interval);
  set('encoding', values.encoding);
  set('channels', values.channel);
  set('linkSelector', values['link-selector']);
  set('allowOrigins', values['allow-origin']);
  if (values.rules !== undefined) set('rules', values.rules === '' ? '' : parseRules(values.rules));
  // Typed as the config file types them; anything else goes through as given, for the schema to name.
  const flag = values['full-text'];
  set('fullText', flag === 'true' ? true : flag === 'false' ? false : flag);
  const pages = values['max-pages'];
  set('maxPages', pages !== undefined && /^\d+$/.test(pages) ? Number(pages) : pages);
  return fields;
}

function parseRules(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new UsageError(`--rules: not JSON: ${(cause as Error).message}`);
  }
}
