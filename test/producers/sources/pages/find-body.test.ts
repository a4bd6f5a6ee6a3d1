import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { measureText } from '../../../../src/producers/sources/pages/dom-text.js';
import { findBodyContainer } from '../../../../src/producers/sources/pages/find-body.js';
import { extractArticle } from '../../../../src/producers/sources/pages/extract-article.js';

const SENTENCES = [
  '泰山女儿茶开采节在泰山区邱家店镇举行，今年全区茶园面积已发展到1.5万亩。',
  '泰山茶是我国最北端的绿茶之一，因昼夜温差大、生长周期长，茶叶香气高、耐冲泡。',
  '近年来，邱家店镇引进了6家茶叶加工企业，带动当地2000多名群众就业。',
];

function containerOf(body: string): string | undefined {
  const $ = cheerio.load(`<html><body>${body}</body></html>`);
  const found = findBodyContainer(measureText($.root()[0]!));
  return found?.attribs.class ?? found?.attribs.id;
}

describe('findBodyContainer', () => {
  it('takes the editor box whose paragraphs each sit in nested sections (WeChat-style editors)', () => {
    const paragraphs = SENTENCES.map((text) => `<section><section><p><span>${text}</span></p></section></section>`).join('');
    expect(containerOf(`<div id="js_content"><section><img src="a.jpg"></section>${paragraphs}</div>`)).toBe('js_content');
  });

  it('still takes the box of plain paragraphs over a wrapper of boxes', () => {
    const paragraphs = SENTENCES.map((text) => `<p>${text}</p>`).join('');
    expect(containerOf(`<div class="page"><div class="text">${paragraphs}</div><div class="side"><p>热点</p></div></div>`)).toBe('text');
  });

  it('lets a likely word outweigh a weak unlikely one in the same names (id="share-content")', () => {
    const paragraphs = SENTENCES.map((text) => `<p>${text}</p>`).join('');
    const notice = '<div class="notice"><p>近期泰城部分路段进行管网施工，请过往车辆减速慢行，注意安全，服从现场交通指挥。</p></div>';
    expect(containerOf(`<div class="news-body" id="share-content">${paragraphs}</div>${notice}`)).toBe('news-body');
  });

  it('gives a wrapper no credit for a 免责声明 under the text, so the text box wins', () => {
    const paragraphs = SENTENCES.map((text) => `<p>${text}</p>`).join('');
    const disclaimer =
      '<div class="note"><p>免责声明：本网站所转载的文章，其内容与观点均不代表本网站观点，仅供读者参考。如有侵权，请与本网站联系，我们将在核实后立即删除，谢谢合作。</p></div>';
    expect(containerOf(`<div class="main"><h1>泰山女儿茶开采</h1><div class="con">${paragraphs}</div>${disclaimer}</div>`)).toBe('con');
  });

  it('gives a wrapper no credit for a sidebar box beside the text, so text without punctuation (a poem) still wins', () => {
    const poem = [
      '泰山的石阶',
      '一级一级',
      '托起挑山工的脚步',
      '也托起日出时分',
      '万千人的仰望',
      '十八盘的风',
      '吹过千年',
      '吹白了松',
      '吹不老这座山',
      '我站在南天门',
      '看云从脚下升起',
      '才知道',
      '山有多高',
      '人就能走多远',
    ]
      .map((line) => `<p>${line}</p>`)
      .join('');
    const aside = SENTENCES.map((text) => `<p>${text}</p>`).join('');
    expect(containerOf(`<div class="main"><div class="poem-body">${poem}</div><div class="aside-box">${aside}</div></div>`)).toBe(
      'poem-body',
    );
  });

  it('gives little weight to a box under a furniture heading (网友留言（7）), whatever its class', () => {
    const paragraphs = SENTENCES.map((text) => `<p>${text}</p>`).join('');
    const comments = [...SENTENCES, ...SENTENCES].map((text) => `<p>网友：${text}</p>`).join('');
    expect(
      containerOf(
        `<div class="text">${paragraphs}</div><div class="box"><div>网友留言（6）</div><div class="list">${comments}</div></div>`,
      ),
    ).toBe('text');
  });
});

describe('trimming the body', () => {
  it('drops a table of labelled metadata cells (留言人：, 办理单位：) above the text, and keeps a table of prose', () => {
    const html =
      '<html><head><title>关于小区路灯不亮的问题</title></head><body><div class="detail"><h3>关于小区路灯不亮的问题</h3>' +
      '<table><tr><td>留言人：</td><td>市民</td><td>留言时间：</td><td>2024-08-10 20:16</td></tr>' +
      '<tr><td>办理单位：</td><td>泰安市城市管理局</td></tr></table>' +
      `<div><p>${SENTENCES[0]}</p></div><div><p>${SENTENCES[1]}</p></div><table><tr><td>${SENTENCES[2]}</td></tr></table></div></body></html>`;
    const body = extractArticle(html, 'https://example.com/a.html').html ?? '';
    expect(body).not.toMatch(/留言人|办理单位|2024-08-10/);
    for (const text of SENTENCES) expect(body).toContain(text);
  });
});

describe('joining a split body', () => {
  it('never takes the header block (引题, headline, 副题, info) beside the text as a part', () => {
    const html =
      '<html><head><title>东平湖鸟类增至182种</title></head><body><div class="page">' +
      '<div class="head"><p>南水北调东线重要调蓄湖泊生态持续向好</p><h1>东平湖鸟类增至182种</h1>' +
      '<p>湖区建成水质自动监测站8座，入湖河流实时监控</p><span>新京报记者 吴帆</span><span>2024-07-10 11:03</span></div>' +
      `<div class="text">${SENTENCES.map((text) => `<p>${text}</p>`).join('')}</div></div></body></html>`;
    const body = extractArticle(html, 'https://example.com/a.html').html ?? '';
    expect(body).toContain(SENTENCES[0]);
    expect(body).not.toMatch(/入湖河流实时监控|南水北调东线/);
  });

  const page = (parts: string) =>
    `<html><head><title>泰山文化节开幕</title></head><body><div class="wrap"><h1>泰山文化节开幕</h1>${parts}</div></body></html>`;
  const bodyOf = (parts: string) => extractArticle(page(parts), 'https://example.com/a.html').html ?? '';

  it('goes on past one box of furniture to a part of the same tag and class', () => {
    const body = bodyOf(
      `<div class="txt"><p>${SENTENCES[0]}</p><p>${SENTENCES[1]}</p></div>` +
        '<div class="xgyd"><h4>相关阅读</h4><ul><li><a href="/1">泰山皮影戏：方寸之间演绎大千世界</a></li></ul></div>' +
        `<div class="txt"><p>${SENTENCES[2]}</p><p>开采节现场还举行了斗茶大赛、茶艺表演和茶产品展销等活动。</p></div>`,
    );
    expect(body).toContain(SENTENCES[2]);
    expect(body).not.toMatch(/相关阅读|泰山皮影戏/);
  });

  it('takes short paragraphs in boxes of the same tag and class as the long one chosen', () => {
    const long = `${SENTENCES[0]}${SENTENCES[1]}${SENTENCES[2]}`;
    const body = bodyOf(['会议召开。', long, '全市新增学位1.2万个。'].map((text) => `<div class="para"><p>${text}</p></div>`).join(''));
    expect(body).toMatch(/会议召开。[\s\S]*新增学位1\.2万个。/);
  });

  it('never joins a sibling table cell as a paragraph, whatever it holds', () => {
    const html =
      '<html><head><title>泰山文化节开幕</title></head><body><table><tr>' +
      `<td><h1>泰山文化节开幕</h1>${SENTENCES.map((text) => `<p>${text}</p>`).join('')}</td><td>今日天气：晴，最高气温30℃。</td></tr></table></body></html>`;
    expect(extractArticle(html, 'https://example.com/a.html').html).not.toContain('今日天气');
  });

  it('never joins a summary box (内容摘要：…) as the lead of the text', () => {
    const body = bodyOf(
      '<div class="summary"><p>内容摘要：泰安出台支持民营经济的20条措施，涵盖市场准入、融资支持、政务服务等方面。</p></div>' +
        `<div class="text">${SENTENCES.map((text) => `<p>${text}</p>`).join('')}</div>`,
    );
    expect(body).toContain(SENTENCES[0]);
    expect(body).not.toContain('内容摘要');
  });

  it('joins a gallery of pictures with captions after the text, captions and all', () => {
    const captions = ['一等奖《泰山日出》（作者：马群）', '二等奖《岱庙秋色》（作者：程琳）'];
    const body = bodyOf(
      `<div class="intro"><p>${SENTENCES[0]}${SENTENCES[1]}</p></div>` +
        `<ul class="gallery">${captions.map((text, i) => `<li><img src="/${i}.jpg"><p>${text}</p></li>`).join('')}</ul>`,
    );
    for (const text of captions) expect(body).toContain(text);
  });
});
