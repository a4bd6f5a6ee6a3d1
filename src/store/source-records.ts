import { z } from 'zod';
import { SOURCE_KINDS, type Source } from '../domain/source.js';

/*
 * What the source registry keeps, and one checked decoder per kind of value: a record read
 * from Redis that is not what the registry wrote is an error naming its key.
 */

/** Who owns a source's definition: the config file (its entry is applied at each start) or the runtime (API, CLI). */
export type SourceOwner = 'config' | 'runtime';

/** A source in force, as the registry keeps it. */
export interface SourceRecord {
  source: Source;
  paused: boolean;
  owner: SourceOwner;
  /** The config file's entry last applied or seen for this source (canonical JSON), when the file has one. */
  seed?: string | undefined;
  /** Orders the listing: the config file's order first, then the order sources were added in. */
  order: number;
  changedAt: string;
  changedBy: string;
}

/** A source deleted at runtime: when and by whom. */
export interface DeletedSource {
  at: string;
  by: string;
}

const rulesSchema = z.object({
  title: z.string().optional(),
  time: z.string().optional(),
  source: z.string().optional(),
  author: z.string().optional(),
  body: z.string().optional(),
  drop: z.array(z.string()).optional(),
});

const storedSourceSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  url: z.string(),
  intervalMs: z.number().positive(),
  encoding: z.string().optional(),
  channels: z.array(z.string()),
  allowOrigins: z.array(z.string()),
  linkSelector: z.string().optional(),
  rules: rulesSchema.optional(),
  fullText: z.boolean().optional(),
  maxPages: z.number().int().positive().optional(),
}) satisfies z.ZodType<Source>;

export const sourceRecordSchema = z.object({
  source: storedSourceSchema,
  paused: z.boolean(),
  owner: z.enum(['config', 'runtime']),
  seed: z.string().optional(),
  order: z.number(),
  changedAt: z.string(),
  changedBy: z.string(),
}) satisfies z.ZodType<SourceRecord>;

export const deletedSourceSchema = z.object({ at: z.string(), by: z.string() }) satisfies z.ZodType<DeletedSource>;

/** One change of a source, as the change log keeps it. */
export interface SourceChange {
  at: string;
  actor: string;
  /** add, edit, pause, resume, remove, poll-now. */
  change: string;
  sourceId: string;
  /** The fields an add or edit set. */
  fields?: string[] | undefined;
}

export const sourceChangeSchema = z.object({
  at: z.string(),
  actor: z.string(),
  change: z.string(),
  sourceId: z.string(),
  fields: z.array(z.string()).optional(),
}) satisfies z.ZodType<SourceChange>;

/** Changes the change log keeps, the newest. */
export const CHANGES_KEPT = 1000;
