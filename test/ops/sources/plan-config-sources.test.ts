import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/domain/source.js';
import { planConfigSources, seedOf } from '../../../src/ops/sources/plan-config-sources.js';
import type { SourceRecord } from '../../../src/store/source-records.js';
import type { ReadRecord } from '../../../src/store/source-repository.js';

const source = (id: string, changes: Partial<Source> = {}): Source => ({
  id,
  name: id,
  kind: 'feed',
  url: `https://news.example.cn/${id}.rss`,
  intervalMs: 600_000,
  channels: [],
  allowOrigins: [],
  ...changes,
});

const read = (record: Partial<SourceRecord> & { source: Source }): ReadRecord => {
  const full: SourceRecord = {
    paused: false,
    owner: 'config',
    order: 0,
    changedAt: '2024-03-12T00:00:00.000Z',
    changedBy: 'config',
    ...record,
  };
  return { record: full, json: JSON.stringify(full) };
};

const kinds = (steps: ReturnType<typeof planConfigSources>) =>
  steps.map((step) => `${step.kind} ${'id' in step ? step.id : 'source' in step ? step.source.id : step.read.record.source.id}`);

describe('planConfigSources: the config file seeds the registry', () => {
  it('adds the file’s sources to an empty registry, in the file’s order', () => {
    const steps = planConfigSources([source('a'), source('b')], [], new Map());
    expect(kinds(steps)).toEqual(['add a', 'add b']);
    expect(steps.map((step) => step.kind === 'add' && step.order)).toEqual([0, 1]);
  });

  it('does nothing the second time', () => {
    const a = source('a');
    expect(planConfigSources([a], [read({ source: a, seed: seedOf(a) })], new Map())).toEqual([]);
  });

  it('keeps a source deleted at runtime deleted', () => {
    const steps = planConfigSources([source('a')], [], new Map([['a', { at: '2024-03-12T00:00:00.000Z', by: 'ops' }]]));
    expect(steps).toEqual([{ kind: 'stay-deleted', id: 'a', deletion: { at: '2024-03-12T00:00:00.000Z', by: 'ops' } }]);
  });

  it('applies a changed file entry to a source only the file changed, paused or not', () => {
    const before = source('a');
    const after = source('a', { intervalMs: 60_000 });
    const steps = planConfigSources([after], [read({ source: before, seed: seedOf(before), paused: true })], new Map());
    expect(steps).toEqual([expect.objectContaining({ kind: 'update', source: after, seed: seedOf(after) })]);
  });

  it('keeps the runtime version of a source changed at runtime, and only notes the changed file entry', () => {
    const yamlBefore = source('a');
    const runtime = source('a', { name: 'renamed by an operator' });
    const yamlAfter = source('a', { intervalMs: 60_000 });
    const steps = planConfigSources([yamlAfter], [read({ source: runtime, owner: 'runtime', seed: seedOf(yamlBefore) })], new Map());
    expect(steps).toEqual([expect.objectContaining({ kind: 'keep-runtime', seed: seedOf(yamlAfter) })]);
    // Once noted, the same entry is not reported again.
    expect(planConfigSources([yamlAfter], [read({ source: runtime, owner: 'runtime', seed: seedOf(yamlAfter) })], new Map())).toEqual([]);
  });

  it('takes out a source of the file that the file no longer has, but never one added at runtime', () => {
    const steps = planConfigSources([], [read({ source: source('old') }), read({ source: source('added'), owner: 'runtime' })], new Map());
    expect(kinds(steps)).toEqual(['remove old']);
  });

  it('leaves a runtime source alone when the file gains an entry of the same id, noting it', () => {
    const steps = planConfigSources([source('a')], [read({ source: source('a', { name: 'ours' }), owner: 'runtime' })], new Map());
    expect(kinds(steps)).toEqual(['keep-runtime a']);
  });
});
