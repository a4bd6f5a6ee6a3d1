/**
 * A static reading of a Redis Lua script: the places where a key passed to redis.call is not
 * taken from KEYS — built by `..` concatenation, or coming from ARGV (or JSON decoded from it),
 * directly or through variables and function parameters. A key read from KEYS through the
 * declared-keys helpers (key, keys, key_for) counts as taken from KEYS, whatever its index.
 */

/** Commands whose every argument is a key; other commands take one key, the first argument. */
const ALL_KEYS = new Set(['DEL', 'UNLINK', 'EXISTS', 'MGET', 'PFCOUNT', 'TOUCH', 'WATCH']);
const TWO_KEYS = new Set(['RENAME', 'RENAMENX', 'COPY', 'SMOVE', 'LMOVE', 'RPOPLPUSH']);

/** Each character from `from` on outside strings, with the bracket depth after it (an opening bracket counts in). */
function* outsideStrings(text: string, from = 0): Generator<{ i: number; c: string; depth: number }> {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "'" || c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    yield { i, c, depth };
  }
}

/** Returns the index after the bracket that closes the one opened at `open`. */
function closing(text: string, open: number): number {
  for (const { i, c, depth } of outsideStrings(text, open)) if (')]}'.includes(c) && depth === 0) return i + 1;
  return text.length;
}

/** Splits at the commas outside brackets and strings. */
function splitTop(text: string, separator = ','): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const { i, c, depth } of outsideStrings(text)) {
    if (c === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}

/** Returns each call of `name(` with its arguments. */
function callsOf(text: string, name: string): string[][] {
  const calls: string[][] = [];
  const pattern = new RegExp(`(?<![\\w.])${name.replace('.', '\\.')}\\(`, 'g');
  for (const match of text.matchAll(pattern)) {
    const open = match.index + match[0].length - 1;
    calls.push(splitTop(text.slice(open + 1, closing(text, open) - 1)));
  }
  return calls;
}

/** Replaces the reads of KEYS (directly or through the declared-keys helpers) by `K`. */
function withoutKeyReads(expression: string): string {
  let text = expression.replace(/'[^']*'|"[^"]*"/g, "''");
  for (;;) {
    const match = /\b(KEYS|key_of)\s*\[|\b(key|keys|key_for)\s*\(/.exec(text);
    if (!match) return text;
    let end = closing(text, match.index + match[0].length - 1);
    while (match[1] === 'key_of' && text[end] === '[') end = closing(text, end);
    text = `${text.slice(0, match.index)}K${text.slice(end)}`;
  }
}

/** Returns a line without its comment (`--` outside a string). */
function withoutComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quote) quote = c === quote ? '' : quote;
    else if (c === "'" || c === '"') quote = c;
    else if (line.startsWith('--', i)) return line.slice(0, i);
  }
  return line;
}

/** Returns the index of the quote closing the string opened at `open` (the end of the text when none does). */
function stringEnd(text: string, open: number): number {
  const end = text.indexOf(text[open] ?? '', open + 1);
  return end < 0 ? text.length : end;
}

/** Returns the statements of a script: comments dropped, one-line `if … then x end` bodies apart. */
function statementsOf(lua: string): string[] {
  return lua
    .split('\n')
    .map((line) => withoutComment(line).trim())
    .flatMap((line) => {
      const body = /^(?:if|elseif)\b.*?\bthen\b(.*?)(?:\bend)?$/.exec(line);
      return body?.[1] ? [line, body[1].trim()] : [line];
    })
    .filter((line) => line !== '');
}

/** Returns the index of the assignment's `=` outside brackets, or -1. */
function assignmentAt(statement: string): number {
  for (const { i, c, depth } of outsideStrings(statement))
    if (c === '=' && depth === 0 && !'=~<>'.includes(statement.charAt(i - 1)) && statement.charAt(i + 1) !== '=') return i;
  return -1;
}

/**
 * Returns the keys of redis.call in a script that are not taken from KEYS, each as
 * `COMMAND expression`; none for a script that takes every key from KEYS.
 */
export function keysNotFromKEYS(lua: string): string[] {
  const statements = statementsOf(lua);
  const code = statements.join('\n');
  const tainted = new Set<string>();
  const dirty = (expression: string) => {
    const text = withoutKeyReads(expression);
    if (/\bARGV\b|\.\.|\bcjson\b|\bredis\.p?call\b/.test(text)) return true;
    return [...text.matchAll(/(?<![\w.])[A-Za-z_]\w*/g)].some(([name]) => tainted.has(name));
  };
  const functions = new Map<string, string[]>();
  for (const match of code.matchAll(/function\s+(\w+)\s*\(([^)]*)\)/g)) functions.set(match[1] ?? '', splitTop(match[2] ?? ''));
  const assignments: [targets: string[], values: string[]][] = [];
  for (const statement of statements) {
    const loop = /^for\s+(.+?)\s+in\s+(.+)\s+do\b/.exec(statement);
    // The first variable of an ipairs loop is a number, an index into the list.
    if (loop) assignments.push([splitTop(loop[1] ?? '').slice(loop[2]?.startsWith('ipairs(') ? 1 : 0), [loop[2] ?? '']]);
    if (/^(for|if|elseif|while|return|local function|function)\b/.test(statement)) continue;
    const at = assignmentAt(statement);
    if (at < 0) continue;
    const targets = splitTop(statement.slice(0, at).replace(/^local\s+/, '')).map((target) => /^\w+/.exec(target)?.[0] ?? '');
    assignments.push([targets, splitTop(statement.slice(at + 1))]);
  }
  for (let changed = true; changed;) {
    changed = false;
    const taint = (name: string) => {
      if (name && !tainted.has(name)) changed = tainted.add(name).size > 0;
    };
    for (const [targets, values] of assignments) {
      const paired = targets.length === values.length;
      targets.forEach((target, i) => {
        if (paired ? dirty(values[i] ?? '') : values.some(dirty)) taint(target);
      });
    }
    for (const [name, params] of functions)
      for (const args of callsOf(code, name)) params.forEach((param, i) => dirty(args[i] ?? '') && taint(param));
  }
  const found: string[] = [];
  for (const [command = '', ...args] of [...callsOf(code, 'redis.call'), ...callsOf(code, 'redis.pcall'), ...callsOf(code, 'rcall')]) {
    const name = command.replace(/['"]/g, '').toUpperCase();
    const keys = ALL_KEYS.has(name) ? args : args.slice(0, TWO_KEYS.has(name) ? 2 : 1);
    for (const key of keys) if (dirty(key)) found.push(`${name} ${key}`);
  }
  return found;
}
