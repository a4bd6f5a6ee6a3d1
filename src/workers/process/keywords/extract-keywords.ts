import type { Keyword } from '../../../domain/article-card.js';

/** Cuts text into words; a real Chinese segmenter (jieba) behind it. */
export type Segmenter = (text: string) => string[];

/** How many distinct terms an article keeps: enough for its subject, not its every word. */
export const MAX_KEYWORDS = 40;

/** Words too common in Chinese local news to say what a story is about. */
const STOPWORDS = new Set([
  '我们',
  '他们',
  '你们',
  '这个',
  '那个',
  '一个',
  '这些',
  '那些',
  '其中',
  '以及',
  '并且',
  '同时',
  '目前',
  '近日',
  '日前',
  '今年',
  '去年',
  '记者',
  '通讯员',
  '编辑',
  '责任编辑',
  '来源',
  '本报',
  '报道',
  '获悉',
  '了解',
  '表示',
  '介绍',
  '进行',
  '开展',
  '工作',
  '活动',
  '通过',
  '相关',
  '有关',
  '方面',
  '情况',
  '问题',
  '主要',
  '重要',
  '积极',
  '不断',
  '进一步',
  '持续',
  '全面',
  '推动',
  '推进',
  '加强',
  '提升',
  '实现',
  '已经',
  '正在',
  '将会',
  '可以',
  '没有',
  '就是',
  '还是',
  '因为',
  '所以',
  '但是',
  '如果',
  '为了',
  '对于',
  '关于',
  '一些',
  '时间',
  '期间',
  '当天',
  '今天',
  '昨天',
  '日上午',
  '日下午',
  '上午',
  '下午',
  '晚上',
  '全市',
  '全县',
  '各级',
  '部门',
  '单位',
]);

/** A term worth keeping: two or more characters, Han or letters and digits, not a bare number, not a stopword. */
const TERM = /^(?:\p{Script=Han}{2,}|[A-Za-z][A-Za-z0-9]{1,})$/u;

/**
 * Returns the terms of a title and text with their counts, most frequent first, at most
 * MAX_KEYWORDS. The title counts three times: it states the subject.
 */
export function extractKeywords(title: string, text: string, segment: Segmenter): Keyword[] {
  return keywordsOfWords(segment(title), segment(text));
}

/** As extractKeywords, from the words of the title and the text, segmented already. */
export function keywordsOfWords(titleWords: readonly string[], textWords: readonly string[]): Keyword[] {
  const counts = new Map<string, number>();
  const add = (words: readonly string[], weight: number) => {
    for (const word of words) {
      const term = word.trim().toLowerCase();
      if (TERM.test(term) && !STOPWORDS.has(term)) counts.set(term, (counts.get(term) ?? 0) + weight);
    }
  };
  add(titleWords, 3);
  add(textWords, 1);
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, MAX_KEYWORDS);
}
