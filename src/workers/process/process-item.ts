import type { Article } from '../../domain/article.js';
import type { Channel } from '../../domain/channel.js';
import { timeStage, type StageObserver } from '../../domain/pipeline-stage.js';
import type { ProcessPayload } from '../../queues/payloads.js';
import { assignChannels } from './classify/assign-channels.js';
import type { Gazetteer } from './classify/gazetteer.js';
import type { NearDuplicateSettings } from './dedupe/near-duplicate.js';
import { normalizeItemWithReport } from './normalize/normalize-item.js';
import type { RemovedFurniture } from './normalize/strip-furniture.js';

/** What normalization, classification and deduplication need from the config. */
export interface ProcessSettings {
  channels: readonly Channel[];
  gazetteer: Gazetteer;
  dedupe: NearDuplicateSettings;
  hostAliases: Readonly<Record<string, string>>;
}

/**
 * Runs the pure part of `process` on one item: normalize, then place it in its channels.
 * Returns the article and the furniture that normalization removed from it.
 */
export function buildArticle(
  payload: ProcessPayload,
  settings: ProcessSettings,
  observe?: StageObserver,
): { article: Article; removed: RemovedFurniture[] } {
  const { article: normalized, removed } = timeStage(observe, 'normalize', () =>
    normalizeItemWithReport(payload.item, payload.source, payload.fetchedAt, settings),
  );
  const channels = timeStage(observe, 'classify', () =>
    assignChannels(
      {
        title: normalized.title,
        contentText: normalized.contentText,
        placeHints: payload.item.placeHints,
        sourceChannels: payload.source.channels,
        sourceName: payload.source.name,
        url: normalized.url,
      },
      settings.channels,
      settings.gazetteer,
    ),
  );
  return { article: { ...normalized, channels }, removed };
}
