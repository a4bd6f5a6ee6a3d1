import { loadConfig, type Config } from '../../src/config/load-config.js';
import type { Gazetteer } from '../../src/workers/process/classify/gazetteer.js';
import { loadGazetteer } from '../../src/workers/process/classify/load-gazetteer.js';
import type { Segmenter } from '../../src/workers/process/keywords/extract-keywords.js';
import { createJiebaSegmenter } from '../../src/workers/process/keywords/jieba-segmenter.js';

/** The bundled example config, as `npm start` reads it. */
export const exampleConfig: Readonly<Config> = loadConfig({});

let gazetteer: Gazetteer | undefined;

/** The example city's gazetteer, built once per test file. */
export function exampleGazetteer(): Gazetteer {
  gazetteer ??= loadGazetteer(exampleConfig);
  return gazetteer;
}

let segmenter: Segmenter | undefined;

/** A jieba segmenter with the example city's places in its dictionary, built once per test file. */
export function exampleSegmenter(): Segmenter {
  segmenter ??= createJiebaSegmenter(exampleGazetteer().placeNames());
  return segmenter;
}
