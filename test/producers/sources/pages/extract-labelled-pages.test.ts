import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../src/app/extract-command.js';
import {
  HELDOUT_TARGETS,
  SCORED_FIELDS,
  meetsTarget,
  scorePage,
  totalVerdicts,
  type PageLabel,
  type PageVerdict,
  type Split,
  type Targets,
} from '../../../../scripts/extraction-scoring.js';
import { FIXTURES } from '../../../support/paths.js';

const PAGES = path.join(FIXTURES, 'pages');
const LABELS = JSON.parse(readFileSync(path.join(PAGES, 'labels.json'), 'utf8')) as PageLabel[];

/** Extracts a development page as `syndicator extract` does (rules on) and gives its label. */
async function extractDevPage(name: string) {
  const label = LABELS.find((entry) => entry.file === `labelled/${name}`);
  if (label?.split !== 'dev') throw new Error(`${name} is not a labelled development page`);
  return { label, page: await extractPage(path.join(PAGES, label.file)) };
}

/** One behaviour per development page: what issue 16 asks of pages of its kind. */
const CASES = [
  { behaviour: 'a time split over spans above the headline (year / month/day / time)', fixture: 'xinhua-split-time.html' },
  { behaviour: 'the time of a relative visible time from the epoch in SSR state', fixture: 'toutiao-relative-time.html' },
  { behaviour: 'an account named only by the page script (window.jsonData author.name)', fixture: 'baijiahao-hashed-classes.html' },
  { behaviour: 'an account named only in __NEXT_DATA__', fixture: 'pengpai-account-next-data.html' },
  { behaviour: 'the author from JSON-LD when the page shows none', fixture: 'gaoxin-zone-jsonld-array.html' },
  { behaviour: 'a 文/图 byline opening the body, apart from the time', fixture: 'dongping-wentu-byline.html' },
  { behaviour: 'a 作者/编辑 block after the body', fixture: 'taishan-district-apart.html' },
  { behaviour: 'a credits paragraph after the body container', fixture: 'trailer-author-paragraph.html' },
  { behaviour: 'a 文｜ pen name', fixture: 'column-pen-name.html' },
  { behaviour: 'a 全媒体记者 byline with an outlet·product prefix', fixture: 'byline-quanmeiti-reporter.html' },
  { behaviour: 'a repost card (以下文章来源于…，作者…) at the top of the body', fixture: 'wechat-reprint-card.html' },
  { behaviour: 'a body split by picture blocks', fixture: 'dongping-gallery-split-body.html' },
  { behaviour: 'a lead paragraph in a box of its own before the text', fixture: 'split-body-lead-and-text.html' },
  { behaviour: 'text parts between ads', fixture: 'split-body-interleaved-ads.html' },
  { behaviour: 'the folded half of a mobile article (display:none behind 展开全文)', fixture: 'mobile-expand-fulltext.html' },
  { behaviour: 'an app share page titled with the app name', fixture: 'mobile-h5-dzwww.html' },
  { behaviour: 'a WAP page with its headline in <b> above the time line', fixture: 'mobile-wap-table-old.html' },
  { behaviour: 'a visible time that wins over article:published_time mislabelled as UTC', fixture: 'conflict-og-utc-mislabel.html' },
  { behaviour: 'a newspaper page dated only by its issue line (第 10 版)', fixture: 'renmin-epaper-sec.html' },
  { behaviour: 'a time written with 时 and 分, and the long info line out of the body', fixture: 'gov-shifen-time.html' },
  { behaviour: 'a 本报评论员 byline', fixture: 'fushun-column-pinglun.html' },
  { behaviour: 'a 相关阅读 box in the middle of the body', fixture: 'related-box-mid-body.html' },
  { behaviour: 'a page bar (第1页 第2页) between the two pages of one story', fixture: 'two-pages-one-document.html' },
  { behaviour: 'a page bar (1 2 下一页) inside the text container', fixture: 'split-body-pages-in-one.html' },
  { behaviour: 'a 点击蓝字 关注我们 prompt above a WeChat text', fixture: 'wechat-no-author.html' },
  { behaviour: 'a 图片｜ credit line closing a WeChat text', fixture: 'wechat-pen-name-meta-text-ct-only.html' },
  { behaviour: 'a 搜狐号 account named by the mediaid meta', fixture: 'sohu-hao-sidebar-account-data-val.html' },
  { behaviour: 'an account name beside its platform tag (澎湃号·政务)', fixture: 'pengpai-hao-zhengwu-br-br-text.html' },
  { behaviour: 'the name part of an author box that also holds the date', fixture: 'renminhao-account.html' },
  { behaviour: 'reporters named in a news agency dateline (中新网泰安5月7日电 (李明 张华))', fixture: 'chinanews-style.html' },
  { behaviour: 'a visible 更新于 time that is not the publication time', fixture: 'jsonld-string-author-visible-updated-only.html' },
  { behaviour: "a newspaper page's issue date in the edition bar above the headline", fixture: 'epaper-yinti-futi-banci-date-only.html' },
  { behaviour: "an e-paper's issue date in a header bar far from the headline", fixture: 'fresh2-ep-tadaily-willow-craft.html' },
  { behaviour: 'the date and author of a Founder enpproperty comment', fixture: 'fresh2-ep-tadaily-fitness-circle.html' },
  { behaviour: 'an 更新时间 that is the only time on the page', fixture: 'fresh2-body-brbr-water-margin.html' },
  { behaviour: 'an author card below the article, after the share bar', fixture: 'fresh2-by-authorcard-old-streets.html' },
];

describe('extractPage on labelled development pages (issue 16 kinds)', () => {
  it.each(CASES)('$behaviour ($fixture)', async ({ fixture }) => {
    const { label, page } = await extractDevPage(fixture);
    const verdict = scorePage(label, page);
    for (const field of SCORED_FIELDS)
      expect(verdict[field].passed || !verdict[field].scored, `${field}: ${verdict[field].why ?? ''}`).toBe(true);
  });
});

/** The held-out pages are held to issue 16's targets, all four met (author 52 of 54, body 70 of 71 when tuning ended). */
const HELDOUT_FLOORS: Targets = HELDOUT_TARGETS;

describe('extraction over all own labelled pages', () => {
  it('meets issue 16 targets on the development pages and keeps the held-out floors', async () => {
    const verdicts: Record<Split, PageVerdict[]> = { dev: [], heldout: [] };
    for (const label of LABELS) verdicts[label.split ?? 'dev'].push(scorePage(label, await extractPage(path.join(PAGES, label.file))));
    expect(verdicts.dev.length).toBeGreaterThanOrEqual(40);
    expect(verdicts.heldout.length).toBeGreaterThanOrEqual(20);
    const dev = totalVerdicts(verdicts.dev);
    const heldout = totalVerdicts(verdicts.heldout);
    for (const field of SCORED_FIELDS) {
      expect(meetsTarget(field, dev[field], HELDOUT_TARGETS), `dev ${field} ${dev[field].passed}/${dev[field].total}`).toBe(true);
      expect(meetsTarget(field, heldout[field], HELDOUT_FLOORS), `held-out ${field} ${heldout[field].passed}/${heldout[field].total}`).toBe(
        true,
      );
    }
  }, 120_000);
});
