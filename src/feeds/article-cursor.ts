import { z } from 'zod';
import type { ListingOrder, ListingPosition } from '../store/article-listing.js';

/**
 * Where a partner is in a listing of `/api/articles`, and which listing: the order, the
 * filters, and the (score, id) of the last article it was given. Handed out opaque (base64url
 * of JSON), so that its form can change without partners depending on it.
 */
export interface ArticleCursor {
  order: ListingOrder;
  channel: string;
  source?: string | undefined;
  q?: string | undefined;
  /** None: from the start of the listing. */
  position?: ListingPosition | undefined;
}

const cursorSchema = z.object({
  v: z.literal(1),
  o: z.enum(['published', 'changed']),
  c: z.string(),
  s: z.string().optional(),
  q: z.string().optional(),
  at: z.number().optional(),
  id: z.string().optional(),
});

/** Returns the cursor as the opaque text partners pass back in `cursor=`. */
export function encodeCursor(cursor: ArticleCursor): string {
  const json: z.infer<typeof cursorSchema> = {
    v: 1,
    o: cursor.order,
    c: cursor.channel,
    s: cursor.source,
    q: cursor.q,
    at: cursor.position?.score,
    id: cursor.position?.id,
  };
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/** Returns the cursor a text stands for, or undefined when it is none this API made. */
export function decodeCursor(text: string): ArticleCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { o, c, s, q, at, id } = parsed.data;
  return { order: o, channel: c, source: s, q, position: at === undefined ? undefined : { score: at, id } };
}
