import type { Author, AuthorRole } from '../../../domain/article.js';
import type { RawAuthor } from '../../../domain/raw-item.js';
import {
  anyOf,
  CHIEF_EDITOR_ROLES,
  EDITOR_ROLES,
  OTHER_CREDIT_ROLES,
  PERSON_NAME,
  ROLE_PREFIXES,
  roleSource,
  WRITER_ROLES,
} from '../../../domain/news-vocabulary.js';

/** Authors (with their roles) and editors named by the byline lines of an item. */
export interface Bylines {
  authors: Author[];
  editors: string[];
}

const ROLE = roleSource([...WRITER_ROLES, ...EDITOR_ROLES, ...OTHER_CREDIT_ROLES]);
const ROLE_AT = new RegExp(`(${ROLE})\\s*[:：|｜]?\\s*`, 'g');
/** Roles that name the editor; 责任编辑 outranks a plain 编辑 credit. */
const CHIEF_EDITOR_ROLE = new RegExp(anyOf(CHIEF_EDITOR_ROLES));
const EDITOR_ROLE = new RegExp(anyOf(EDITOR_ROLES));
/** Roles that name neither an author nor the editor. */
const OTHER_ROLE = new RegExp(`^(?:${anyOf(ROLE_PREFIXES)})*${anyOf(OTHER_CREDIT_ROLES)}$`);
/** The roles that may name an account rather than a person. */
const ACCOUNT_ROLE = new RegExp(anyOf(['作者', ...EDITOR_ROLES]));
/** Staff reporters (记者, 本报记者, 见习记者, 特约记者…) and correspondents (通讯员, 特约通讯员); every other writer is a 作者. */
const REPORTER_ROLE = new RegExp(anyOf(['记者']));
const CORRESPONDENT_ROLE = new RegExp(anyOf(['通讯员']));
const NAME = PERSON_NAME;
/** What outlets end with: 泰山晚报, 南都, 大众网, 新华社, 泰安电视台, 融媒体中心. */
const OUTLET = /(?:报|网|社|台|都|中心|新闻|客户端)$/;
/**
 * What an explicit 作者 may name besides a person: a self-media account (IT之家, 中国广州发布)
 * or an editor's code-like id (HN666).
 */
const ACCOUNT = /^[\p{Script=Han}A-Za-z0-9·_-]{2,20}$/u;
/** Words that sit where names sit but are not names. */
const NOT_NAME_WORDS = [
  '报道',
  '摄影',
  '通讯员',
  '记者',
  '编辑',
  '供图',
  '本报',
  '综合',
  '整理',
  '整合',
  '编译',
  '未知',
  '佚名',
  '匿名',
  '来源',
  '本站',
  '原创',
  '小编',
];
/** A word of NOT_NAME_WORDS in either form (記者, 來源 too). */
const NOT_NAME = new RegExp(`^${anyOf(NOT_NAME_WORDS)}$`);
/** The staff-code suffix some CMSs append to names: 杨倩_NF4425. */
const STAFF_CODE = /_[A-Za-z]+\d*$/;

/**
 * Parses byline lines (□通讯员 武建堂, （記者 張偉 通訊員 李娜）, 文/王五, 责任编辑：汤诗瑶、丁涛, 作者：IT之家)
 * and plain names into the authors, each with their role, and the editors, in the order they
 * appear, without repeats; writers already read (the push API's) are kept as given. A lone
 * name after 作者 may be an account name; names after other roles must look like personal
 * names. The 责任编辑 (责编) outrank a plain 编辑 credit.
 */
export function parseBylines(lines: readonly RawAuthor[]): Bylines {
  const authors: Author[] = [];
  const editors: string[] = [];
  const chiefEditors: string[] = [];
  for (const line of lines) {
    if (typeof line !== 'string') {
      addAuthor(authors, line);
      continue;
    }
    const cleaned = line.replace(/[□■（）()【】[\]<>《》]/g, ' ').trim();
    for (const { role, names } of splitByRole(cleaned)) {
      const found = acceptedNames(role, names);
      if (role && CHIEF_EDITOR_ROLE.test(role)) addNames(chiefEditors, found);
      else if (role && EDITOR_ROLE.test(role)) addNames(editors, found);
      else if (!role || !OTHER_ROLE.test(role)) found.forEach((name) => addAuthor(authors, { name, role: authorRoleOf(role) }));
    }
  }
  return { authors, editors: chiefEditors.length > 0 ? chiefEditors : editors };
}

/** The role a byline's role word gives: 本报记者 → 记者, 特约通讯员 → 通讯员, 文/ or none → 作者. */
function authorRoleOf(role: string | undefined): AuthorRole {
  if (role === undefined) return '作者';
  if (CORRESPONDENT_ROLE.test(role)) return '通讯员';
  return REPORTER_ROLE.test(role) ? '记者' : '作者';
}

/** Adds a writer once; a name seen as a plain 作者 takes the more precise role a later byline gives it. */
function addAuthor(authors: Author[], author: Author): void {
  const index = authors.findIndex((known) => known.name === author.name);
  if (index === -1) authors.push(author);
  else if (authors[index]?.role === '作者') authors[index] = author;
}

function addNames(list: string[], names: readonly string[]): void {
  for (const name of names) if (!list.includes(name)) list.push(name);
}

function acceptedNames(role: string | undefined, names: string[]): string[] {
  const usable = names.filter((name) => !NOT_NAME.test(name));
  const explicit = role !== undefined && ACCOUNT_ROLE.test(role) && usable.length === 1;
  return usable.filter((name) => NAME.test(name) || (explicit && ACCOUNT.test(name)));
}

function splitByRole(line: string): { role: string | undefined; names: string[] }[] {
  const matches = [...line.matchAll(ROLE_AT)];
  if (matches.length === 0) return [{ role: undefined, names: splitNames(line) }];
  return matches.map((match, index) => {
    const start = match.index + match[0].length;
    const next = matches[index + 1];
    const names = splitNames(line.slice(start, next?.index ?? line.length));
    // An outlet glued to the next role is not a name: 采写：南都记者 余毅菁 (but 记者张三通讯员李四 keeps 张三).
    if (next && OUTLET.test(names[names.length - 1] ?? '') && /[^\s、，,;；/／]$/.test(line.slice(0, next.index))) names.pop();
    return { role: match[1], names };
  });
}

function splitNames(text: string): string[] {
  return text
    .split(/[\s、，,;；/／]+/)
    .map((name) =>
      name
        .replace(/[:：。.]/g, '')
        .replace(STAFF_CODE, '')
        .trim(),
    )
    .filter(Boolean);
}
