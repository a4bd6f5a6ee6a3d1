import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCluster } from './cluster.bench.js';
import { benchDedupeGrowth } from './dedupe-growth.bench.js';
import { benchExtraction } from './extract.bench.js';
import { benchFeeds } from './feed-http.bench.js';
import { benchLists } from './lists.bench.js';
import { benchMemory } from './memory.bench.js';
import { benchNearDuplicates } from './near-duplicate.bench.js';
import { benchRegions } from './regions.bench.js';
import { benchPipeline } from './pipeline.bench.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '..', 'shared');

/**
 * `npm run bench`: every number is a ratio against a ceiling measured in the same run on the
 * same machine, because this machine is shared and noisy; absolute rates are printed beside.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const wants = (name: string) => only.length === 0 || only.includes(name);
  process.stdout.write(`Syndicator benchmark — ${new Date().toISOString()}, node ${process.version}\n`);
  if (wants('extract')) benchExtraction(ROOT, SHARED);
  if (wants('regions')) benchRegions(ROOT);
  if (wants('pipeline')) await benchPipeline();
  if (wants('cluster')) await benchCluster();
  if (wants('dedupe')) await benchNearDuplicates();
  if (wants('feeds')) await benchFeeds();
  if (wants('lists')) await benchLists();
  if (wants('memory')) await benchMemory();
  // Not part of everything: it measures the claim's cost as the store grows, not against a ceiling.
  if (only.includes('dedupe-growth')) await benchDedupeGrowth();
}

await main();
