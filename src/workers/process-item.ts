import type { Article } from '../domain/article.js';
import type { Channel } from '../domain/channel.js';
import type { ProcessPayload } from '../queues/payloads.js';
import { assignChannels } from './classify/assign-channels.js';
import type { NearDuplicateSettings } from './dedupe/near-duplicate.js';
import { normalizeItem } from './normalize/normalize-item.js';

/** What classification and deduplication need from the config. */
export interface ClassifySettings {
  channels: readonly Channel[];
  cityName: string;
  dedupe: NearDuplicateSettings;
}

/** Runs the pure part of `process` on one item: normalize, then place it in its channels. */
export function buildArticle(payload: ProcessPayload, settings: ClassifySettings): Article {
  const normalized = normalizeItem(payload.item, payload.source, payload.fetchedAt);
  const channels = assignChannels(
    {
      title: normalized.title,
      contentText: normalized.contentText,
      placeHints: payload.item.placeHints,
      sourceChannels: payload.source.channels,
    },
    settings.channels,
    settings.cityName,
  );
  return { ...normalized, channels };
}

/** The place names whose difference keeps two similar texts apart: every channel's places. */
export function placeNamesOf(channels: readonly Channel[]): string[] {
  return [...new Set(channels.flatMap((channel) => channel.places))];
}
