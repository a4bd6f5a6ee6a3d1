/**
 * Per-site extraction rules, as data: how a site marks up every one of its articles. A rule's
 * selectors win over the generic extractor for the fields they find; fields a rule leaves out,
 * or whose selector matches nothing on a page, fall back to the generic extractor. Adding a
 * site is a new entry here, never an edit of the extractor (cf. Miniflux's scraper/rules.go).
 */
export interface SiteRule {
  /** Names the site gives itself in og:site_name, application-name or the author meta, for pages saved without their URL. */
  siteNames?: readonly string[];
  /** The headline. */
  title?: string;
  /** The element whose text (or datetime/content attribute) holds the publication time. */
  time?: string;
  /** The 来源 (original outlet). */
  source?: string;
  /** Byline elements: reporters, or the account that posted a self-media article. */
  author?: string;
  /** The element holding the article text. */
  body?: string;
  /** Furniture inside or around the body to remove before anything else. */
  drop?: readonly string[];
}

/** The rules, by registrable domain; a rule also covers the domain's subdomains. */
export const SITE_RULES: Readonly<Record<string, SiteRule>> = {
  '163.com': {
    siteNames: ['网易'],
    title: '.post_content_main h1, h1.post_title, .article_title h2',
    time: '.post_time_source, .post_info, .share_box .time',
    source: '#ne_article_source, .post_info a[href*="/dy/media/"]',
    // 网易号 (self-media) posts name their account, which is the author, beside the time.
    author: '.post_wemedia_name a, .share_box .time span:last-child',
    body: '#endText, .post_body, #content',
    drop: ['.otitle', '.special_tag_wrap', '.related_article', '.video-wrapper', '.gg200x300', '.statement', '.post_btmshare'],
  },
  'qq.com': {
    title: '.qq_article h1, .LEFT h1',
    time: '.a_time, .article-time',
    source: '.a_source, .LEFT a.author div',
    body: '#Cnt-Main-Article-QQ, .content-article',
    drop: ['.introduction', '#Status'],
  },
  'baijiahao.baidu.com': {
    title: '.article-title h2',
    time: '.article-source .date, .article-source .time',
    author: '.author-name',
    body: '.article-content',
  },
  'thepaper.cn': {
    title: 'h1.news_title',
    time: '.news_about',
    author: '.news_paike_author .name, .news_paike_author a',
    body: '.news_txt',
    drop: ['.hide_word'],
  },
  'people.com.cn': {
    title: '.text_title h1, .rm_txt h1',
    time: '.text_title .box01 .fl, .rm_txt .col-1-1',
    body: '#rwb_zw, .rm_txt_con',
    drop: ['.zdfy', '.otitle'],
  },
  'xinhuanet.com': {
    title: '.h-title',
    time: '.h-time',
    source: '#source',
    body: '#p-detail',
    drop: ['.lb', '.tadd', '.video-url'],
  },
  'guancha.cn': {
    title: '.left-main > h3',
    time: '.time',
    body: '.all-txt',
    drop: ['.img-special'],
  },
  'hexun.com': {
    title: '.articleName h1',
    time: '.pr20',
    source: '.tip a',
    body: '.art_contextBox',
  },
  'gamersky.com': {
    title: '.Mid2L_tit h1, .ymw-contxt-aside h1',
    time: '.Mid2L_tit .detail, .ymw-contxt-aside span',
    body: '.Mid2L_con, .gsAreaContextArt',
    drop: ['.page_css'],
  },
  'stcn.com': {
    title: '.intal_tit h2',
    time: '.intal_tit .info',
    body: '.txt_con',
  },
  'cjn.cn': {
    title: 'h1.art-title',
    time: '.art-meta .pub-time',
    body: '.art-main',
  },
  'cmse.gov.cn': {
    title: '.mainCon .title',
    body: '#content, .TRS_Editor',
  },
};
