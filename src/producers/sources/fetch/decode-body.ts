import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Decodes fetched bytes to text. Bytes that are UTF-8 with multi-byte sequences — all of them
 * valid, or all but a few stray bytes — are UTF-8, whatever a header claims (a legacy-encoded
 * Chinese text is almost never valid UTF-8 by chance, while wrong `charset=` headers are
 * common); the stray bytes become U+FFFD and nothing else changes. Otherwise the charset comes
 * from, in order: the HTTP Content-Type, the XML prolog or HTML `<meta charset>`, the
 * source's configured encoding, and statistical detection (chardet), with GB18030 last.
 */
export function decodeBody(body: Buffer, contentType?: string, fallbackEncoding?: string): string {
  // Broken UTF-16 leaves lone surrogates, which some parsers (parse5) throw on: U+FFFD instead.
  return iconv.decode(body, chooseCharset(body, contentType, fallbackEncoding)).toWellFormed();
}

/** Returns the charset decodeBody will use for these bytes, as an iconv-lite name. */
export function chooseCharset(body: Buffer, contentType?: string, fallbackEncoding?: string): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) return body[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const { multiByte, invalid } = countUtf8Sequences(body);
  // A GBK text read as UTF-8 has about as many invalid sequences as valid ones; a UTF-8 text
  // with a few damaged bytes has one per hundreds.
  const utf8 = invalid === 0 || invalid * MIN_VALID_PER_INVALID <= multiByte;
  if (utf8 && multiByte > 0) return 'utf-8';
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
  return /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

/** How many valid multi-byte sequences each invalid one must be outnumbered by for the bytes to count as UTF-8. */
const MIN_VALID_PER_INVALID = 10;

/**
 * Counts the well-formed multi-byte sequences of the bytes read as UTF-8 (RFC 3629 §4: no
 * overlong forms, no surrogates, nothing above U+10FFFF) and the bytes that fit no sequence.
 */
export function countUtf8Sequences(body: Uint8Array): { multiByte: number; invalid: number } {
  let multiByte = 0;
  let invalid = 0;
  for (let i = 0; i < body.length;) {
    const lead = body[i] ?? 0; // i < body.length: the byte is there
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(body, i);
    if (length === 0) {
      invalid++;
      i++;
    } else {
      multiByte++;
      i += length;
    }
  }
  return { multiByte, invalid };
}

/** The length of the well-formed sequence starting at `i`, or 0. */
function sequenceLength(body: Uint8Array, i: number): number {
  const lead = body[i];
  if (lead === undefined) return 0;
  const tail = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = body[i + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return tail(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const second = lead === 0xe0 ? tail(1, 0xa0) : lead === 0xed ? tail(1, 0x80, 0x9f) : tail(1);
    return second && tail(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const second = lead === 0xf0 ? tail(1, 0x90) : lead === 0xf4 ? tail(1, 0x80, 0x8f) : tail(1);
    return second && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}

/** GBK and GB2312 are subsets of GB18030; decoding with the superset loses nothing. */
function normalizeCharset(charset: string): string {
  const lower = charset.trim().toLowerCase();
  if (lower === 'gbk' || lower === 'gb2312' || lower === 'x-gbk' || lower === 'cp936' || lower === 'gb_2312-80') return 'gb18030';
  if (lower === 'utf8') return 'utf-8';
  if (lower === 'big5-hkscs') return 'big5hkscs';
  return lower;
}
