import type { Article } from '../domain/article.js';
import type { Channel } from '../domain/channel.js';
import type { ProcessPayload } from '../queues/payloads.js';
import { assignChannels } from './classify/assign-channels.js';
import { normalizeItem } from './normalize/normalize-item.js';

/** What classification needs from the config. */
export interface ClassifySettings {
  channels: readonly Channel[];
  cityName: string;
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
