import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { WordTools } from './gazetteer.js';
import type { EdgeRisk } from './word-boundaries.js';

/** jieba's tags for names of places, people, organisations and other proper nouns (ns, nr, nrt, nt, nz …). */
const PROPER_NOUN_TAG = /^n[rstz]/;

/**
 * Returns word tools backed by jieba with its own dictionary only, no place names added: a
 * dictionary that knew 新泰 as a strong word would cut 全新泰山 as 全|新泰|山 and hide the
 * word boundaries that placement checks. Loading takes about 200 ms and 40 MB: one per thread.
 */
export function createJiebaWords(): WordTools {
  const jieba = Jieba.withDict(dict);
  return {
    segment: (clause) => jieba.cut(clause, false),
    isOrdinaryWord: (word) => {
      const tagged = jieba.tag(word, false);
      const [only] = tagged;
      return tagged.length === 1 && only?.word === word && !PROPER_NOUN_TAG.test(only.tag);
    },
    edgeRisks: (names) => edgeRisksOf(names, new TextDecoder().decode(dict)),
  };
}

/** A node of a character trie over names: the names that end here, and the longer ones that pass through. */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** The name spelt by the path to this node, if it is one. */
  name: string | undefined;
  /** The names this path is a proper prefix (or, reversed, a proper suffix) of. */
  longer: string[];
}

function trieOf(names: Iterable<string>, reversed: boolean): TrieNode {
  const root: TrieNode = { next: new Map(), name: undefined, longer: [] };
  for (const name of names) {
    let node = root;
    for (let i = 0; i < name.length; i++) {
      const code = name.charCodeAt(reversed ? name.length - 1 - i : i);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = { next: new Map(), name: undefined, longer: [] }));
      if (node !== root) node.longer.push(name);
      node = child;
    }
    node.name = name;
  }
  return root;
}

/**
 * For every name, the characters next to it that could begin or end a dictionary word reaching
 * across its edge (创 before 新泰: 创新; 伯 after 孙伯: 伯伯). jieba without HMM cuts only at
 * dictionary words, so a name with no such neighbour stands as a word without segmenting.
 * `dictionary` is jieba's (one `word frequency tag` a line); its words are read in place,
 * character code by character code, through tries of the names: nothing is cut out of it.
 */
export function edgeRisksOf(names: readonly string[], dictionary: string): Map<string, EdgeRisk> {
  const forward = trieOf(new Set(names), false);
  const backward = trieOf(new Set(names), true);
  const before = new Map<string, Set<number>>();
  const after = new Map<string, Set<number>>();
  const note = (map: Map<string, Set<number>>, name: string, code: number) => {
    const set = map.get(name);
    if (set) set.add(code);
    else map.set(name, new Set([code]));
  };
  for (let start = 0; start < dictionary.length;) {
    let stop = dictionary.indexOf('\n', start);
    if (stop === -1) stop = dictionary.length;
    const space = dictionary.indexOf(' ', start);
    const end = space === -1 || space > stop ? stop : space;
    for (let at = start + 1; at < end; at++) {
      // The word runs into the name from before it: its tail begins the name (创新 → 新泰) or holds it (电梯门 → 梯门).
      let node: TrieNode | undefined = forward;
      for (let i = at; i < end && node; i++) {
        node = node.next.get(dictionary.charCodeAt(i));
        if (node?.name !== undefined) note(before, node.name, dictionary.charCodeAt(at - 1));
        if (node && i === end - 1) for (const name of node.longer) note(before, name, dictionary.charCodeAt(at - 1));
      }
      // The word runs out of the name: its head ends the name (孙伯 → 伯伯); read backwards from the cut.
      node = backward;
      for (let i = at - 1; i >= start && node; i--) node = node.next.get(dictionary.charCodeAt(i));
      if (node) for (const name of node.longer) note(after, name, dictionary.charCodeAt(at));
    }
    start = stop + 1;
  }
  // Kept as strings: a few characters each, for thousands of names.
  const risks = new Map<string, EdgeRisk>();
  const text = (codes: Set<number> | undefined) => (codes ? String.fromCharCode(...codes) : '');
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    risks.set(name, { before: text(before.get(name)), after: text(after.get(name)) });
  }
  return risks;
}
