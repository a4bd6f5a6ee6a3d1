import { afterAll, describe, expect, it } from 'vitest';
import { emptyRawItem } from '../../../src/domain/raw-item.js';
import type { ProcessPayload } from '../../../src/queues/payloads.js';
import { prepareItem, prepareTools } from '../../../src/workers/process/prepare-item.js';
import { createPreparePool, defaultPrepareThreads } from '../../../src/workers/process/prepare-pool.js';
import { exampleConfig, exampleGazetteer, exampleSegmenter } from '../../support/example-config.js';
import { variedItems } from '../../support/synthetic-items.js';

describe('createPreparePool', () => {
  const pool = createPreparePool(exampleConfig, 2);
  afterAll(() => pool.close());
  const settings = {
    channels: exampleConfig.channels,
    gazetteer: exampleGazetteer(),
    dedupe: exampleConfig.dedupe,
    hostAliases: exampleConfig.urls.hostAliases,
  };
  const tools = prepareTools(settings, exampleSegmenter());

  it('prepares on its threads exactly what the calling thread would: article, sketch, keywords', async () => {
    const payloads = variedItems(40);
    const pooled = await Promise.all(payloads.map((payload) => pool.prepare(payload)));
    pooled.forEach((prepared, i) => {
      const inline = prepareItem(payloads[i]!, tools);
      expect(prepared.article).toEqual(inline.article);
      expect(prepared.keywords).toEqual(inline.keywords);
      expect(prepared.sketch.bandKeys).toEqual(inline.sketch.bandKeys);
      expect([...prepared.sketch.shingles]).toEqual([...inline.sketch.shingles]);
      expect(prepared.sketch.places).toEqual(inline.sketch.places);
      expect(prepared.stages.map(([stage]) => stage)).toEqual(['normalize', 'classify', 'dedupe', 'keywords']);
    });
    expect(pooled[0]!.article.channels.length).toBeGreaterThan(0);
  });

  it('rejects an item it cannot use with the reason, as the calling thread would throw it', async () => {
    const payload: ProcessPayload = {
      source: { id: 'broken', name: '坏源', channels: [] },
      item: { ...emptyRawItem(), url: 'https://example.cn/empty.html' },
      fetchedAt: '2024-07-01T00:00:00Z',
    };
    const inline = (() => {
      try {
        prepareItem(payload, tools);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(inline).toBeDefined();
    await expect(pool.prepare(payload)).rejects.toThrow(inline);
  });
});

describe('defaultPrepareThreads', () => {
  it('gives no pool below four cores (measured slower on two) and cores − 1 from four up', () => {
    expect([1, 2, 3, 4, 8, 64].map(defaultPrepareThreads)).toEqual([0, 0, 0, 3, 7, 63]);
  });
});
