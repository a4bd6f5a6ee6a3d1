import { anyOf, EDITOR_ROLES, OTHER_CREDIT_ROLES, RELATED_LIST_HEADINGS, SOURCE_LABELS } from '../../../domain/news-vocabulary.js';

/** A heading of a list of other stories: 相关新闻, 推荐阅读, 猜你喜欢… (after a bullet or bracket). */
const LIST_HEADING = new RegExp(`^[\\s·•‧▪■□◆●\\-【\\[〖]*${anyOf(RELATED_LIST_HEADINGS)}`);
/** A credit or source line: 责任编辑：李娜, 【编辑：孙晓】, 审核：张强, 来源：羊流镇妇联. */
const CREDIT = new RegExp(`^[（(【\\[]?\\s*${anyOf([...EDITOR_ROLES, ...OTHER_CREDIT_ROLES, ...SOURCE_LABELS])}\\s*[:：]`);
/** What a partner puts where it cut a story short, or asks the reader to do next. */
const PROMPT = /^[（(【[]?\s*(?:阅读全文|查看全文|点击(?:查看|阅读|关注|进入)|未完|完[）)]|更多.{0,12}(?:请|敬请)?关注|视频加载中)/;
const DATE = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}[:：]\d{2}(?::\d{2})?)?$/;
/** A line that ends a sentence: 。！？… or their ASCII forms, then any closing quotes or brackets. */
const SENTENCE_END = /[。！？!?…]+[”’"'」』）)\]】]*$/;
/** Lines as long as a headline (a list item, a caption) at most; a paragraph of text is longer. */
const HEADLINE_MAX = 40;
/** What a partner appends to the part of a story it kept. */
const CUT_MARK = /\s*[（(]\s*(?:未完|未完待续)\s*[）)]\s*$/;

/**
 * Returns the text without the blocks a site put after the story: lists of other stories with
 * or without their heading (a page's furniture stripper takes the heading, the headlines stay),
 * credit and source lines, 阅读全文 prompts, dates, and any short lines that end no sentence
 * (headlines, captions). Only the end is cut: everything up to the last line that is none of
 * these stays. A text with no such line is returned as it is. Partners that republish the first
 * part of a story put their own 相关新闻 after it; its headlines name other places and figures,
 * which would make the copy look like another story (issue 16). A line cut short with … or
 * （未完） ends a sentence for this purpose: it is the last of the story the partner kept.
 */
export function cutTrailingBlocks(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && isTrailingFurniture((lines[end - 1] ?? '').replace(CUT_MARK, '').trim())) end--;
  if (end === 0) return text;
  const kept = lines.slice(0, end);
  kept[end - 1] = (kept[end - 1] ?? '').replace(CUT_MARK, '');
  return kept.join('\n');
}

function isTrailingFurniture(line: string): boolean {
  if (line === '' || LIST_HEADING.test(line) || PROMPT.test(line) || DATE.test(line)) return true;
  if (CREDIT.test(line)) return line.length <= HEADLINE_MAX;
  return line.length <= HEADLINE_MAX && !SENTENCE_END.test(line);
}
