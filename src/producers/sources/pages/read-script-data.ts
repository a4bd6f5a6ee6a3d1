import type { Element } from 'domhandler';
import { chinaDate, hasClock } from './date-patterns.js';
import { textOf } from './dom-text.js';
import { parseLooseJson } from './parse-loose-json.js';

/** What the page's own scripts hold about the article: the time they print and the account they name. */
export interface ScriptData {
  /** The publication time, as found, or as ISO 8601 when the script holds epoch seconds or milliseconds. */
  published?: string | undefined;
  /** Author or account names, in the order found. */
  names: string[];
}

/** A value found under a key, with where it sat. */
interface Found {
  key: string;
  value: string | number;
  depth: number;
}

/**
 * Keys (lower-cased, without _ and -) that hold the publication time, best first. The second
 * group names other times too (a comment's, a draft's): used only when the first finds none.
 * `ct` is WeChat's epoch-seconds variable, read only as an epoch.
 */
const TIME_KEYS = [
  'pubtime publishtime pubdate publishdate publishat publishedat publishedtime datepublished ptime releasetime firstpublishtime',
  'ct createtime ctime createat createdat date',
].map((group) => new Set(group.split(' ')));
const EPOCH_ONLY = new Set(['ct']);
/** Keys whose string value names the author or the posting account. */
const NAME_KEYS = new Set(['author', 'authorname', 'media', 'medianame', 'wmname', 'nickname', 'screenname', 'accountname', 'writer']);
/** Keys of objects that describe the author or account; their name-like key holds the name. */
const NAME_HOLDER = /author|media|account|wemedia|creator|writer|user/;
const NAME_LEAF = new Set(['name', 'sname', 'nickname', 'screenname', 'username']);
/** Object and array literals assigned in a script: `window.__INITIAL_STATE__ = {…}`, `var newsInfo = {…}`. */
const ASSIGNED_LITERAL = /(?:^|[\s;,(])(?:window\.|var\s+|let\s+|const\s+)?[\w$.]+\s*=\s*(?=[{[])/g;
/** Plain assignments of a string or number: `var publish_time = "2024-05-09" || ""`, `var ct = "1715219100"`. */
const ASSIGNED_VALUE =
  /(?:^|[\s;,{])(?:var\s+|let\s+|const\s+|window\.)?["']?([\w$]+)["']?\s*[:=]\s*(?:(["'])([^"'\n]{1,60})\2|(\d{10,13})\b)/g;
/** A script that names none of the keys is not read at all (most are analytics, ads and libraries). */
const KEY_HINT = /pub|date|time|\bct\b|author|media|wm_?name|nick|screen_?name|account|writer/i;
/** Code, not data: a literal holding functions is not parsed (nor repaired). */
const CODE = /\bfunction\b|=>|\bnew\s+[A-Z]|\bthis\./;
const DATE_TEXT = /^\d{4}\s*[-/.年]\s*\d{1,2}/;
const MAX_SCRIPT_CHARS = 1_000_000;
const MAX_DEPTH = 8;
/** Epochs outside 2000–2100 are ids, not times. */
const EPOCH_RANGE = [946_684_800_000, 4_102_444_800_000] as const;

/**
 * Reads inline scripts and JSON data blocks (__NEXT_DATA__) for the publication time and the
 * author or account: object literals are parsed (parse-loose-json.ts), other assignments read
 * by pattern. Values inside lists of several items (recommendations, comments) are about other
 * things and are left out; of the rest, a time with a time of day wins over a date, and a
 * shallower key over a deeper one.
 */
export function readScriptData(scripts: readonly Element[]): ScriptData {
  const found: Found[] = [];
  for (const script of scripts) {
    const type = script.attribs.type?.toLowerCase() ?? '';
    if (script.attribs.src !== undefined || type.includes('ld+json')) continue;
    const source = textOf(script);
    if (source.length > MAX_SCRIPT_CHARS || !KEY_HINT.test(source)) continue;
    if (type.includes('json')) collect(parseLooseJson(source), '', 0, found);
    else found.push(...readScript(source));
  }
  return { published: chooseTime(found), names: [...new Set(found.flatMap(nameOf))] };
}

/** The values of one script: parsed literals, then plain assignments outside them. */
function readScript(source: string): Found[] {
  const found: Found[] = [];
  let rest = source;
  for (const match of source.matchAll(ASSIGNED_LITERAL)) {
    const start = match.index + match[0].length;
    const end = literalEnd(source, start);
    const literal = end === undefined ? '' : source.slice(start, end);
    const value = literal && !CODE.test(literal) ? parseLooseJson(literal) : undefined;
    if (end === undefined || value === undefined) continue;
    collect(value, '', 0, found);
    // What was parsed is not read again by pattern; a literal that did not parse still is.
    rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
  }
  for (const match of rest.matchAll(ASSIGNED_VALUE)) {
    const [, key = '', , text, digits] = match;
    found.push({ key: normalizeKey(key), value: text ?? Number(digits), depth: 0 });
  }
  return found;
}

/** Where the literal that opens at `start` closes (quotes respected), or undefined when it never does. */
function literalEnd(source: string, start: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < source.length; i++) {
    const ch = source.charAt(i);
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth += 1;
    else if ((ch === '}' || ch === ']') && --depth === 0) return i + 1;
  }
  return undefined;
}

/** Walks a parsed value, noting string and number leaves by key; lists of several items are skipped. */
function collect(value: unknown, key: string, depth: number, found: Found[]): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number') found.push({ key, value, depth });
  else if (Array.isArray(value)) {
    if (value.length === 1) collect(value[0], key, depth + 1, found);
  } else if (typeof value === 'object') {
    for (const [child, item] of Object.entries(value)) {
      const name = normalizeKey(child);
      // An author object's name leaf is noted under the holder's key: authorInfo.sname → "authorinfo.sname".
      collect(item, NAME_HOLDER.test(key) && NAME_LEAF.has(name) ? `${key}.${name}` : name, depth + 1, found);
    }
  }
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The best time under the first group of keys; one under the second group only stands in
 * for it, or adds the time of day to a date of the same day (WeChat: publish_time holds the
 * date, ct the second).
 */
function chooseTime(found: readonly Found[]): string | undefined {
  const [first, second] = TIME_KEYS.map((keys) => bestTime(found.filter((item) => keys.has(item.key))));
  if (first && second && !hasClock(first) && hasClock(second) && chinaDate(first) === chinaDate(second)) return second;
  return first ?? second;
}

/** Of the times found, one with a time of day first, then the shallowest. */
function bestTime(found: readonly Found[]): string | undefined {
  const times = found
    .map((item) => ({ depth: item.depth, text: timeText(item) }))
    .filter((item): item is { depth: number; text: string } => item.text !== undefined);
  return times.sort((a, b) => Number(hasClock(b.text)) - Number(hasClock(a.text)) || a.depth - b.depth)[0]?.text;
}

/** A date string as found, or an epoch (seconds or milliseconds) as ISO 8601. */
function timeText(item: Found): string | undefined {
  const { value } = item;
  if (typeof value === 'string' && DATE_TEXT.test(value.trim()) && !EPOCH_ONLY.has(item.key)) return value.trim();
  const digits = typeof value === 'number' ? value : /^\d{10,13}$/.test(value.trim()) ? Number(value) : Number.NaN;
  const ms = digits < 1e12 ? digits * 1000 : digits;
  return ms >= EPOCH_RANGE[0] && ms <= EPOCH_RANGE[1] ? new Date(ms).toISOString() : undefined;
}

function nameOf(item: Found): string[] {
  if (typeof item.value !== 'string') return [];
  const named = NAME_KEYS.has(item.key) || (item.key.includes('.') && NAME_HOLDER.test(item.key));
  const name = item.value.trim();
  return named && name && !/^(?:https?:|\/\/|\d+$)/.test(name) ? [name] : [];
}
