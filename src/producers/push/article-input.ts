import { z } from 'zod';
import { AUTHOR_ROLES, type Author } from '../../domain/article.js';
import { emptyRawItem, type RawItem } from '../../domain/raw-item.js';

const name = z.string().trim().min(1).max(100);
/** A writer: a plain name (role 作者) or `{ name, role }` with role 记者, 通讯员 or 作者. */
const authorSchema = z.union([name, z.strictObject({ name, role: z.enum(AUTHOR_ROLES) })]).meta({
  description: 'A name (role 作者), or { name, role } with role 记者, 通讯员 or 作者.',
});

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * One article as partners push it (POST /api/articles) and as JSON Lines import reads it.
 * Times may be ISO 8601 or any form normalize reads (2024-03-12 09:15 is China time).
 */
export const articleInputSchema = z
  .strictObject({
    url: httpUrl,
    title: z.string().trim().min(1, 'must not be empty').max(500),
    contentHtml: z.string().max(500_000).optional(),
    contentText: z.string().max(250_000).optional(),
    summary: z.string().max(5_000).optional(),
    publishedAt: z.string().max(100).optional(),
    updatedAt: z.string().max(100).optional(),
    authors: z.array(authorSchema).max(50).default([]),
    /** One editor; `editors` names several. */
    editor: z.string().max(100).optional(),
    editors: z.array(name).max(20).optional(),
    originalSource: z.string().max(200).optional(),
    guid: z.string().min(1).max(2_000).optional(),
    images: z.array(httpUrl).max(100).default([]),
    categories: z.array(z.string().max(100)).max(50).default([]),
    /** For import: the source the article is filed under. */
    sourceId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _')
      .optional(),
  })
  .refine((input) => input.contentHtml !== undefined || input.contentText !== undefined, {
    error: 'give contentHtml or contentText',
    path: ['contentHtml'],
  });

export type ArticleInput = z.infer<typeof articleInputSchema>;

/**
 * The body of a push: one article or an array of at most `maxItems`. Chosen by shape rather than
 * by z.union, so that an error names the field that is wrong (a union only says it failed).
 */
export function pushBodySchema(maxItems: number) {
  const arraySchema = z.array(articleInputSchema).min(1).max(maxItems);
  return z.unknown().transform((body, ctx): ArticleInput[] => {
    const result = Array.isArray(body) ? arraySchema.safeParse(body) : articleInputSchema.transform((input) => [input]).safeParse(body);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

/** Maps a validated input article to the RawItem that `process` takes. */
export function inputToRawItem(input: ArticleInput): RawItem {
  return {
    ...emptyRawItem(),
    guid: input.guid,
    url: input.url,
    title: input.title,
    html: input.contentHtml,
    text: input.contentHtml === undefined ? input.contentText : undefined,
    summary: input.summary,
    authors: input.authors.map((author): Author => (typeof author === 'string' ? { name: author, role: '作者' } : author)),
    editors: input.editors ?? (input.editor?.trim() ? [input.editor] : undefined),
    originalSource: input.originalSource,
    published: input.publishedAt,
    updated: input.updatedAt,
    categories: input.categories,
    images: input.images,
  };
}

/** Formats a zod error as `path: message` lines, the path prefixed with `where`. */
export function describeZodError(error: z.ZodError, where = ''): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[where, ...issue.path.map(String)].filter(Boolean).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
