import type { ListItem, ListKind } from '../../domain/recommendation-list.js';
import { escapeHtml, stripNonXmlChars } from '../../domain/xml-text.js';

/** The heading each list carries, as the portal's article page names its blocks. */
export const LIST_HEADINGS: Record<ListKind, string> = {
  hot: '热点排行',
  'for-you': '猜你喜欢',
  'channel-picks': '频道推荐',
  picks: '新闻推荐',
  related: '相关新闻',
};

/**
 * Returns a list as a small HTML page for a partner's iframe: every string escaped, plain
 * markup with `syn-` classes and a few styles a partner can override, links that open in the
 * partner's window, and nothing fetched from anywhere else.
 */
export function renderWidget(kind: ListKind, items: readonly ListItem[]): string {
  const heading = LIST_HEADINGS[kind];
  const rows = items.map((item) => {
    const date = item.publishedAt.slice(5, 10);
    return `<li class="syn-item"><a class="syn-link" href="${escapeHtml(item.url)}" target="_top" rel="noopener">${escapeHtml(stripNonXmlChars(item.title))}</a> <time class="syn-time" datetime="${escapeHtml(item.publishedAt)}">${escapeHtml(date)}</time></li>`;
  });
  const empty = items.length === 0 ? '<p class="syn-empty">暂无内容</p>' : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${heading}</title>
<style>body{margin:0;font:14px/1.6 sans-serif}.syn-list{padding:8px}.syn-title{font-size:16px;margin:0 0 6px}.syn-items{margin:0;padding-left:1.5em}.syn-link{color:inherit;text-decoration:none}.syn-link:hover{text-decoration:underline}.syn-time{color:#888;font-size:12px}</style>
</head><body><section class="syn-list syn-${kind}"><h2 class="syn-title">${heading}</h2>${empty}<ol class="syn-items">${rows.join('')}</ol></section></body></html>
`;
}
