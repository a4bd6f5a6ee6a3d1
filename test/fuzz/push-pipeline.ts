import type { SourceRef } from '../../src/domain/source.js';
import { articleInputSchema, describeZodError, inputToRawItem } from '../../src/producers/push/article-input.js';
import { normalizeItem, type NormalizedItem } from '../../src/workers/process/normalize/normalize-item.js';

export const PUSH_SOURCE: SourceRef = { id: 'partner-fuzz', name: '模糊测试伙伴', channels: [] };

/** What the push route makes of a body: a 400 message, or the normalized article. */
export type PushResult = { rejected: string } | { article: NormalizedItem };

/** The push route's path for one body: validate, map to a RawItem, normalize (as `process` will). */
export function pushAndNormalize(body: unknown, fetchedAt: string): PushResult {
  const parsed = articleInputSchema.safeParse(body);
  if (!parsed.success) return { rejected: describeZodError(parsed.error) };
  return { article: normalizeItem(inputToRawItem(parsed.data), PUSH_SOURCE, fetchedAt) };
}
