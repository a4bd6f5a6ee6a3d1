import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../../../src/domain/raw-item.js';
import { normalizeItem } from '../../../../src/workers/process/normalize/normalize-item.js';

const item = (fields: Partial<RawItem>): RawItem => ({ authors: [], categories: [], images: [], placeHints: [], ...fields });
const SOURCE = { id: 'partner-daily', name: '新泰日报', channels: [] };
const normalize = (fields: Partial<RawItem>) => () => normalizeItem(item(fields), SOURCE, '2024-03-12T02:00:00.000Z');

describe('an item with nothing to publish is refused, saying which item and what was wrong with it', () => {
  it.each<[string, Partial<RawItem>, string]>([
    [
      'plain text of only whitespace',
      { url: 'https://news.example.cn/1.html', title: '', text: '  \n\t ' },
      'normalize: item https://news.example.cn/1.html has neither a title nor any text: title empty; text only whitespace ("  \\n\\t "); html missing',
    ],
    [
      'no fields at all, named by its guid',
      { guid: 'daily-2024-0312-7' },
      'normalize: item with guid daily-2024-0312-7 has neither a title nor any text: title missing; text missing; html missing',
    ],
    [
      'markup without text',
      { title: '   ', html: '<p><img src="a.jpg"></p>' },
      'normalize: item without link or guid has neither a title nor any text: title only whitespace ("   "); text missing; html markup without text ("<p><img src=\\"a.jpg\\"></p>")',
    ],
    [
      'only page furniture',
      { url: 'https://news.example.cn/2.html', html: '<p>责任编辑：王芳</p>' },
      'normalize: item https://news.example.cn/2.html has neither a title nor any text: title missing; text missing; html only page furniture (1 part removed)',
    ],
    [
      'only a summary',
      { url: 'https://news.example.cn/3.html', summary: '一段摘要' },
      'normalize: item https://news.example.cn/3.html has neither a title nor any text: title missing; text missing; html missing; only a summary, which is not published alone',
    ],
  ])('%s', (_case, fields, message) => {
    expect(normalize(fields)).toThrow(message);
  });
});
