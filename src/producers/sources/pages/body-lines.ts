/**
 * Classifies the lines (leaf paragraphs) at the edges of an article body: bylines, editor and
 * 来源 lines, captions, 原标题 lines and the end matter (disclaimers, pagination, app promos)
 * that portals put around the text. Each test takes one squashed line.
 */

import { dropEmpty } from '../../../domain/drop-empty.js';
import {
  anyOf,
  CHIEF_EDITOR_ROLES,
  EDITOR_ROLES,
  OTHER_CREDIT_ROLES,
  PERSON_NAME,
  RELATED_LIST_HEADINGS,
  roleSource,
  SHARE_MARKERS,
  SOURCE_LABELS,
  WRITER_ROLES,
} from '../../../domain/news-vocabulary.js';

/** Headings of comment boxes besides the ones normalize also knows: 网友留言（7）, 精彩评论. */
const COMMENT_HEADINGS = ['网友评论', '网友留言', '读者留言', '精彩评论', '热门评论', '最新评论', '全部评论', '发表评论', '我要评论'];
/** Headings of the blocks that portals put around and inside article bodies. */
const FURNITURE_MARKERS: readonly string[] = [...RELATED_LIST_HEADINGS, ...SHARE_MARKERS, ...COMMENT_HEADINGS];
/**
 * A heading that is a furniture marker and nothing else, perhaps with a count: 网友留言（7）,
 * 相关阅读; a bare 评论 only with its count (评论（12）), since 评论 alone also labels opinion pieces.
 */
const FURNITURE_HEADING = new RegExp(`^(?:(?:${anyOf(FURNITURE_MARKERS)})[（(]?\\d*[）)]?|评论[（(]\\d+[）)])$`);

/** Roles that name who made the piece; 文 and 图 count only with their slash (文/王五). */
const ROLE = roleSource([...WRITER_ROLES, ...EDITOR_ROLES, '校对']);
const ROLES = new RegExp(ROLE, 'g');
const NAME = PERSON_NAME;
/** Words a byline carries besides names: 报道, 发自…, an outlet (泰安日报, 泰安日报·泰山Plus). */
const FILLER =
  /^(?:报道|整合|综合|摄|整理|供稿|制图|编译|发自\S{0,6}|[\p{Script=Han}]{2,6}(?:报|网|社|台)?|[\p{Script=Han}A-Za-z]{2,10}(?:·[\p{Script=Han}A-Za-z]{2,10})+)$/u;
const SENTENCE = /[，。！？；,!?;]/;

/**
 * True for a line that is only a byline: roles and names, perhaps an outlet before a role
 * (`新京报记者 陆一夫`, `【文/观察者网专栏作者 王文】`, `采写：南都记者 余毅菁 向雪妮`), never a sentence
 * that starts with 记者 (`记者通过电子邮件联系了…`).
 */
export function isBylineLine(line: string): boolean {
  const bare = line.replace(/[□■●◆（）()【】[\]<>《》“”"]/g, ' ').trim();
  if (bare.length > 40 || SENTENCE.test(bare) || !new RegExp(ROLE).test(bare)) return false;
  const tokens = bare
    .replace(ROLES, ' ')
    .split(/[\s、:：/／|｜]+/)
    .filter(Boolean);
  return tokens.some((token) => NAME.test(token)) && tokens.every((token) => NAME.test(token) || FILLER.test(token));
}

const EDITOR_LINE = new RegExp(`^[\\s（(【[]*${anyOf([...EDITOR_ROLES, ...OTHER_CREDIT_ROLES])}\\s*[:：|｜\\s]`);

/** True for an editor or credits line: 责任编辑：孙静, (责编：汤诗瑶、丁涛), 编辑|禤志杰, 【编辑：姚昊】. */
export function isEditorLine(line: string): boolean {
  return line.length <= 60 && (EDITOR_LINE.test(line) || (line.length <= 40 && CHIEF_EDITOR_LABEL.test(line)));
}

const CHIEF_EDITOR_LABEL = new RegExp(`${anyOf(CHIEF_EDITOR_ROLES)}\\s*[:：]`);
const SOURCE_LINE = new RegExp(`^[\\s（(【[]*(?:本文)?${anyOf(SOURCE_LABELS)}\\s*[:：|｜]\\s*(.*?)[\\s)）】\\]]*$`);

/** The outlet of a 来源 line (来源：无锡交警, （资料来源：参考消息、海外网等）), or undefined for any other line. */
export function sourceOfLine(line: string): string | undefined {
  if (line.length > 60) return undefined;
  return dropEmpty(SOURCE_LINE.exec(line)?.[1]?.trim());
}

/** A 原标题 line: （原标题：…）, 原标题：…, 本文原标题：《…》, and the closing （原题为《…》）. */
export function isOriginalTitleLine(line: string): boolean {
  return /^[\s（(【[]*(?:本文)?(?:原标题|原题为|原题)\s*[:：《]?/.test(line) && line.length <= 120;
}

/** Disclaimers and copyright notices; they run up to a few sentences. */
const DISCLAIMER =
  /声明[:：]|免责声明|版权(?:所有|归)|未经(?:授权|许可)|不得转载|转载请|如有侵权|本文来自|仅代表(?:作者|该机构)|不代表.{0,12}(?:观点|立场)|图片来自网络/;
/** A page bar: 上一页 1 2 下一页, 第1页, 【1】【2】, 2/3, 余下全文. */
const PAGINATION = /^(?:【\d+】)+$|上一页|下一页|余下全文|^(?:展开|阅读|查看)全文|^\d+\s*\/\s*\d+$|^第\s*\d+\s*页/;
/** An app or WeChat promo: 点击蓝字关注我们, 长按识别二维码, 下载客户端. */
const PROMO =
  /二维码|扫码|扫一扫|长按识别|点击.{0,6}(?:关注|阅读原文|菜单|进入)|回复【|点.{0,2}【?在看|下载.{0,8}(?:客户端|APP)|返回.{0,8}首页/i;
/** Pagination, app and WeChat promos, 相关资讯 pointers: short lines of their own. */
const SHORT_END_MATTER = [PAGINATION, PROMO, /^(?:相关(?:资讯|阅读|新闻|链接|文章|推荐)|延伸阅读|推荐阅读|更多精彩)/];
const MAX_SHORT_END_MATTER = 40;

/** True for a page bar of its own (上一页 1 2 下一页, 第1页 第2页). */
export function isPaginationLine(line: string): boolean {
  return line.length <= MAX_SHORT_END_MATTER && PAGINATION.test(line);
}

/** True for an app or WeChat promo line of its own (点击蓝字 关注我们, 长按识别二维码). */
export function isPromoLine(line: string): boolean {
  return line.length <= MAX_SHORT_END_MATTER && PROMO.test(line);
}

/** True for end matter: disclaimers, copyright, pagination, app and WeChat promos, 相关资讯 pointers. */
export function isEndMatter(line: string): boolean {
  if (line.length <= 150 && DISCLAIMER.test(line)) return true;
  return line.length <= MAX_SHORT_END_MATTER && SHORT_END_MATTER.some((pattern) => pattern.test(line));
}

const CAPTION_CREDIT =
  /(?:摄|供图|截图|资料图|图片来源|图源|视觉中国|东方IC|IC\s*photo|图虫|新华社发|CFP)(?:\s*资料)?\s*[)）]?$|^[▲△↑↓]|^图[为：:]|^[上下左右]图/i;

/** A labelled credit of the pictures or video, on a line of its own: 图片｜市民供图, 摄影：李明. */
const PICTURE_CREDIT_LINE = /^(?:图片|图|摄影|视频|图源|配图|图文)\s*[｜|丨:：/]\s*\S.{0,20}$/;

/** True for a credit line of the pictures (图片｜市民供图): it may close the text as bylines do. */
export function isPictureCreditLine(line: string): boolean {
  return PICTURE_CREDIT_LINE.test(line);
}

/** True for a line that credits or describes a photo (…沙坪坝区公安分局供图, ▲图片来自视频截图, 视觉中国 资料). */
export function isCaptionCredit(line: string): boolean {
  return line.length <= 80 && CAPTION_CREDIT.test(line);
}

const SUMMARY_LABEL = '(?:内容摘要|摘要|导读|导语|内容提要|核心提示|提要)';
/** A summary box's opening label, before the summary itself: 内容摘要：…, 【导读】… */
const SUMMARY_OPENING = new RegExp(`^(?:[【[]${SUMMARY_LABEL}[】\\]]|${SUMMARY_LABEL}\\s*[:：])`);

/** True for the text of a summary box (内容摘要：…, 【核心提示】…): the editors' summary, not the article. */
export function isSummaryBox(text: string): boolean {
  return SUMMARY_OPENING.test(text);
}

/** Labels that head a summary box or a gallery before the text (划重点：, 导语, 图集). */
export const LEAD_LABEL = /^[【[]?(?:图集|组图|导语|摘要|内容提要|核心提示|划重点|提要)[】\]]?[:：]?$/;

/** The byline inside a paragraph's opening: 新京报讯（记者 陆一夫）, 新华社巴黎12月9日电（记者唐霁）. */
const INLINE_BYLINE = new RegExp(`[（(]\\s*(${roleSource(['记者', '通讯员', '实习生'])}[^（）()]{2,30}?)\\s*[)）]`);

/** A news agency's dateline whose bracket names the reporters alone: 中新网泰安5月7日电 (李明 张华). */
const DATELINE_NAMES = /^\S{2,24}?日电\s*[（(]\s*([\p{Script=Han}·]{2,5}(?:[\s、]+[\p{Script=Han}·]{2,5}){0,3})\s*[)）]/u;

/** The byline a paragraph opens with, or undefined. */
export function findInlineByline(paragraph: string): string | undefined {
  const match = INLINE_BYLINE.exec(paragraph.slice(0, 80));
  if (match && match.index < 40) return match[1];
  const names = DATELINE_NAMES.exec(paragraph.trim())?.[1];
  return names ? `记者 ${names}` : undefined;
}

/** The card a reposting account puts above a story: 以下文章来源于泰安日报 ，作者刘强. */
const REPRINT_CARD = /^(?:以下)?(?:文章|内容)?(?:来源于|转载自|转自)\s*(\S.*?)\s*[，,]\s*作者\s*[:：]?\s*(\S{2,20})$/;

/** The outlet and author a repost card names, or undefined for any other line. */
export function readReprintCard(line: string): { source: string; author: string } | undefined {
  const match = REPRINT_CARD.exec(line);
  return match?.[1] && match[2] ? { source: match[1], author: match[2] } : undefined;
}

/** True for a line that is only a furniture heading (网友留言（7）, 相关阅读), as boxes of furniture are headed. */
export function isFurnitureHeading(line: string): boolean {
  return FURNITURE_HEADING.test(line.replace(/[\s·•:：]/g, ''));
}

/** True when a furniture heading (相关新闻, 延伸·推荐, 分享到) opens the text. */
export function startsWithFurnitureMarker(text: string): boolean {
  const bare = text.replace(/[\s·•:：]/g, '');
  return FURNITURE_MARKERS.some((marker) => bare.startsWith(marker));
}
