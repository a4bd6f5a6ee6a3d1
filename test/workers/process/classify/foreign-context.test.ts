import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../../src/workers/process/classify/find-mentions.js';
import { settleElsewhere, type ForeignContext } from '../../../../src/workers/process/classify/foreign-context.js';

function mention(name: string, fields: Partial<Mention> = {}): Mention {
  const where = fields.where ?? 'title';
  return {
    name,
    division: '370923',
    channel: undefined,
    kind: 'alias',
    shared: false,
    where,
    arrived: false,
    qualifiedElsewhere: false,
    qualifiedHere: false,
    evidence: { name, where, weight: 2 },
    ...fields,
  };
}

const local: ForeignContext = { foreignInHeadline: false, foreignAnywhere: false, titleOpensLocally: true };
const names = (mentions: Mention[]) => mentions.map((m) => `${m.name}@${m.where}×${m.evidence.weight}`);

describe('settleElsewhere', () => {
  it('drops every mention of a name that the text once puts after a place elsewhere', () => {
    const found = [
      mention('范镇', { kind: 'town', shared: true }),
      mention('范镇', { kind: 'town', shared: true, where: 'lead', qualifiedElsewhere: true }),
    ];
    expect(settleElsewhere(found, { ...local, foreignAnywhere: true, foreignInHeadline: true }).mentions).toEqual([]);
  });

  it('keeps them when one mention stands after this city’s own names', () => {
    const found = [
      mention('新城街道', { kind: 'town', shared: true, qualifiedElsewhere: true }),
      mention('新城街道', { kind: 'town', shared: true, where: 'lead', qualifiedHere: true }),
      mention('肥城市', { kind: 'county', division: '370983', where: 'lead' }),
    ];
    expect(names(settleElsewhere(found, { ...local, foreignAnywhere: true }).mentions)).toHaveLength(3);
  });

  it('drops weak names and hints when the headline is set elsewhere and nothing anchors it here', () => {
    const found = [
      mention('泰山', { kind: 'place', shared: true, division: '370902' }),
      mention('泰安', { where: 'hint', division: '3709' }),
    ];
    const settled = settleElsewhere(found, { foreignInHeadline: true, foreignAnywhere: true, titleOpensLocally: false });
    expect(settled).toEqual({ mentions: [], elsewhere: true });
  });

  it('is anchored here by a landmark that places elsewhere do not share', () => {
    const found = [mention('东平湖', { kind: 'place' })];
    const settled = settleElsewhere(found, { foreignInHeadline: true, foreignAnywhere: true, titleOpensLocally: false });
    expect(settled.elsewhere).toBe(false);
    expect(names(settled.mentions)).toEqual(['东平湖@title×2']);
  });

  it('gives a shared name no weight when the story names elsewhere and nothing of this city vouches for it', () => {
    const found = [mention('东平', { shared: true })];
    expect(names(settleElsewhere(found, { ...local, foreignAnywhere: true }).mentions)).toEqual(['东平@title×0']);
  });

  it('lets a shared landmark be vouched for by any unshared name of the city, a shared town only by its county', () => {
    const found = [
      mention('泰山', { kind: 'place', shared: true, division: '370902' }),
      mention('新城街道', { kind: 'town', shared: true, division: '370983001000' }),
      mention('东平湖', { kind: 'place', where: 'lead' }),
    ];
    expect(names(settleElsewhere(found, { ...local, foreignAnywhere: true }).mentions)).toEqual([
      '泰山@title×2',
      '新城街道@title×0',
      '东平湖@lead×2',
    ]);
  });
});
