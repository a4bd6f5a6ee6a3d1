/**
 * The words of Chinese news pages that extraction (producers) and normalization (workers) both
 * read: the roles of a byline, the labels of 来源 and editor lines, the headings of the blocks
 * portals put around an article. One list of each, so the two stages never drift apart; each
 * module builds the patterns it needs from them.
 */

/** What may stand before a role: 本报记者, 本台记者, 特约通讯员, 见习记者, 全媒体记者, 融媒记者, 首席记者, 实习记者. */
export const ROLE_PREFIXES = ['本报', '本台', '本网', '特约', '见习', '首席', '全媒体', '融媒体', '融媒', '实习', '驻站', '特派'] as const;

/**
 * Roles that name who wrote the piece, written as the regex sources they need. 文 counts only
 * with its mark (文/王五, 文｜李明, 文/图 刘洋): alone it is a word of the text.
 */
export const REPORTER_ROLES = [
  '记者',
  '通讯员',
  '实习生',
  '评论员',
  '作者',
  '撰稿',
  '撰文',
  '采写',
  '文\\s*[/／]\\s*图',
  '文\\s*[/／|｜]',
] as const;

/** Roles that name who wrote, translated or photographed the piece (图 also only with its mark). */
export const WRITER_ROLES = [...REPORTER_ROLES, '编译', '摄影', '摄', '图\\s*[/／|｜]'] as const;

/** Roles that name the editor, 责任编辑 first: it outranks a plain 编辑 credit. */
export const CHIEF_EDITOR_ROLES = ['责任编辑', '责编'] as const;
export const EDITOR_ROLES = ['责任编辑', '责编', '编辑'] as const;

/** Credits on an editor line that name neither an author nor the editor. */
export const OTHER_CREDIT_ROLES = [
  '校对',
  '审核',
  '审校',
  '监制',
  '统筹',
  '美编',
  '值班编辑',
  '主编',
  '终审',
  '初审',
  '复审',
  '编审',
] as const;

/** Labels of the line that names the outlet a story came from: 来源：泰安日报. */
export const SOURCE_LABELS = ['来源于', '稿件来源', '资料来源', '信息来源', '文章来源', '来源', '出处'] as const;

/** Labels that follow a byline or a 来源 on an info line: never part of a name or an outlet. */
export const INFO_LABELS = [
  '来源',
  '作者',
  '记者',
  '编辑',
  '责任编辑',
  '责编',
  '责任',
  '发布',
  '时间',
  '日期',
  '字号',
  '浏览',
  '阅读',
  '点击',
  '分享',
  '举报',
  '评论',
] as const;

/** Headings of recommendation and navigation blocks in and after article bodies (新闻推荐, 相关新闻, 猜你喜欢…). */
export const RELATED_LIST_HEADINGS = [
  '新闻推荐',
  '相关新闻',
  '相关阅读',
  '相关报道',
  '相关推荐',
  '相关文章',
  '相关链接',
  '延伸阅读',
  '延伸推荐',
  '推荐阅读',
  '猜你喜欢',
  '频道推荐',
  '热点阅读',
  '热点排行',
  '热点推荐',
  '热门推荐',
  '为你推荐',
  '大家都在看',
  '精彩推荐',
  '更多精彩',
  '往期回顾',
  '图文看点',
  '图文推荐',
  '乡里乡亲',
  '点击排行',
  '上一篇',
  '下一篇',
  '更多新闻',
] as const;

/** Openings of share bars. */
export const SHARE_MARKERS = ['分享到', '分享至', '扫一扫', '长按识别', '关注我们', '点击上方'] as const;

/** Openings of comment boxes. */
export const COMMENT_MARKERS = ['评论', '网友评论', '发表评论', '我要评论', '热门评论'] as const;

/** A personal name: two to four Han characters (any Han block: 䶮, 𠇔), or a compound name with a middle dot. */
export const PERSON_NAME = /^\p{Script=Han}{2,4}$|^\p{Script=Han}{1,6}·\p{Script=Han}{1,6}$/u;

/**
 * The traditional forms of the characters of these words, as Hong Kong, Taiwan and overseas
 * pages print them (來源, 記者, 通訊員, 責任編輯, 發佈時間), by simplified character: every
 * pattern built with anyOf reads both. A test checks each form against OpenCC's tables.
 */
export const TRADITIONAL_FORMS: Readonly<Record<string, string>> = {
  来: '來',
  记: '記',
  编: '編',
  辑: '輯',
  责: '責',
  讯: '訊',
  员: '員',
  发: '發',
  布: '佈',
  时: '時',
  间: '間',
  报: '報',
  见: '見',
  习: '習',
  实: '實',
  驻: '駐',
  约: '約',
  体: '體',
  评: '評',
  论: '論',
  采: '採',
  写: '寫',
  图: '圖',
  译: '譯',
  摄: '攝',
  对: '對',
  审: '審',
  监: '監',
  统: '統',
  筹: '籌',
  终: '終',
  复: '複',
  资: '資',
  处: '處',
  于: '於',
  号: '號',
  浏: '瀏',
  览: '覽',
  阅: '閱',
  读: '讀',
  点: '點',
  击: '擊',
  举: '舉',
  闻: '聞',
  关: '關',
  欢: '歡',
  频: '頻',
  热: '熱',
  门: '門',
  为: '為爲',
  荐: '薦',
  链: '鏈',
  顾: '顧',
  乡: '鄉',
  亲: '親',
  扫: '掃',
  长: '長',
  识: '識',
  们: '們',
  网: '網',
  综: '綜',
  创: '創',
};

/**
 * Returns a regex source that matches any of the words (already regex sources, or plain words
 * without metacharacters), each in its simplified or traditional form: 记者 also matches 記者.
 * A word must not hold a Han character inside a [] class.
 */
export function anyOf(words: readonly string[]): string {
  return `(?:${words.map(withTraditionalForms).join('|')})`;
}

function withTraditionalForms(word: string): string {
  return word.replace(/\p{Script=Han}/gu, (ch) => (TRADITIONAL_FORMS[ch] ? `[${ch}${TRADITIONAL_FORMS[ch]}]` : ch));
}

/** The regex source of one byline role with its optional prefixes: 本报记者, 特约通讯员, 文/, 责任编辑. */
export function roleSource(roles: readonly string[]): string {
  return `(?:${anyOf(ROLE_PREFIXES)})*${anyOf(roles)}`;
}
