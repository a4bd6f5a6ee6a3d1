import type { StoredDocument } from '../../store/rendered-feed-repository.js';
import type { Encoding } from './http-conditions.js';

/** One encoding of a document with the headers of its 200 and 304 answers, built once. */
export interface ServedResponse {
  body: Buffer;
  headers: Record<string, string>;
  notModifiedHeaders: Record<string, string>;
}

/** A document ready to serve: every encoding's bytes and headers, and its validators. */
export interface ServedDocument {
  /** The entity tags of its encodings, any of which makes a matching If-None-Match a 304. */
  tags: string[];
  lastModifiedMs: number;
  /** Items of the whole feed when the page was rendered (to tell pages that do not exist). */
  count: number;
  responses: Record<Encoding, ServedResponse>;
}

/** The headers that are the same for every encoding of a document. */
export interface DocumentHeaders {
  contentType: string;
  cacheControl: string;
  /** An HTTP Link header, e.g. the WebSub hub and self links. */
  link?: string;
}

/**
 * Returns a stored document with the headers of each encoding. The encoded forms get their own
 * strong entity tags, derived from the tag of the plain bytes (RFC 9110 §8.8.3: a tag names one
 * representation's bytes, and a gzip body is another representation than the plain one).
 */
export function toServedDocument(doc: StoredDocument, count: number, common: DocumentHeaders): ServedDocument {
  const tagOf = (suffix: string) => (suffix ? `${doc.etag.slice(0, -1)}-${suffix}"` : doc.etag);
  const respond = (body: Buffer, etag: string, encoding?: string): ServedResponse => {
    const shared = { etag, 'cache-control': common.cacheControl, vary: 'Accept-Encoding' };
    return {
      body,
      headers: {
        ...shared,
        'content-type': common.contentType,
        'last-modified': doc.lastModified,
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...(common.link ? { link: common.link } : {}),
      },
      notModifiedHeaders: shared,
    };
  };
  return {
    tags: [tagOf(''), tagOf('gz'), tagOf('br')],
    lastModifiedMs: Date.parse(doc.lastModified),
    count,
    responses: {
      identity: respond(doc.body, tagOf('')),
      gzip: respond(doc.gzip, tagOf('gz'), 'gzip'),
      br: respond(doc.br, tagOf('br'), 'br'),
    },
  };
}
