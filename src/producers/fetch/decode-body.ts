import iconv from 'iconv-lite';

/**
 * Decodes fetched bytes to text. The charset comes from, in order: the HTTP Content-Type,
 * a byte order mark, the XML prolog or HTML `<meta charset>`, the source's configured
 * encoding, and last a check: bytes that are not valid UTF-8 are read as GB18030 (a superset
 * of GBK and GB2312, the usual legacy encodings of Chinese sites).
 */
export function decodeBody(body: Buffer, contentType?: string, fallbackEncoding?: string): string {
  const charset = detectCharset(body, contentType) ?? fallbackEncoding ?? guessCharset(body);
  return iconv.decode(body, normalizeCharset(charset));
}

/** Returns the charset a document declares for itself, or undefined when it declares none. */
export function detectCharset(body: Buffer, contentType?: string): string | undefined {
  const fromHeader = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader && iconv.encodingExists(fromHeader)) return fromHeader;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  const head = body.subarray(0, 2048).toString('latin1');
  const declared =
    /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  return declared && iconv.encodingExists(declared) ? declared : undefined;
}

function guessCharset(body: Buffer): string {
  return isValidUtf8(body) ? 'utf-8' : 'gb18030';
}

function isValidUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/** GBK and GB2312 are subsets of GB18030; decoding with the superset loses nothing. */
function normalizeCharset(charset: string): string {
  const lower = charset.toLowerCase();
  return lower === 'gbk' || lower === 'gb2312' || lower === 'x-gbk' ? 'gb18030' : lower;
}
