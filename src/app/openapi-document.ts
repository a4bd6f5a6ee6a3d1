import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** Where the document is served. */
export const OPENAPI_PATH = '/api/openapi.json';
/** The version of the API the document describes; it changes when a change could break a partner. */
const API_VERSION = '1.0.0';

/**
 * Registers @fastify/swagger, which collects every route as it is added, and serves the OpenAPI
 * 3.1 document of the JSON API (the routes under /api/) at /api/openapi.json. The document is
 * made from the zod schemas the routes validate their requests with (and serialize their
 * responses with, where they declare them), by fastify-type-provider-zod's transforms, so it
 * cannot say other than what is checked. Must be registered before the routes.
 */
export async function registerOpenApiDocument(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Syndicator',
        version: API_VERSION,
        description:
          'The JSON API of Syndicator: articles (list, sync by cursor, search), recommendation lists, reading events and pushes. Errors answer `{error, message}`; partner routes take `Authorization: Bearer <key>`, admin routes the admin token.',
      },
    },
    transform: (document) => {
      if (!document.url.startsWith('/api/') || document.url === OPENAPI_PATH) return { schema: { hide: true }, url: document.url };
      return jsonSchemaTransform(document);
    },
    transformObject: jsonSchemaTransformObject,
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
}
