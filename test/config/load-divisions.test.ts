import { describe, expect, it } from 'vitest';
import { loadCityDivisions } from '../../src/config/load-divisions.js';
import { townShortForm } from '../../src/domain/division.js';

describe('loadCityDivisions', () => {
  const divisions = loadCityDivisions('3709', ['东平', '新泰', '牛山', '东平湖']);

  it('finds which of the city’s names places elsewhere bear: towns by full name or short form, and the names asked about', () => {
    const shared = new Set(divisions.namesSharedElsewhere);
    expect(['新城街道', '新城', '东平', '牛山'].filter((name) => shared.has(name))).toEqual(['新城街道', '新城', '东平', '牛山']);
    expect(['楼德镇', '楼德', '新泰', '东平湖'].filter((name) => shared.has(name))).toEqual([]);
  });

  it('lists short forms of counties and districts elsewhere as qualifiers, not the city’s own', () => {
    const qualifiers = new Set(divisions.foreignCountyShortNames);
    expect(qualifiers.has('崇明')).toBe(true);
    expect(qualifiers.has('浦口')).toBe(true);
    expect(qualifiers.has('岱山')).toBe(true);
    expect(qualifiers.has('泰山')).toBe(false);
  });

  it('writes a town without 镇, 乡 or 街道', () => {
    expect(['楼德镇', '旧县乡', '新城街道', '翟镇'].map(townShortForm)).toEqual(['楼德', '旧县', '新城', '翟']);
  });
});
