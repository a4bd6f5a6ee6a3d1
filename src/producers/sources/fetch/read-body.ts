import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { FetchError } from './fetch-error.js';

/**
 * Reads a response body, decoded by its Content-Encoding (gzip, deflate, br), and fails as soon
 * as the decoded bytes pass `maxBytes`: a compression bomb stops at the cap, not after it.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, url: string): Promise<Buffer> {
  const decoder = decoderFor(contentEncoding, url);
  const stream: Readable = decoder ? body.pipe(decoder) : body;
  if (decoder) body.once('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new FetchError(`fetch: ${url}: body larger than ${maxBytes} bytes${decoder ? ' once decompressed' : ''}`, {
          permanent: true,
          kind: 'too-large',
        });
      }
      chunks.push(chunk);
    }
  } catch (error) {
    body.destroy();
    decoder?.destroy();
    if (error instanceof FetchError) throw error;
    // undici's body timeout, or the fetch's total time running out (the request's signal aborts the body).
    const { code, name } = error as NodeJS.ErrnoException;
    const kind = code === 'UND_ERR_BODY_TIMEOUT' || name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
    throw new FetchError(
      `fetch: ${url}: reading the body failed: ${(error as Error).message}`,
      { permanent: false, kind },
      { cause: error },
    );
  }
  return Buffer.concat(chunks);
}

function decoderFor(contentEncoding: string | undefined, url: string): Transform | undefined {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  throw new FetchError(`fetch: ${url}: unsupported Content-Encoding "${encoding}"`, { permanent: true, kind: 'unreadable' });
}
