import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { AUTHOR_ROLES } from '../domain/article.js';
import type { RawItem } from '../domain/raw-item.js';
import type { SourceRef } from '../domain/source.js';

/**
 * One schema per queue payload. Redis hands back untyped JSON, so every processor begins by
 * parsing its job's data with the schema of its queue.
 */

const optionalString = z.string().optional();

/** A byline as found, or a writer with their role. */
const rawAuthorSchema = z.union([z.string(), z.strictObject({ name: z.string(), role: z.enum(AUTHOR_ROLES) })]);

export const rawItemSchema = z
  .strictObject({
    guid: optionalString,
    url: optionalString,
    title: optionalString,
    html: optionalString,
    contentBase: optionalString,
    text: optionalString,
    summary: optionalString,
    authors: z.array(rawAuthorSchema),
    editors: z.array(z.string()).optional(),
    /** The one editor of payloads enqueued before `editors`: read as a list of one. */
    editor: optionalString,
    originalSource: optionalString,
    published: optionalString,
    updated: optionalString,
    categories: z.array(z.string()),
    images: z.array(z.string()),
    placeHints: z.array(z.string()),
  })
  .transform(({ editor, ...item }): RawItem =>
    editor !== undefined && item.editors === undefined ? { ...item, editors: [editor] } : item,
  ) satisfies z.ZodType<RawItem>;

export const sourceRefSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  channels: z.array(z.string()),
}) satisfies z.ZodType<SourceRef>;

/** `fetch`: poll a configured source, or fetch one page a list source linked to or a fullText entry links to. */
export const fetchPayloadSchema = z.strictObject({
  sourceId: z.string().min(1),
  /** Set for a page discovered on a list source; absent for a poll of the source itself. */
  pageUrl: z.string().optional(),
  /** Set for the page a fullText source's entry links to: the entry as the feed gave it, which the page fills. */
  item: rawItemSchema.optional(),
  /** An operator asked for this poll (poll now): it is made whatever the source's backoff, 410 or pause. */
  pollNow: z.literal(true).optional(),
});
export type FetchPayload = z.infer<typeof fetchPayloadSchema>;

/** `process`: one raw item to normalize, dedupe, classify and store. */
export const processPayloadSchema = z.strictObject({
  source: sourceRefSchema,
  item: rawItemSchema,
  /** When the item was fetched (ISO 8601); relative times such as 3小时前 count from here. */
  fetchedAt: z.iso.datetime({ offset: true }),
});
export type ProcessPayload = z.infer<typeof processPayloadSchema>;

/** `publish`: rebuild the rendered feeds of one channel. */
export const publishPayloadSchema = z.strictObject({
  channelId: z.string().min(1),
});
export type PublishPayload = z.infer<typeof publishPayloadSchema>;

/**
 * Parses a job's data with its queue's schema. A payload that violates it fails the job at
 * once (UnrecoverableError: a retry would read the same bytes), naming the queue and the field.
 */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown, queue: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    const where = path === '' ? '(payload)' : path;
    throw new UnrecoverableError(`${queue}: invalid job payload at ${where}: ${issue?.message ?? 'unknown'}`);
  }
  return result.data;
}
