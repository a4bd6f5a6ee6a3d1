/**
 * Scores region placement over a labelled set of test/fixtures/regions/ with the example config
 * of its city: exact-set accuracy, per-channel precision and recall, per-kind counts, misses,
 * for the development part and the held-out part apart.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load-config.js';
import type { ChannelPlacement } from '../src/domain/channel.js';
import { assignChannels } from '../src/workers/process/classify/assign-channels.js';
import { loadGazetteer } from '../src/workers/process/classify/load-gazetteer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The part of a labelled set an item belongs to: tuned on, or held out and only measured. */
export type Split = 'dev' | 'heldout';

/**
 * A file of labelled items and how its items are split: `dev` when every item was tuned on
 * (the sets from before issue 16), `by-id` when the split is fixed by the item's id (`splitOf`).
 */
export interface RegionFile {
  path: string;
  split: 'dev' | 'by-id';
}

/** The labelled sets, by city. */
export const REGION_SETS: Record<string, { config: string; files: RegionFile[] }> = {
  taian: {
    config: 'syndicator.example.yaml',
    files: [
      { path: 'test/fixtures/regions/taian.jsonl', split: 'dev' },
      { path: 'test/fixtures/regions/taian-fresh.jsonl', split: 'by-id' },
    ],
  },
  jining: { config: 'syndicator.jining.example.yaml', files: [{ path: 'test/fixtures/regions/second-city.jsonl', split: 'dev' }] },
};

/** Issue 16's targets on held-out items: exact channel set, and precision of every channel. */
export const HELDOUT_TARGETS = { exact: 0.95, precision: 0.97 };

/**
 * The split of an item of a `by-id` file, fixed by its id before any tuning: half of the items
 * (by the first 32 bits of the id's SHA-256) are held out.
 */
export function splitOf(id: string): Split {
  const hash = createHash('sha256').update(id).digest('hex');
  return Number.parseInt(hash.slice(0, 8), 16) % 2 === 0 ? 'heldout' : 'dev';
}

interface LabelledItem {
  id: string;
  title: string;
  lead: string;
  /** Text after the lead, for items whose evidence is further down. */
  body?: string;
  hints?: { breadcrumb?: string[]; sourceName?: string; urlPath?: string };
  expected: string[];
  kind: string;
}

/** The counts of one part of a set. */
export interface PartScore {
  items: number;
  exact: number;
  perChannel: Map<string, { tp: number; fp: number; fn: number }>;
  perKind: Map<string, { items: number; exact: number }>;
  misses: string[];
}

export interface RegionScore {
  set: { config: string; files: RegionFile[] };
  cityName: string;
  cityCode: string;
  parts: Record<Split, PartScore>;
  msPerItem: number;
}

/** Precision of a channel's placements (1 when it placed nothing). */
export function precisionOf({ tp, fp }: { tp: number; fp: number }): number {
  return tp + fp === 0 ? 1 : tp / (tp + fp);
}

/** Recall of a channel's labels (1 when nothing was labelled for it). */
export function recallOf({ tp, fn }: { tp: number; fn: number }): number {
  return tp + fn === 0 ? 1 : tp / (tp + fn);
}

/** Places every labelled item of one set and counts how the placements compare with the labels, per split. */
export function scoreRegionSet(setName: string): RegionScore {
  const set = REGION_SETS[setName];
  if (!set) throw new Error(`eval-regions: unknown set "${setName}"; use ${Object.keys(REGION_SETS).join(', ')}`);
  const configPath = path.join(ROOT, set.config);
  const config = parseConfig(readFileSync(configPath, 'utf8'), configPath, { port: 0 });
  const gazetteer = loadGazetteer(config);
  const items = set.files.flatMap((file) =>
    readItems(file.path).map((item) => ({ item, split: file.split === 'dev' ? ('dev' as const) : splitOf(item.id) })),
  );
  const channelIds = config.channels.map((c) => c.id);
  const parts: Record<Split, PartScore> = { dev: emptyPart(channelIds), heldout: emptyPart(channelIds) };
  const started = performance.now();
  const placed = items.map(({ item, split }) => ({
    item,
    split,
    placements: assignChannels(
      {
        title: item.title,
        contentText: item.body ? `${item.lead}${item.body}` : item.lead,
        placeHints: item.hints?.breadcrumb ?? [],
        sourceChannels: [],
        sourceName: item.hints?.sourceName,
        url: item.hints?.urlPath ? `https://www.example.cn${item.hints.urlPath}` : undefined,
      },
      config.channels,
      gazetteer,
    ),
  }));
  const msPerItem = (performance.now() - started) / items.length;
  for (const { item, split, placements } of placed) count(parts[split], item, placements);
  return { set, cityName: config.city.name, cityCode: config.city.code, parts, msPerItem };
}

function readItems(file: string): LabelledItem[] {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledItem);
}

function emptyPart(channelIds: string[]): PartScore {
  return {
    items: 0,
    exact: 0,
    perChannel: new Map(channelIds.map((id) => [id, { tp: 0, fp: 0, fn: 0 }])),
    perKind: new Map(),
    misses: [],
  };
}

function count(part: PartScore, item: LabelledItem, placements: ChannelPlacement[]): void {
  const got = placements.map((p) => p.id).sort();
  const want = [...item.expected].sort();
  const same = got.join() === want.join();
  part.items++;
  if (same) part.exact++;
  else part.misses.push(describeMiss(item, want, got, placements));
  const kind = part.perKind.get(item.kind) ?? { items: 0, exact: 0 };
  kind.items++;
  if (same) kind.exact++;
  part.perKind.set(item.kind, kind);
  for (const [id, stats] of part.perChannel) {
    const inGot = got.includes(id);
    const inWant = want.includes(id);
    if (inGot && inWant) stats.tp++;
    else if (inGot) stats.fp++;
    else if (inWant) stats.fn++;
  }
}

function describeMiss(item: LabelledItem, want: string[], got: string[], placements: ChannelPlacement[]): string {
  const evidence = placements
    .map((p) => `${p.id} ${p.score} ${p.evidence.map((e) => `${e.name}@${e.where}×${e.weight}`).join(' ')}`)
    .join('; ');
  return `${item.id} (${item.kind}) ${item.title} — expected [${want.join(',')}], got [${got.join(',')}]: ${evidence}`;
}
