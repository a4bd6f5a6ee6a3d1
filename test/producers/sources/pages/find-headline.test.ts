import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { measureText } from '../../../../src/producers/sources/pages/dom-text.js';
import { findHeadline, stripSiteSuffix } from '../../../../src/producers/sources/pages/find-headline.js';

function headlineOf(body: string, title: string, ogTitle = '', ldHeadline = '') {
  const $ = cheerio.load(`<html><head><title>${title}</title></head><body>${body}</body></html>`);
  const found = findHeadline($, measureText($.root()[0]!), { documentTitle: title, ogTitle, ldHeadline });
  return { text: found.text, tag: found.element?.name };
}

describe('findHeadline', () => {
  it.each([
    [
      'an h1 that equals the title before its site suffix',
      '<h1>泰安举办读书节</h1>',
      '泰安举办读书节_泰安新闻_示例网',
      '泰安举办读书节',
      'h1',
    ],
    ['an h2 when the page has no h1', '<h2>泰安举办读书节</h2><h2>作者最新文章</h2>', '泰安举办读书节', '泰安举办读书节', 'h2'],
    [
      'a plain div whose text starts the title',
      '<div>顺德区大良街道调研众创金融街</div>',
      '顺德区大良街道调研众创金融街 东区办事处_中山网',
      '顺德区大良街道调研众创金融街',
      'div',
    ],
    [
      'a titled div under an empty h1, not a ticker link',
      '<div class="nav"><a href="/1">法国大罢工影响交通</a></div><h1></h1><div class="h-title">法国大罢工影响交通</div>',
      '法国大罢工影响交通-新华网',
      '法国大罢工影响交通',
      'div',
    ],
    [
      'a heading that links to itself',
      '<h1><a href="/self">泰安举办读书节活动</a></h1>',
      '泰安举办读书节活动_示例网',
      '泰安举办读书节活动',
      'h1',
    ],
    ['the first h1 when the title names only the site', '<h1>泰安举办读书节</h1><h1>热点</h1>', '示例网', '泰安举办读书节', 'h1'],
  ])('%s', (_, body, title, text, tag) => {
    expect(headlineOf(body, title)).toEqual({ text, tag });
  });

  it('agrees with og:title when the document title differs', () => {
    expect(headlineOf('<h3>魏少军：产业结构扭曲</h3><h1>观察者网</h1>', '观察者网', '魏少军：产业结构扭曲').text).toBe(
      '魏少军：产业结构扭曲',
    );
  });

  it('agrees with the JSON-LD headline when the document title names only the site', () => {
    expect(headlineOf('<div class="nav">泰安新闻网</div><h2>徂徕山杜鹃花开了</h2>', '泰安新闻网', '', '徂徕山杜鹃花开了')).toEqual({
      text: '徂徕山杜鹃花开了',
      tag: 'h2',
    });
  });

  it.each([
    [
      'an app share page titled with the app, which the page also shows',
      '<div class="banner"><span>大众新闻</span></div><div class="news-title">东平湖大闸蟹育苗基地迎来蟹苗投放季</div><div class="news-info"><span>大众新闻</span><span>2024-05-18 12:01</span></div><p>5月17日，工作人员将蟹苗投放到围网养殖区内。</p>',
      '大众新闻',
    ],
    [
      'a WAP page: a bold line above 时间:…来源:…',
      '<p><a href="/">首页</a></p><p><b>泰城西部新区公园开放 新增绿地300亩</b></p><p>时间:2024-05-19 07:35 来源:泰山晚报</p><p>5月18日，公园建成开放。</p>',
      '泰山晚报手机版',
    ],
  ])('the line above the first date line: %s', (_, body, title) => {
    expect(headlineOf(body, title).text).toMatch(/蟹苗投放季|新增绿地300亩/);
  });

  it('takes an app name of Latin letters (泰山Plus) for the app, and the titled line above the text for the headline', () => {
    const body =
      '<div class="top"><span>泰山Plus</span><a>打开APP</a></div><div class="m-title">城际公交8月1日起加密班次</div>' +
      '<div class="m-meta"><span>泰山Plus</span><span>07-27 16:40</span></div>' +
      '<div class="m-content"><p>记者从泰安市交通运输局了解到，城际公交将加密班次，发车间隔缩短至20分钟。</p><p>乘客可通过APP查询车辆实时位置。</p></div>';
    expect(headlineOf(body, '泰山Plus')).toEqual({ text: '城际公交8月1日起加密班次', tag: 'div' });
  });

  it('never takes a related-list heading or a link above a date line', () => {
    const body = '<h3>相关新闻推荐列表</h3><div>2024-05-18 12:01</div><a href="/1">泰安举办读书节活动</a><div>2024-05-17 08:00</div>';
    expect(headlineOf(body, '示例').text).toBe('示例');
  });

  it('falls back to the document title without its suffix when nothing on the page shows it', () => {
    expect(headlineOf('<p>正文</p>', '泰安举办读书节_泰安新闻_示例网')).toEqual({ text: '泰安举办读书节', tag: undefined });
  });
});

describe('stripSiteSuffix', () => {
  it.each([
    ['多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？_网易财经', '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？'],
    ['女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网', '女儿出嫁，郑板桥画了几笔兰花当嫁妆'],
    ['逆水寒再按照这个速度研发下去 应该马上就要收到律师函了！|游民星空', '逆水寒再按照这个速度研发下去 应该马上就要收到律师函了！'],
    ['交通运输部：着力打造京津冀区域综合立体交通网络-股票频道-和讯网', '交通运输部：着力打造京津冀区域综合立体交通网络'],
  ])('%s → %s', (title, expected) => {
    expect(stripSiteSuffix(title)).toBe(expected);
  });
});
