import { describe, expect, it } from 'vitest';
import { SourcesInForce } from '../../../src/feeds/serve/sources-in-force.js';

const XINTAI = { id: 'xintai-daily', name: '新泰日报' };

/** A registry that answers from a map, or fails like a Redis that is down. */
function registry() {
  const inForce = new Map([[XINTAI.id, XINTAI]]);
  const state = { down: false, lookups: 0 };
  const find = (id: string) => {
    state.lookups += 1;
    return state.down ? Promise.reject(new Error('Connection is closed.')) : Promise.resolve(inForce.get(id));
  };
  return { inForce, state, find };
}

describe('SourcesInForce', () => {
  it('keeps an answer for the TTL, then asks again: a deleted source is gone after it', async () => {
    const { inForce, state, find } = registry();
    let now = 0;
    const sources = new SourcesInForce(find, 5_000, () => now);
    expect(await sources.lookUp(XINTAI.id)).toEqual({ found: XINTAI });
    now = 4_999;
    expect(sources.known(XINTAI.id)).toEqual({ found: XINTAI });
    inForce.delete(XINTAI.id);
    now = 5_000;
    expect(sources.known(XINTAI.id)).toBeUndefined();
    expect(await sources.lookUp(XINTAI.id)).toEqual({ found: undefined });
    expect(sources.known(XINTAI.id)).toEqual({ found: undefined });
    expect(state.lookups).toBe(2);
  });

  it('remembers no id that was never found (the map is bounded by the registry)', async () => {
    const { state, find } = registry();
    const sources = new SourcesInForce(find, 5_000, () => 0);
    expect(await sources.lookUp('no-such-source')).toEqual({ found: undefined });
    expect(sources.known('no-such-source')).toBeUndefined();
    await sources.lookUp('no-such-source');
    expect(state.lookups).toBe(2);
  });

  it('keeps the last answer when the registry cannot be read, and says it cannot tell when there is none', async () => {
    const { state, find } = registry();
    let now = 0;
    const sources = new SourcesInForce(find, 5_000, () => now);
    await sources.lookUp(XINTAI.id);
    state.down = true;
    now = 60_000;
    expect(await sources.lookUp(XINTAI.id)).toEqual({ found: XINTAI });
    expect(await sources.lookUp('added-while-down')).toBeUndefined();
  });
});
