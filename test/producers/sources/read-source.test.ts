import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/domain/source.js';
import { decodeBody } from '../../../src/producers/sources/fetch/decode-body.js';
import { readSourceDocument } from '../../../src/producers/sources/read-source.js';
import { EXAMPLES } from '../../support/paths.js';

const PAGE = path.join(EXAMPLES, 'pages', 'feicheng-kexie-20170705.html');
const html = decodeBody(readFileSync(PAGE));
const source = (fields: Partial<Source>): Source => ({
  id: 'yybnet',
  name: '地方网',
  kind: 'page',
  url: pathToFileURL(PAGE).href,
  intervalMs: 600_000,
  channels: [],
  allowOrigins: [],
  ...fields,
});

describe('readSourceDocument', () => {
  it('extracts an article page with the generic extractor when the source has no rules', async () => {
    const { items } = await readSourceDocument(source({}), html, pathToFileURL(PAGE).href, false);
    expect(items[0]?.title).toBe('泰安市成功创建 中国科协创新驱动助力工程示范市');
    expect(items[0]?.html).toContain('近日,中国科协2017年创新驱动助力工程试点单位评选揭晓');
  });

  it('lets the source’s configured rules decide the fields they name', async () => {
    const rules = { title: '.crumb', drop: ['#article-content'] };
    const { items } = await readSourceDocument(source({ rules }), html, pathToFileURL(PAGE).href, false);
    expect(items[0]?.title).toContain('地方网');
    expect(items[0]?.html ?? '').not.toContain('近日,中国科协2017年');
  });

  it('reads the article links of a list page with its link selector', async () => {
    const list = path.join(EXAMPLES, 'pages', 'feicheng-list.html');
    const { pageUrls } = await readSourceDocument(
      source({ kind: 'list', linkSelector: 'ul.news-list a' }),
      decodeBody(readFileSync(list)),
      pathToFileURL(list).href,
      false,
    );
    expect(pageUrls.map((url) => path.basename(url))).toEqual(['feicheng-taoyuan-taohua.html', 'feicheng-kexie-20170705.html']);
  });
});

describe('discoverArticleLinks and local files', () => {
  it('does not follow a file: link from a web list page', async () => {
    const { discoverArticleLinks } = await import('../../../src/producers/sources/pages/discover-links.js');
    const html =
      '<ul><li><a href="file:///etc/hostname">机密文件的链接标题在此</a></li><li><a href="/news/1.html">宁阳县磁窑镇开展春季植树活动</a></li></ul>';
    expect(discoverArticleLinks(html, 'https://www.example.cn/list.html', 'ul a')).toEqual(['https://www.example.cn/news/1.html']);
    expect(discoverArticleLinks(html, 'file:///srv/list.html', 'ul a')).toContain('file:///etc/hostname');
  });
});
