import { describe, expect, it } from 'vitest';
import { parseLooseJson } from '../../../../src/producers/sources/pages/parse-loose-json.js';

describe('parseLooseJson', () => {
  it.each([
    ['strict JSON', '{"datePublished":"2024-05-09T07:30:00+08:00"}', { datePublished: '2024-05-09T07:30:00+08:00' }],
    ['a trailing comma', '{"author": "王海燕",\n}', { author: '王海燕' }],
    ['a raw line break and tab inside a string', '{"description": "老人可以\n做饭\t吃饭"}', { description: '老人可以\n做饭\t吃饭' }],
    ['quotes left unescaped inside a string', '{"headline":"泰安"五一"假期","n":1}', { headline: '泰安"五一"假期', n: 1 }],
    ["an invalid escape (\\')", '{"a":"it\\\'s"}', { a: "it's" }],
    ['a JavaScript literal', "{name: '张三', x: undefined, // note\n list: [1, 2,], /* c */}", { name: '张三', x: null, list: [1, 2] }],
    ['an HTML comment wrapper', '<!-- {"a": 1} -->', { a: 1 }],
    ['a CDATA wrapper and a semicolon', '//<![CDATA[\n{"a": 1};\n//]]>', { a: 1 }],
    ['two objects in a row', '{"a":1}{"b":2}', [{ a: 1 }, { b: 2 }]],
    ['two objects separated by a comma', '{"a":1},{"b":2}', [{ a: 1 }, { b: 2 }]],
    ['text that is no JSON', 'var a = 1;', undefined],
    ['nothing', '  ', undefined],
  ])('%s', (_, text, expected) => {
    expect(parseLooseJson(text)).toEqual(expected);
  });
});
