/**
 * A thread of the prepare pool (piscina): builds its own gazetteer and jieba segmenter from the
 * config it is given (neither can cross threads), then prepares the items it is sent.
 */
import { workerData } from 'node:worker_threads';
import type { ProcessPayload } from '../../queues/payloads.js';
import { loadGazetteer } from './classify/load-gazetteer.js';
import { createJiebaSegmenter } from './keywords/jieba-segmenter.js';
import { prepareItem, prepareTools, type PreparedItem } from './prepare-item.js';
import type { PrepareConfig } from './prepare-pool.js';

const config = workerData as PrepareConfig;
const gazetteer = loadGazetteer(config);
const tools = prepareTools(
  { channels: config.channels, gazetteer, dedupe: config.dedupe, hostAliases: config.urls.hostAliases },
  createJiebaSegmenter(gazetteer.placeNames()),
);

export default function prepare(payload: ProcessPayload): PreparedItem {
  return prepareItem(payload, tools);
}
