import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from './extract-keywords.js';

/**
 * Returns a segmenter backed by jieba (@node-rs/jieba, prebuilt binaries), its dictionary
 * extended with the city's place names so that a town is one word (楼德镇, not 楼 德 镇).
 * Loading takes a few hundred milliseconds: make one per process.
 */
export function createJiebaSegmenter(placeNames: readonly string[]): Segmenter {
  const jieba = Jieba.withDict(dict);
  if (placeNames.length > 0) jieba.loadDict(Buffer.from(placeNames.map((name) => `${name} 100000 ns`).join('\n')));
  return (text) => jieba.cut(text, false);
}
