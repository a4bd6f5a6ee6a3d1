import { z } from 'zod';
import { durationSchema, idSchema } from './schema-fields.js';
import { sourceSchema } from './source-schema.js';

const divisionCode = z.string().regex(/^\d{4}(\d{2}(\d{6})?)?$/, 'a division code: 4 digits (city), 6 (county) or 12 (town)');

export const channelSchema = z.strictObject({
  id: idSchema.refine((id) => id !== 'all', '"all" is reserved for the channel of every article'),
  name: z.string().min(1),
  /** The divisions the channel covers. */
  divisions: z.array(divisionCode).default([]),
  /** Whether the towns and streets under those divisions belong to it too. */
  rollUp: z.boolean().default(true),
  cityWide: z.boolean().default(false),
  /** What the public feeds of the channel carry: the full article, or its summary (partners always get full content). */
  publicContent: z.enum(['full', 'summary']).default('full'),
  /** A channel with nothing new for this long shows as stale to operators (status page, alert). */
  staleAfter: durationSchema.default(86_400_000),
});

export const partnerSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().min(1),
    /** The API key, or the name of the environment variable that holds it (preferred). */
    key: z.string().min(16, 'an API key needs at least 16 characters').optional(),
    keyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
      .optional(),
    /** Whether the partner may push articles (POST /api/articles). */
    push: z.boolean().default(true),
    /** Channels the partner's pushed articles belong to, and that it may pull. */
    channels: z.array(z.string()).default([]),
    rate: z.strictObject({ max: z.number().int().min(1).default(60), per: durationSchema.default(60_000) }).prefault({}),
  })
  .refine((partner) => (partner.key === undefined) !== (partner.keyEnv === undefined), {
    error: 'give exactly one of key and keyEnv',
  });

/** How sources are fetched: politeness and the limits of one fetch. */
const fetchSchema = z
  .strictObject({
    /** Politeness: requests at once to one host, across every worker process. */
    perHostConcurrency: z.number().int().min(1).default(2),
    /** Connect + response headers, and the longest silence within a body. */
    timeout: durationSchema.default(15_000),
    /** The whole fetch, redirects included. */
    totalTimeout: durationSchema.default(60_000),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(20).default(5),
  })
  .prefault({});

/** The fetch settings a config without a `fetch` section gets (also those of `syndicator extract <url>`). */
export const DEFAULT_FETCH_SETTINGS = fetchSchema.parse(undefined);

/** Near-duplicate settings: MinHash shape and the thresholds of the decision. */
const dedupeSchema = z
  .strictObject({
    shingleSize: z.number().int().min(2).max(10).default(5),
    bands: z.number().int().min(1).max(128).default(42),
    rows: z.number().int().min(1).max(16).default(3),
    /** The lead's length in characters, and its own bands × rows (0 bands: no lead bands). */
    leadChars: z.number().int().min(10).max(1000).default(64),
    leadBands: z.number().int().min(0).max(64).default(6),
    leadRows: z.number().int().min(1).max(16).default(4),
    jaccard: z.number().min(0).max(1).default(0.6),
    containment: z.number().min(0).max(1).default(0.8),
    containmentAnyTitle: z.number().min(0).max(1).default(0.9),
    minShingles: z.number().int().min(1).default(20),
    /** Candidates compared per item at most, those sharing the most bands first (0: all). */
    maxCandidates: z.number().int().min(0).default(24),
  })
  .prefault({});

/** The near-duplicate settings a config without a `dedupe` section gets. */
export const DEFAULT_DEDUPE_SETTINGS = dedupeSchema.parse(undefined);

export const configFileSchema = z.strictObject({
  site: z
    .strictObject({
      name: z.string().default('Syndicator'),
      /** The URL readers reach this server at; defaults to http://localhost:PORT. */
      publicUrl: z.url().optional(),
      language: z.string().default('zh-CN'),
    })
    .prefault({}),
  city: z.strictObject({
    name: z.string().min(1),
    code: z.string().regex(/^\d{4}$/, 'the 4-digit code of a prefecture-level city, e.g. "3709"'),
  }),
  gazetteer: z
    .strictObject({
      aliases: z.record(divisionCode, z.array(z.string().min(2))).default({}),
      places: z
        .array(
          z.strictObject({
            name: z.string().min(2),
            division: divisionCode.optional(),
            channel: idSchema.optional(),
            /** Places elsewhere bear the name too (高新区, 莲花山): it counts only when nothing says it is elsewhere. */
            shared: z.boolean().optional(),
          }),
        )
        .default([]),
      notPlaces: z.array(z.string().min(2)).default([]),
      elsewhere: z.array(z.string().min(2)).default([]),
      townShortForms: z.boolean().default(true),
      shortFormStoplist: z.array(z.string()).default([]),
    })
    .prefault({}),
  redis: z
    .strictObject({
      prefix: z.string().min(1).default('syn'),
      /** The seed nodes (`host:port`) of a Redis Cluster; when set, the app connects to the cluster, not REDIS_URL. */
      cluster: z
        .array(z.string().regex(/^(\[[0-9a-fA-F:]+\]|[^\s:]+):\d{1,5}$/, 'a node is host:port'))
        .min(1)
        .optional(),
    })
    .prefault({}),
  feeds: z
    .strictObject({
      /** Items per feed page unless ?limit= asks otherwise (at most 200). */
      limit: z.number().int().min(1).max(200).default(50),
      /** How long readers and caches may keep a feed: Cache-Control max-age. */
      maxAge: durationSchema.default(300_000),
      /** The WebSub hub that every feed names and that is pinged on every change. */
      hub: z.url().optional(),
    })
    .prefault({}),
  fetch: fetchSchema,
  workers: z
    .strictObject({
      /** Fetches at once per worker process: network-bound, and a slow source holds one of them at most. */
      fetchConcurrency: z.number().int().min(1).default(16),
      processConcurrency: z.number().int().min(1).default(8),
      /** Items waiting in `process` past which polls wait and pushes are answered 503: a burst grows Redis only so far. */
      processBacklogLimit: z.number().int().min(1).default(50_000),
      /**
       * Threads that prepare items (normalize, classify, sketch, keywords) in each process running the `process`
       * queue, beside its main thread (which claims and stores); 0: the main thread prepares. Unset: cores − 1 from
       * four cores up, else 0 (on two cores a pool was measured slower than none).
       */
      processThreads: z.number().int().min(0).max(256).optional(),
      /** A worker process without the HTTP server serves /metrics, /healthz and /readyz on this port (0: any free port; unset: none). */
      metricsPort: z.number().int().min(0).max(65535).optional(),
    })
    .prefault({}),
  /** How long the store keeps articles (from when they were first seen), and how often expired ones are deleted. */
  retention: z
    .strictObject({
      keep: durationSchema.default(90 * 86_400_000),
      every: durationSchema.default(3_600_000),
    })
    .prefault({}),
  /** How long a process may take to stop on SIGTERM/SIGINT (finish running jobs, close connections) before it exits with code 1. */
  shutdownGrace: durationSchema.default(10_000),
  channels: z.array(channelSchema).min(1),
  sources: z.array(sourceSchema).default([]),
  urls: z
    .strictObject({
      /** Host names mapped to their canonical host, e.g. `m.yybnet.net: www.yybnet.net`. */
      hostAliases: z.record(z.string().regex(/^[a-z0-9.-]+$/, 'a lower-case host name'), z.string().regex(/^[a-z0-9.-]+$/)).default({}),
    })
    .prefault({}),
  dedupe: dedupeSchema,
  lists: z
    .strictObject({
      /** How many items each precomputed list keeps (its endpoints answer up to this many). */
      size: z.number().int().min(5).max(100).default(50),
      /** A reader's profile (what they read) is deleted after this long without activity. */
      profileTtl: durationSchema.default(30 * 86_400_000),
      /** How many reads a profile keeps, the newest. */
      profileSize: z.number().int().min(10).max(1000).default(200),
      /** Events one reader may send in a minute; the rest of that minute is dropped as a flood. */
      maxEventsPerMinute: z.number().int().min(1).default(60),
    })
    .prefault({}),
  push: z
    .strictObject({
      maxBodyBytes: z
        .number()
        .int()
        .min(1024)
        .default(1024 * 1024),
      maxItems: z.number().int().min(1).max(1000).default(100),
    })
    .prefault({}),
  partners: z.array(partnerSchema).default([]),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
