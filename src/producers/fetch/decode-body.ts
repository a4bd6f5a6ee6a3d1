import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Decodes fetched bytes to text. Bytes that are valid UTF-8 and contain multi-byte sequences
 * are UTF-8, whatever a header claims (a legacy-encoded Chinese text is almost never valid
 * UTF-8 by chance, while wrong `charset=` headers are common). Otherwise the charset comes
 * from, in order: the HTTP Content-Type, the XML prolog or HTML `<meta charset>`, the
 * source's configured encoding, and statistical detection (chardet), with GB18030 last.
 */
export function decodeBody(body: Buffer, contentType?: string, fallbackEncoding?: string): string {
  return iconv.decode(body, chooseCharset(body, contentType, fallbackEncoding));
}

/** Returns the charset decodeBody will use for these bytes, as an iconv-lite name. */
export function chooseCharset(body: Buffer, contentType?: string, fallbackEncoding?: string): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) return body[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const utf8 = isValidUtf8(body);
  if (utf8 && hasMultiByte(body)) return 'utf-8';
  const declared = [declaredInHeader(contentType), declaredInDocument(body), fallbackEncoding]
    .map((name) => name && normalizeCharset(name))
    .find((name) => name && iconv.encodingExists(name) && !(name === 'utf-8' && !utf8));
  if (declared) return declared;
  if (utf8) return 'utf-8';
  const detected = chardet.detect(body.subarray(0, 64 * 1024));
  return detected && iconv.encodingExists(detected) ? normalizeCharset(detected) : 'gb18030';
}

function declaredInHeader(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
}

/** The XML prolog's encoding or the HTML meta charset, from the first 2 KiB. */
export function declaredInDocument(body: Buffer): string | undefined {
  const head = body.subarray(0, 2048).toString('latin1');
  return (
    /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]
  );
}

function isValidUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

function hasMultiByte(body: Buffer): boolean {
  for (const byte of body) if (byte >= 0x80) return true;
  return false;
}

/** GBK and GB2312 are subsets of GB18030; decoding with the superset loses nothing. */
function normalizeCharset(charset: string): string {
  const lower = charset.trim().toLowerCase();
  if (lower === 'gbk' || lower === 'gb2312' || lower === 'x-gbk' || lower === 'cp936' || lower === 'gb_2312-80') return 'gb18030';
  if (lower === 'utf8') return 'utf-8';
  if (lower === 'big5-hkscs') return 'big5hkscs';
  return lower;
}
