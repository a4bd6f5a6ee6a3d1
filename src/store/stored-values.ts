import { z } from 'zod';
import { AUTHOR_ROLES, type AlsoPublished, type Article } from '../domain/article.js';
import type { ChannelPlacement } from '../domain/channel.js';

/**
 * The checked decoders of what the store reads back: JSON in Redis is outside input too (an
 * older version wrote it, or someone with redis-cli did). A value that does not decode is an
 * error naming its key, raised where it is read, never a crash three calls on.
 */

/** A value read from Redis that is not what the store wrote. */
export class CorruptValueError extends Error {
  override name = 'CorruptValueError';
}

const placementSchema = z.object({
  id: z.string(),
  score: z.number(),
  evidence: z.array(
    z.object({
      name: z.string(),
      where: z.enum(['title', 'lead', 'body', 'hint', 'source']),
      division: z.string().optional(),
      weight: z.number(),
      note: z.string().optional(),
    }),
  ),
}) satisfies z.ZodType<ChannelPlacement>;

export const alsoPublishedSchema = z.object({
  url: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  publishedAt: z.string(),
}) satisfies z.ZodType<AlsoPublished>;

/** An article as the store writes it: the alsoPublishedBy list lives beside it, in its own key. */
export const articleSchema = z.object({
  id: z.string(),
  url: z.string(),
  itemKey: z.string(),
  title: z.string(),
  summary: z.string(),
  contentHtml: z.string(),
  contentText: z.string(),
  authors: z.array(z.object({ name: z.string(), role: z.enum(AUTHOR_ROLES) })),
  editors: z.array(z.string()),
  source: z.object({ id: z.string(), name: z.string() }),
  originalSource: z.string().nullable(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  firstSeenAt: z.string(),
  timeFlags: z.array(z.enum(['missing', 'future-clamped'])),
  language: z.string(),
  images: z.array(z.string()),
  channels: z.array(placementSchema),
  contentHash: z.string(),
  alsoPublishedBy: z.array(alsoPublishedSchema).default([]),
}) satisfies z.ZodType<Article>;

/**
 * The decoder of stored articles: articleSchema, reading the shape written before authors had
 * roles (`authors: string[]`, `editor: string | null`) as names with role 作者 and a list of
 * its one editor, so that no article stored earlier is lost or needs a migration.
 */
export const storedArticleSchema = z.preprocess(upgradeArticle, articleSchema) satisfies z.ZodType<Article>;

function upgradeArticle(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { editor, ...article } = value as Record<string, unknown>;
  const authors = Array.isArray(article.authors)
    ? article.authors.map((author: unknown) => (typeof author === 'string' ? { name: author, role: '作者' } : author))
    : article.authors;
  if (!('editors' in article) && (editor === null || typeof editor === 'string')) article.editors = editor === null ? [] : [editor];
  return { ...article, authors };
}

/** Parses a JSON string read from `key` with `schema`; throws CorruptValueError naming the key and the field. */
export function decodeStored<T>(schema: z.ZodType<T>, json: string, key: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new CorruptValueError(`store: ${key} holds no JSON: ${(cause as Error).message}`, { cause });
  }
  return checkStored(schema, value, key);
}

/** Checks a value read from `key` (a hash, a parsed JSON) with `schema`; throws CorruptValueError naming the key and the field. */
export function checkStored<T>(schema: z.ZodType<T>, value: unknown, key: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new CorruptValueError(`store: ${key} is corrupt at ${path === '' ? '(value)' : path}: ${issue?.message ?? 'invalid'}`);
}
