import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { articleListQuerySchema } from '../../src/feeds/article-list-query.js';
import { feedTestConfig, startFeedApp, type FeedTestApp } from '../feeds/feed-test-app.js';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Record<string, unknown>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

describe('GET /api/openapi.json', () => {
  let t: FeedTestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startFeedApp('openapi', feedTestConfig(), { workers: [], scheduler: false, server: true });
    const response = await fetch(`${t.base}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    doc = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3.1 document of the routes under /api/ and no others', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Syndicator');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/articles', '/api/articles/{id}', '/api/articles/{id}/related', '/api/lists/{kind}']),
    );
    expect(paths.filter((path) => !path.startsWith('/api/') || path === '/api/openapi.json')).toEqual([]);
  });

  it('describes each query parameter of /api/articles with the very schema that validates it', () => {
    const parameters = doc.paths['/api/articles']?.get?.parameters ?? [];
    const validating = z.toJSONSchema(articleListQuerySchema, { io: 'input' }) as { properties: Record<string, Record<string, unknown>> };
    expect(parameters.map((p) => p.name)).toEqual(Object.keys(validating.properties));
    for (const parameter of parameters) {
      const { description, ...schema } = validating.properties[parameter.name] ?? {};
      expect(parameter, parameter.name).toMatchObject({ in: 'query', required: false, description, schema });
    }
    expect(parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ minimum: 1, maximum: 200, default: 20 });
  });

  it('names the page and article fields partners get back', () => {
    const ok = doc.paths['/api/articles']?.get?.responses['200']?.content?.['application/json']?.schema;
    expect(ok).toEqual({ $ref: '#/components/schemas/ArticlePage' });
    expect(Object.keys(doc.components.schemas.ArticlePage?.properties ?? {})).toEqual(['channel', 'order', 'items', 'next', 'more']);
    expect(Object.keys(doc.components.schemas.Article?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'url',
        'title',
        'contentHtml',
        'publishedAt',
        'updatedAt',
        'channels',
        'alsoPublishedBy',
        'contentWithheld',
      ]),
    );
    expect(Object.keys(doc.components.schemas.Article?.properties ?? {})).not.toContain('itemKey');
    expect(doc.paths['/api/articles/{id}']?.get?.responses['404']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
  });
});
