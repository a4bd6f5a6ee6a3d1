/**
 * The labelled near-duplicate pairs behind `npm run eval:dedupe`: pairs written in full in
 * test/fixtures/dedupe/written-pairs.jsonl and fresh-pairs.jsonl, plus pairs materialized from recipes
 * (test/fixtures/dedupe/corpus-recipes.json) over the read-only page corpus in
 * ../shared/corpus/pages. The corpus is never copied into the project: a recipe names a page
 * and the transforms to apply to its article body, and runs here, deterministically.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { decodeBody } from '../src/producers/sources/fetch/decode-body.js';
import { extractArticle } from '../src/producers/sources/pages/extract-article.js';
import { htmlToText } from '../src/workers/process/normalize/html-to-text.js';
import { createConverter } from '../src/workers/process/dedupe/opencc-converter.js';

export interface PairSide {
  title: string;
  html?: string;
  text?: string;
}
export interface DedupePair {
  id: string;
  kind: string;
  duplicate: boolean;
  a: PairSide;
  b: PairSide;
  note?: string;
  origin: 'written' | 'corpus';
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'dedupe');
/**
 * Pairs written in full: the first set, and fresh-pairs.jsonl (issue 16: stories written for it,
 * with truncated, converted and furnished copies, and hard negatives made from the same stories).
 */
const WRITTEN_FILES = ['written-pairs.jsonl', 'fresh-pairs.jsonl'];

const sideSchema = z
  .object({ title: z.string(), html: z.string().optional(), text: z.string().optional() })
  .refine((side) => side.html !== undefined || side.text !== undefined, 'a side needs html or text');
const writtenSchema = z.object({
  id: z.string(),
  kind: z.string(),
  duplicate: z.boolean(),
  a: sideSchema,
  b: sideSchema,
  note: z.string().optional(),
});
const transformSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('dropSentence'), index: z.number().int().nonnegative() }),
  z.object({
    op: z.literal('addSentence'),
    text: z.string().min(1),
    at: z.union([z.literal('start'), z.literal('end'), z.number().int().nonnegative()]),
  }),
  z.object({ op: z.literal('truncate'), ratio: z.number().gt(0).lt(1) }),
  z.object({ op: z.literal('toTraditional') }),
  z.object({ op: z.literal('toFullWidth') }),
  z.object({ op: z.literal('toHalfWidthPunctuation') }),
  z.object({ op: z.literal('wrapFurniture'), furniture: z.string() }),
  z.object({ op: z.literal('replaceByline'), text: z.string() }),
  z.object({ op: z.literal('reflow') }),
]);
const recipeSideSchema = z.object({ page: z.string(), title: z.string().optional(), transforms: z.array(transformSchema).default([]) });
const recipeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  duplicate: z.boolean(),
  a: recipeSideSchema,
  b: recipeSideSchema,
  note: z.string().optional(),
});
const recipeFileSchema = z.object({
  furniture: z.record(z.string(), z.object({ before: z.array(z.string()), after: z.array(z.string()) })),
  recipes: z.array(recipeSchema),
});
const labelSchema = z.object({ file: z.string(), title: z.string(), body_first: z.string(), body_last: z.string() });

export type Transform = z.infer<typeof transformSchema>;
export type Recipe = z.infer<typeof recipeSchema>;
export type RecipeFile = z.infer<typeof recipeFileSchema>;
type Furniture = RecipeFile['furniture'];
export type PageLabel = z.infer<typeof labelSchema>;

/**
 * Returns every labelled pair: the written ones, then the corpus ones when
 * `<sharedDir>/corpus/pages` exists (default sharedDir: ../shared beside the project). Without
 * the corpus, `skippedCorpus` says why the corpus pairs are missing.
 */
export function loadDedupePairs(options: { sharedDir?: string } = {}): { pairs: DedupePair[]; skippedCorpus: string | undefined } {
  const written = WRITTEN_FILES.flatMap((file) => readWrittenPairs(path.join(FIXTURES, file)));
  const pagesDir = path.join(options.sharedDir ?? path.resolve(ROOT, '..', 'shared'), 'corpus', 'pages');
  if (!existsSync(pagesDir)) return { pairs: written, skippedCorpus: `no page corpus at ${pagesDir} (../shared is absent)` };
  const recipes = readCorpusRecipes(path.join(FIXTURES, 'corpus-recipes.json'));
  const labels = readPageLabels(path.join(pagesDir, 'labels.json'));
  const bodies = new Map<string, string>();
  const bodyOf = (page: string) => bodies.get(page) ?? bodies.set(page, readPageBody(pagesDir, labelFor(labels, page))).get(page)!;
  const corpus = recipes.recipes.map((recipe) => materializeRecipe(recipe, bodyOf, labels, recipes.furniture));
  return { pairs: [...written, ...corpus], skippedCorpus: undefined };
}

/** Returns the pairs of a JSON-lines file; a bad line throws an error naming the file and line. */
export function readWrittenPairs(file: string): DedupePair[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [{ ...writtenSchema.parse(JSON.parse(line)), origin: 'written' as const }];
    } catch (cause) {
      throw new Error(`dedupe-pairs: ${file}:${i + 1}: invalid pair: ${describeError(cause)}`, { cause });
    }
  });
}

/** Returns the recipes and furniture blocks of the corpus recipe file, validated. */
export function readCorpusRecipes(file: string): RecipeFile {
  const parsed = recipeFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`dedupe-pairs: ${file}: invalid recipes: ${describeError(parsed.error)}`);
  return parsed.data;
}

function describeError(error: unknown): string {
  if (error instanceof z.ZodError) return z.prettifyError(error).replace(/\n\s*/g, ' ');
  return error instanceof Error ? error.message : String(error);
}

function readPageLabels(file: string): Map<string, PageLabel> {
  const labels = z.array(labelSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
  return new Map(labels.map((label) => [label.file, label]));
}

function labelFor(labels: Map<string, PageLabel>, page: string): PageLabel {
  const label = labels.get(page);
  if (!label) throw new Error(`dedupe-pairs: no label for corpus page ${page}`);
  return label;
}

/**
 * Returns a page's article body as text, one line per paragraph: the extractor's body cut to the
 * labelled first and last characters, or, when the extractor missed either end, the whole page
 * text cut between them.
 */
export function readPageBody(pagesDir: string, label: PageLabel): string {
  const file = path.join(pagesDir, label.file);
  const html = decodeBody(readFileSync(file));
  const extracted = htmlToText(extractArticle(html, pathToFileURL(file).href).html ?? '');
  const body = cutBetween(extracted, label.body_first, label.body_last) ?? cutBetween(htmlToText(html), label.body_first, label.body_last);
  if (body === undefined) throw new Error(`dedupe-pairs: ${label.file}: labelled body not found in the page`);
  return body;
}

/** The text from `first` through `last`, matching both with white space ignored. */
function cutBetween(text: string, first: string, last: string): string | undefined {
  const positions: number[] = [];
  let squashed = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (/\s/.test(char)) continue;
    positions.push(i);
    squashed += char;
  }
  const [head, tail] = [first.replace(/\s+/g, ''), last.replace(/\s+/g, '')];
  const start = squashed.indexOf(head);
  const end = start < 0 ? -1 : squashed.indexOf(tail, start);
  if (start < 0 || end < 0) return undefined;
  return text.slice(positions[start], positions[end + tail.length - 1]! + 1);
}

/** Returns the pair a recipe describes, both sides as `<p>` per line. */
export function materializeRecipe(
  recipe: Recipe,
  bodyOf: (page: string) => string,
  labels: Map<string, PageLabel>,
  furniture: Furniture,
): DedupePair {
  const side = (spec: Recipe['a']): PairSide => {
    const text = applyTransforms(bodyOf(spec.page), spec.transforms, furniture, recipe.id);
    return { title: spec.title ?? labelFor(labels, spec.page).title, html: textToHtml(text) };
  };
  return {
    id: recipe.id,
    kind: recipe.kind,
    duplicate: recipe.duplicate,
    a: side(recipe.a),
    b: side(recipe.b),
    note: recipe.note,
    origin: 'corpus',
  };
}

/** Returns the text with the transforms applied in order; sentences end in 。！？!? or a line end. */
export function applyTransforms(text: string, transforms: readonly Transform[], furniture: Furniture, recipeId = 'recipe'): string {
  let lines = text.split('\n').map(splitSentences);
  for (const t of transforms) {
    if (t.op === 'dropSentence') lines = editSentences(lines, t.index, recipeId, () => []);
    else if (t.op === 'addSentence') lines = addSentence(lines, t.text, t.at, recipeId);
    else if (t.op === 'reflow') lines = chunk(lines.flat(), 3);
    else if (t.op === 'wrapFurniture') lines = wrapFurniture(lines, furniture, t.furniture, recipeId);
    else lines = splitAll(rewriteText(joinLines(lines), t));
  }
  return joinLines(lines);
}

function rewriteText(text: string, t: Transform): string {
  if (t.op === 'truncate') return truncate(text, t.ratio);
  if (t.op === 'toTraditional') return toTraditional(text);
  if (t.op === 'toFullWidth') return text.replace(/[\x21-\x7e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  if (t.op === 'toHalfWidthPunctuation') return toHalfWidth(text);
  if (t.op === 'replaceByline') return replaceByline(text, t.text);
  return text;
}

const splitSentences = (line: string): string[] => line.match(/[^。！？!?]*[。！？!?]+[”’"」』）)]*|[^。！？!?]+$/g) ?? [];
const splitAll = (text: string): string[][] => text.split('\n').map(splitSentences);
const joinLines = (lines: string[][]): string =>
  lines
    .map((line) => line.join(''))
    .filter(Boolean)
    .join('\n');
const chunk = (items: string[], size: number): string[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** Replaces sentence `index` (counted over the whole text from 0) with what `edit` returns. */
function editSentences(lines: string[][], index: number, recipeId: string, edit: (sentence: string) => string[]): string[][] {
  let seen = 0;
  const out = lines.map((line) => line.flatMap((sentence) => (seen++ === index ? edit(sentence) : [sentence])));
  if (index >= seen) throw new Error(`dedupe-pairs: ${recipeId}: no sentence ${index} (the text has ${seen})`);
  return out;
}

function addSentence(lines: string[][], text: string, at: 'start' | 'end' | number, recipeId: string): string[][] {
  if (at === 'end') return lines.map((line, i) => (i === lines.length - 1 ? [...line, text] : line));
  return editSentences(lines, at === 'start' ? 0 : at, recipeId, (sentence) => [text, sentence]);
}

function wrapFurniture(lines: string[][], furniture: Furniture, name: string, recipeId: string): string[][] {
  const block = furniture[name];
  if (!block) throw new Error(`dedupe-pairs: ${recipeId}: unknown furniture ${name}`);
  return [...block.before.map((line) => [line]), ...lines, ...block.after.map((line) => [line])];
}

/** The first `ratio` of the characters (line breaks not counted), ending in …. */
function truncate(text: string, ratio: number): string {
  let keep = Math.round(text.replace(/\n/g, '').length * ratio);
  let end = 0;
  while (keep > 0 && end < text.length) if (text[end++] !== '\n') keep--;
  return `${text.slice(0, end).trimEnd()}…`;
}

let converter: ((text: string) => string) | undefined;
function toTraditional(text: string): string {
  const convert = (converter ??= createConverter({ from: 'cn', to: 'tw' }));
  return convert(text);
}

const HALF_WIDTH: Record<string, string> = {
  '，': ',',
  '。': '.',
  '、': ',',
  '；': ';',
  '：': ':',
  '！': '!',
  '？': '?',
  '（': '(',
  '）': ')',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '【': '[',
  '】': ']',
  '　': ' ',
};
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => HALF_WIDTH[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[、。“”‘’【】\u3000]/g, (c) => HALF_WIDTH[c]!);
}

/**
 * Replaces the first parenthesised 记者/通讯员/作者 credit; without one, puts the byline after the
 * dateline (新京报讯, 新华社北京2月29日电) or, without that either, first.
 */
function replaceByline(text: string, byline: string): string {
  const credit = /[（(][^（()）\n]{0,12}(?:记者|通讯员|实习生|作者)[^（()）\n]{0,30}[）)]/;
  if (credit.test(text)) return text.replace(credit, byline);
  const dateline = /^[^\n，。（()]{0,20}?(?:报讯|网讯|台讯|端讯|日讯|日电|社讯)/.exec(text)?.[0] ?? '';
  return `${dateline}${byline}${text.slice(dateline.length)}`;
}

/** One `<p>` per non-blank line, text escaped. */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}
