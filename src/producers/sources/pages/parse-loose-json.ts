/**
 * JSON as pages ship it in ld+json blocks and script state: JSON.parse first, and when that
 * fails, the same text repaired of what real sites get wrong — raw line breaks and tabs inside
 * strings, quotes left unescaped inside strings, invalid escapes (\'), trailing commas,
 * comments, HTML comment and CDATA wrappers, single-quoted strings, unquoted keys, `undefined`,
 * and several top-level values in a row (`{…}{…}` or `{…},{…}`).
 */

/** Longer texts are parsed strictly only: the repair walks every character. */
const MAX_REPAIRED_CHARS = 500_000;

/** Returns the parsed value, or undefined when the text is not JSON even after repair. */
export function parseLooseJson(text: string): unknown {
  const trimmed = unwrap(text);
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    // Fall through to the repair.
  }
  if (trimmed.length > MAX_REPAIRED_CHARS) return undefined;
  const repaired = repairJson(trimmed);
  for (const candidate of [repaired, `[${repaired}]`]) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // A list of values in a row parses once wrapped; anything else is not JSON.
    }
  }
  return undefined;
}

/** The text without a BOM, HTML comment or CDATA markers and a trailing semicolon. */
function unwrap(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim()
    .replace(/;+$/, '');
}

const VALID_ESCAPE = /["\\/bfnrtu]/;
const CONTROL: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Rewrites loose JSON into strict JSON in one pass. Inside a string, a quote is taken as its
 * end only when what follows (after spaces) can follow a value; otherwise it is escaped.
 */
export function repairJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"' || ch === "'") {
      const { json, end } = readString(text, i, ch);
      out += json;
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') i = lineEnd(text, i);
    else if (ch === '/' && text[i + 1] === '*') i = commentEnd(text, i);
    else if (/[A-Za-z_$]/.test(ch)) {
      const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i))?.[0] ?? ch;
      out += bareWord(word, text, i + word.length);
      i += word.length;
    } else {
      out += ch;
      i += 1;
    }
  }
  // Trailing commas, and values in a row (`}{`, `},{` at the top level is handled by wrapping).
  return out.replace(/,(\s*[}\]])/g, '$1').replace(/}\s*{/g, '},{');
}

/** A quoted string from `start`, re-quoted with double quotes and its contents made strict. */
function readString(text: string, start: number, quote: string): { json: string; end: number } {
  let body = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '\\') {
      const next = text.charAt(i + 1);
      // \' is valid in JavaScript, not in JSON; any other unknown escape loses its backslash.
      body += VALID_ESCAPE.test(next) ? `\\${next}` : next === "'" ? "'" : next;
      i += 2;
    } else if (ch === quote && closesString(text, i + 1)) return { json: `"${body}"`, end: i + 1 };
    else {
      body += ch === '"' ? '\\"' : (CONTROL[ch] ?? ch);
      i += 1;
    }
  }
  return { json: `"${body}"`, end: i };
}

/** True when the text after a quote can follow a complete value: , : } ] or the end. */
function closesString(text: string, from: number): boolean {
  const rest = /^\s*(.)/s.exec(text.slice(from, from + 200));
  return !rest || /[,:}\]]/.test(rest[1] ?? '');
}

/** A bare word outside strings: a literal stays, `undefined` becomes null, a key gets quotes. */
function bareWord(word: string, text: string, after: number): string {
  if (word === 'true' || word === 'false' || word === 'null') return word;
  if (word === 'undefined' || word === 'NaN' || word === 'Infinity') return 'null';
  return /^\s*:/.test(text.slice(after, after + 50)) ? `"${word}"` : word;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function commentEnd(text: string, from: number): number {
  const end = text.indexOf('*/', from + 2);
  return end < 0 ? text.length : end + 2;
}
