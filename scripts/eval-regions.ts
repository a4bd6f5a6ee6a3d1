/**
 * `npm run eval:regions [-- --city jining]`: exact-set accuracy and per-channel precision and
 * recall of region placement over the labelled items of test/fixtures/regions/ (headline,
 * lead and, for some items, the source's hints), with the example config of that city.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load-config.js';
import { loadCityDivisions } from '../src/config/load-divisions.js';
import { assignChannels } from '../src/workers/classify/assign-channels.js';
import { Gazetteer } from '../src/workers/classify/gazetteer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CITIES: Record<string, { config: string; items: string }> = {
  taian: { config: 'syndicator.example.yaml', items: 'test/fixtures/regions/taian.jsonl' },
  jining: { config: 'syndicator.jining.example.yaml', items: 'test/fixtures/regions/second-city.jsonl' },
};

interface LabelledItem {
  id: string;
  title: string;
  lead: string;
  hints?: { breadcrumb?: string[]; sourceName?: string; urlPath?: string };
  expected: string[];
  kind: string;
}

const { values } = parseArgs({ options: { city: { type: 'string', default: 'taian' } } });
const city = CITIES[values.city];
if (!city) throw new Error(`eval-regions: unknown city "${values.city}"; use ${Object.keys(CITIES).join(', ')}`);
const configPath = path.join(ROOT, city.config);
const config = parseConfig(readFileSync(configPath, 'utf8'), configPath, { port: 0 });
const gazetteer = new Gazetteer(loadCityDivisions(config.city.code), config.gazetteer);
const items = readFileSync(path.join(ROOT, city.items), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as LabelledItem);

const perChannel = new Map(config.channels.map((c) => [c.id, { tp: 0, fp: 0, fn: 0 }]));
const perKind = new Map<string, { items: number; exact: number }>();
const misses: string[] = [];
let exact = 0;
const started = performance.now();
for (const item of items) {
  const placements = assignChannels(
    {
      title: item.title,
      contentText: item.lead,
      placeHints: item.hints?.breadcrumb ?? [],
      sourceChannels: [],
      sourceName: item.hints?.sourceName,
      url: item.hints?.urlPath ? `https://www.example.cn${item.hints.urlPath}` : undefined,
    },
    config.channels,
    gazetteer,
  );
  const got = placements.map((p) => p.id).sort();
  const want = [...item.expected].sort();
  const same = got.join() === want.join();
  if (same) exact++;
  else misses.push(`${item.id} (${item.kind}) ${item.title} — expected [${want}], got [${got}]: ${placements.map((p) => `${p.id} ${p.score} ${p.evidence.map((e) => `${e.name}@${e.where}×${e.weight}`).join(' ')}`).join('; ')}`);
  const kind = perKind.get(item.kind) ?? { items: 0, exact: 0 };
  kind.items++;
  if (same) kind.exact++;
  perKind.set(item.kind, kind);
  for (const [id, stats] of perChannel) {
    const inGot = got.includes(id);
    const inWant = want.includes(id);
    if (inGot && inWant) stats.tp++;
    else if (inGot) stats.fp++;
    else if (inWant) stats.fn++;
  }
}
const msPerItem = (performance.now() - started) / items.length;

const accuracy = exact / items.length;
process.stdout.write(`Region placement: ${items.length} labelled items in ${city.items}, config ${city.config} (${config.city.name} ${config.city.code})\n\n`);
process.stdout.write(`${'channel'.padEnd(12)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'items'.padStart(7)}\n`);
for (const [id, { tp, fp, fn }] of perChannel) {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  process.stdout.write(`${id.padEnd(12)}${precision.toFixed(3).padStart(10)}${recall.toFixed(3).padStart(8)}${String(tp + fn).padStart(7)}\n`);
}
process.stdout.write(`\n${'kind'.padEnd(20)}${'items'.padStart(6)}${'exact'.padStart(7)}\n`);
for (const [kind, stats] of [...perKind].sort()) process.stdout.write(`${kind.padEnd(20)}${String(stats.items).padStart(6)}${String(stats.exact).padStart(7)}\n`);
process.stdout.write(`\nexact-set accuracy ${exact}/${items.length} = ${(100 * accuracy).toFixed(1)}% (target ≥ 95%) ${accuracy >= 0.95 ? 'met' : 'MISSED'}\n`);
process.stdout.write(`${msPerItem.toFixed(3)} ms per item (headline + lead), one thread\n`);
if (misses.length > 0) process.stdout.write(`\nmisses:\n  ${misses.join('\n  ')}\n`);
