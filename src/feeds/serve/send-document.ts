import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, etagMatches, notModifiedSince } from './http-conditions.js';
import type { ServedDocument } from './served-document.js';

/**
 * Answers a GET or HEAD with a served document: 304 when If-None-Match matches (or, without
 * If-None-Match, when If-Modified-Since is not older than Last-Modified: RFC 9110 §13.2.2),
 * else 200 with the bytes of the best encoding the client accepts. Nothing is computed here
 * but the choice: the bytes and headers were made when the document was published.
 */
export function sendDocument(request: FastifyRequest, reply: FastifyReply, doc: ServedDocument): FastifyReply {
  const response = doc.responses[chooseEncoding(request.headers['accept-encoding'])];
  const { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = request.headers;
  const notModified =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, doc.tags)
      : ifModifiedSince !== undefined && notModifiedSince(ifModifiedSince, doc.lastModifiedMs);
  if (notModified) return reply.code(304).headers(response.notModifiedHeaders).send();
  return reply.code(200).headers(response.headers).send(response.body);
}
