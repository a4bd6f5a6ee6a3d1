/**
 * Scores region placement over a labelled set of test/fixtures/regions/ with the example config
 * of its city: exact-set accuracy, per-channel precision and recall, per-kind counts, misses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load-config.js';
import { assignChannels } from '../src/workers/process/classify/assign-channels.js';
import { loadGazetteer } from '../src/workers/process/classify/load-gazetteer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The labelled sets, by city. */
export const REGION_SETS: Record<string, { config: string; items: string }> = {
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

export interface RegionScore {
  set: { config: string; items: string };
  cityName: string;
  cityCode: string;
  items: number;
  exact: number;
  perChannel: Map<string, { tp: number; fp: number; fn: number }>;
  perKind: Map<string, { items: number; exact: number }>;
  misses: string[];
  msPerItem: number;
}

/** Places every labelled item of one set and counts how the placements compare with the labels. */
export function scoreRegionSet(setName: string): RegionScore {
  const set = REGION_SETS[setName];
  if (!set) throw new Error(`eval-regions: unknown set "${setName}"; use ${Object.keys(REGION_SETS).join(', ')}`);
  const configPath = path.join(ROOT, set.config);
  const config = parseConfig(readFileSync(configPath, 'utf8'), configPath, { port: 0 });
  const gazetteer = loadGazetteer(config);
  const items = readFileSync(path.join(ROOT, set.items), 'utf8')
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
    else
      misses.push(
        `${item.id} (${item.kind}) ${item.title} — expected [${want.join(',')}], got [${got.join(',')}]: ${placements.map((p) => `${p.id} ${p.score} ${p.evidence.map((e) => `${e.name}@${e.where}×${e.weight}`).join(' ')}`).join('; ')}`,
      );
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
  return {
    set,
    cityName: config.city.name,
    cityCode: config.city.code,
    items: items.length,
    exact,
    perChannel,
    perKind,
    misses,
    msPerItem,
  };
}
