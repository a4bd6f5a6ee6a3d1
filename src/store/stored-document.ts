import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { sha256 } from '../domain/sha256.js';
import type { RenderedFeed, StoredDocument } from './rendered-feed-repository.js';

/**
 * Returns a rendered document with its gzip and brotli encodings. They are made once, when the
 * document is published, so that serving a compressed feed costs no more than serving it plain.
 * Brotli quality 5 compresses feed XML within a few percent of 11 at a small fraction of the time.
 */
export function compressDocument(feed: RenderedFeed): StoredDocument {
  return {
    ...feed,
    gzip: gzipSync(feed.body, { level: 6 }),
    br: brotliCompressSync(feed.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: feed.body.length,
      },
    }),
  };
}

/** Returns the strong ETag of some bytes: a quoted SHA-256 prefix (RFC 9110 §8.8.3). */
export function etagOf(body: Buffer): string {
  return `"${sha256(body, 'base64url').slice(0, 27)}"`;
}
