import { describe, expect, it } from 'vitest';
import type { ListItem } from '../../../src/domain/recommendation-list.js';
import { renderWidget } from '../../../src/feeds/render/render-widget.js';

const HOSTILE: ListItem = {
  id: '0123456789abcdef',
  title: '</a><script>alert(1)</script><img src=x onerror=alert(2)>"泰安\u0000',
  url: 'https://news.example.cn/a.html?x="><script>alert(3)</script>',
  publishedAt: '2026-12-04T08:00:00+08:00',
  channels: ['taian'],
  score: 1,
};

describe('renderWidget', () => {
  const html = renderWidget('hot', [HOSTILE]);

  it('escapes every string of an item, so a hostile title or url stays text', () => {
    expect(html).not.toMatch(/<script|<img/);
    expect(html).not.toContain('\u0000');
    expect(html).toContain('&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="https://news.example.cn/a.html?x=&quot;&gt;&lt;script&gt;');
  });

  it('is a small page with the list’s heading, overridable classes, and nothing fetched from elsewhere', () => {
    expect(html).toContain('<h2 class="syn-title">热点排行</h2>');
    expect(html).toContain('class="syn-list syn-hot"');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|@import|url\(/i);
    expect(Buffer.byteLength(html)).toBeLessThan(2000);
    expect(html).toContain('target="_top"');
  });

  it('says so when a list is empty', () => {
    expect(renderWidget('picks', [])).toContain('<h2 class="syn-title">新闻推荐</h2><p class="syn-empty">');
  });
});
