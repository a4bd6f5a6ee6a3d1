/** Authors and editor named by the byline lines of an item. */
export interface Bylines {
  authors: string[];
  editor: string | null;
}

const ROLE = '(?:本报|本台)?(?:记者|通讯员|特约通讯员|实习生|作者|撰稿|文\\s*[/／]|图\\s*[/／]|摄影|摄|责任编辑|编辑)';
const ROLE_AT = new RegExp(`(${ROLE})\\s*[:：]?\\s*`, 'g');
const EDITOR_ROLE = /编辑/;
/** A Chinese personal name: two to four Han characters, or a compound name with a middle dot. */
const NAME = /^[\u4e00-\u9fa5]{2,4}$|^[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,6}$/;
/** Words that sit where names sit but are not names. */
const NOT_NAMES = new Set(['报道', '摄影', '通讯员', '记者', '编辑', '供图', '本报', '综合', '整理']);

/**
 * Parses byline lines (□通讯员 武建堂, （记者 张三 李四）, 文/王五, 责任编辑：孙静) and plain names
 * into the authors and the editor, in the order they appear, without repeats.
 */
export function parseBylines(lines: readonly string[]): Bylines {
  const authors: string[] = [];
  let editor: string | null = null;
  for (const line of lines) {
    const cleaned = line.replace(/[□■（）()【】\[\]<>《》]/g, ' ').trim();
    const segments = splitByRole(cleaned);
    for (const { role, names } of segments) {
      const found = names.filter((name) => NAME.test(name) && !NOT_NAMES.has(name));
      if (role && EDITOR_ROLE.test(role)) editor ??= found[0] ?? null;
      else found.forEach((name) => authors.includes(name) || authors.push(name));
    }
  }
  return { authors, editor };
}

function splitByRole(line: string): { role: string | undefined; names: string[] }[] {
  const matches = [...line.matchAll(ROLE_AT)];
  if (matches.length === 0) return [{ role: undefined, names: splitNames(line) }];
  return matches.map((match, index) => {
    const start = match.index + match[0].length;
    const end = matches[index + 1]?.index ?? line.length;
    return { role: match[1], names: splitNames(line.slice(start, end)) };
  });
}

function splitNames(text: string): string[] {
  return text
    .split(/[\s、，,;；/／]+/)
    .map((name) => name.replace(/[:：。.]/g, '').trim())
    .filter(Boolean);
}
