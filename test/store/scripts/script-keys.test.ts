import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysNotFromKEYS } from './lua-keys.js';

const STORE = join(import.meta.dirname, '../../../src/store');
const SCRIPTS = join(STORE, 'scripts');

/** Every Lua script of the store: the exports of scripts/, and the scripts written inside a repository module. */
async function storeScripts(): Promise<Map<string, string>> {
  const scripts = new Map<string, string>();
  for (const file of readdirSync(SCRIPTS).filter((name) => name.endsWith('.ts'))) {
    const module = (await import(join(SCRIPTS, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module))
      if (typeof value === 'string' && value.includes('redis.call')) scripts.set(`${file} ${name}`, value);
  }
  for (const file of readdirSync(STORE).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(STORE, file), 'utf8');
    for (const match of source.matchAll(/const (\w+) = `([^`]*)`;/g))
      if (match[2]?.includes('redis.call')) scripts.set(`${file} ${match[1] ?? ''}`, match[2]);
  }
  return scripts;
}

/** The Lua each defineCommand of the store runs, by the constant it names. */
function definedCommands(): string[] {
  return readdirSync(STORE)
    .filter((name) => name.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(STORE, file), 'utf8').matchAll(/defineCommand\([^)]*?lua: (\w+)/g)].map((match) => match[1] ?? ''),
    );
}

describe('the keys of the store scripts', async () => {
  const scripts = await storeScripts();

  it('reads the Lua of every defineCommand of the store', () => {
    const names = new Set([...scripts.keys()].map((name) => name.split(' ')[1]));
    const commands = definedCommands();
    expect(commands.length).toBeGreaterThanOrEqual(12);
    expect(commands.filter((lua) => !names.has(lua))).toEqual([]);
  });

  it.each([...scripts.entries()])('%s takes every key it touches from KEYS', (_name, lua) => {
    expect(keysNotFromKEYS(lua)).toEqual([]);
  });

  it.each([
    ["redis.call('GET', ARGV[1] .. ':change-clock')", 'GET'],
    ["local p = ARGV[1]\nlocal listed = p .. ':words:' .. ARGV[2]\nredis.call('DEL', listed)", 'DEL'],
    ["local function bump(prefix) redis.call('INCR', prefix) end\nbump(ARGV[1])", 'INCR'],
    [
      "local batch = cjson.decode(ARGV[1])\nfor _, r in ipairs(batch.readers) do\n  local rate = r[2]\n  redis.call('INCRBY', rate, 1)\nend",
      'INCRBY',
    ],
    ["local id = redis.call('GET', KEYS[1])\nredis.call('EXISTS', KEYS[2], id)", 'EXISTS'],
    ["redis.call('RENAME', KEYS[1], KEYS[1] .. ':old')", 'RENAME'],
  ])('finds a key not from KEYS: %s', (lua, command) => {
    expect(keysNotFromKEYS(lua).map((found) => found.split(' ')[0])).toEqual([command]);
  });

  it('takes keys read through the declared-keys helpers, whatever their index', () => {
    const lua =
      "local d = cjson.decode(ARGV[1])\nredis.call('SET', KEYS[d.at + 1], ARGV[2])\nredis.call('GET', key_for('article', ARGV[2]))";
    expect(keysNotFromKEYS(lua)).toEqual([]);
  });
});
