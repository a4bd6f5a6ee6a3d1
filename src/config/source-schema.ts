import * as cheerio from 'cheerio';
import { z } from 'zod';
import { MAX_LIST_PAGES, SOURCE_KINDS } from '../domain/source.js';
import { durationSchema, idSchema } from './schema-fields.js';

/** A CSS selector that cheerio can run; checked when the config is read, not at the first fetch. */
const cssSelector = z.string().min(1).refine(isValidSelector, 'not a valid CSS selector');

function isValidSelector(selector: string): boolean {
  try {
    cheerio.load('')(selector);
    return true;
  } catch {
    return false;
  }
}

/** An exact origin: scheme, host and port, nothing else (`http://intranet.example:8080`). */
const originSchema = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'an origin: http(s)://host[:port], without path, query or credentials')
  .transform((value) => new URL(value).origin);

/** A source's fields; sourceSchema adds the checks across them. */
const sourceFieldsSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  kind: z.enum(SOURCE_KINDS),
  url: z.string().min(1),
  interval: durationSchema.default(600_000),
  encoding: z.string().optional(),
  channels: z.array(z.string()).default([]),
  /** Exact origins this source may fetch from on loopback or private addresses (an intranet CMS). */
  allowOrigins: z.array(originSchema).default([]),
  /** Replaced by allowOrigins; named here only to say so. */
  allowPrivateNetwork: z
    .unknown()
    .optional()
    .refine((value) => value === undefined, 'replaced by allowOrigins: list the exact origins, e.g. ["http://intranet.example:8080"]'),
  /** For `list` sources: a CSS selector for the article links; default: the largest list of headline links. */
  linkSelector: cssSelector.optional(),
  /** For article pages of this source: CSS selectors that win over the site table and the generic extractor. */
  rules: z
    .strictObject({
      title: cssSelector.optional(),
      time: cssSelector.optional(),
      source: cssSelector.optional(),
      author: cssSelector.optional(),
      body: cssSelector.optional(),
      drop: z.array(cssSelector).optional(),
    })
    .optional(),
  /** For `feed` sources: fetch each entry's linked page and extract its full text (README, Sources). */
  fullText: z.boolean().optional(),
  /** For `list` sources: list pages read per poll, following next-page links (default DEFAULT_LIST_PAGES). */
  maxPages: z.number().int().min(1).max(MAX_LIST_PAGES).optional(),
});

/** One source of the config file (and of the admin API and the CLI). */
export const sourceSchema = sourceFieldsSchema.superRefine((source, ctx) => {
  // Each option belongs to one kind: said at once rather than ignored on another.
  if (source.fullText !== undefined && source.kind !== 'feed')
    ctx.addIssue({
      code: 'custom',
      path: ['fullText'],
      message: `only feed sources (RSS, Atom, JSON Feed) take fullText, not a ${source.kind} source`,
    });
  if (source.maxPages !== undefined && source.kind !== 'list')
    ctx.addIssue({ code: 'custom', path: ['maxPages'], message: `only list sources take maxPages, not a ${source.kind} source` });
});
