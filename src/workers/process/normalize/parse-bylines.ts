/** Authors and editor named by the byline lines of an item. */
export interface Bylines {
  authors: string[];
  editor: string | null;
}

const ROLE =
  '(?:本报|本台)?(?:特约|见习)?(?:记者|通讯员|实习生|作者|撰稿|撰文|文\\s*[/／]|图\\s*[/／]|摄影|摄|责任编辑|责编|编辑|校对|审核)';
const ROLE_AT = new RegExp(`(${ROLE})\\s*[:：|｜]?\\s*`, 'g');
/** Roles that name the editor; 责任编辑 outranks a plain 编辑 credit. */
const CHIEF_EDITOR_ROLE = /责任编辑|责编/;
const EDITOR_ROLE = /编辑/;
/** Roles that name neither an author nor the editor. */
const OTHER_ROLE = /校对|审核/;
/** A Chinese personal name: two to four Han characters, or a compound name with a middle dot. */
const NAME = /^[\p{Script=Han}]{2,4}$|^[\p{Script=Han}]{1,6}·[\p{Script=Han}]{1,6}$/u;
/**
 * What an explicit 作者 may name besides a person: a self-media account (IT之家, 中国广州发布)
 * or an editor's code-like id (HN666).
 */
const ACCOUNT = /^[\p{Script=Han}A-Za-z0-9·_-]{2,20}$/u;
/** Words that sit where names sit but are not names. */
const NOT_NAMES = new Set([
  '报道', '摄影', '通讯员', '记者', '编辑', '供图', '本报', '综合', '整理', '整合', '编译', '未知', '佚名', '匿名', '来源', '本站',
  '原创', '小编',
]);
/** The staff-code suffix some CMSs append to names: 杨倩_NF4425. */
const STAFF_CODE = /_[A-Za-z]+\d*$/;

/**
 * Parses byline lines (□通讯员 武建堂, （记者 张三 李四）, 文/王五, 责任编辑：孙静, 作者：IT之家) and
 * plain names into the authors and the editor, in the order they appear, without repeats.
 * A lone name after 作者 may be an account name; names after other roles must look like
 * personal names.
 */
export function parseBylines(lines: readonly string[]): Bylines {
  const authors: string[] = [];
  let editor: string | null = null;
  let chiefEditor: string | null = null;
  for (const line of lines) {
    const cleaned = line.replace(/[□■（）()【】[\]<>《》]/g, ' ').trim();
    for (const { role, names } of splitByRole(cleaned)) {
      const found = acceptedNames(role, names);
      if (role && CHIEF_EDITOR_ROLE.test(role)) chiefEditor ??= found[0] ?? null;
      else if (role?.includes('编辑')) editor ??= found[0] ?? null;
      else if (!role || !OTHER_ROLE.test(role)) found.forEach((name) => authors.includes(name) || authors.push(name));
    }
  }
  return { authors, editor: chiefEditor ?? editor };
}

function acceptedNames(role: string | undefined, names: string[]): string[] {
  const usable = names.filter((name) => !NOT_NAMES.has(name));
  const explicit = role !== undefined && /作者|编辑|责编/.test(role) && usable.length === 1;
  return usable.filter((name) => NAME.test(name) || (explicit && ACCOUNT.test(name)));
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
    .map((name) => name.replace(/[:：。.]/g, '').replace(STAFF_CODE, '').trim())
    .filter(Boolean);
}
