import type { Config } from '../../../config/load-config.js';
import { loadCityDivisions } from '../../../config/load-divisions.js';
import { Gazetteer } from './gazetteer.js';
import { createJiebaWords } from './jieba-words.js';

/**
 * Builds the gazetteer of the configured city: its official divisions plus the config's additions,
 * with jieba to check word boundaries. Reads the division lists and loads jieba once: one per thread.
 */
export function loadGazetteer(config: Pick<Config, 'city' | 'gazetteer'>): Gazetteer {
  const { aliases, places } = config.gazetteer;
  const ownNames = [...Object.values(aliases).flat(), ...places.map((place) => place.name)];
  return new Gazetteer(loadCityDivisions(config.city.code, ownNames), config.gazetteer, createJiebaWords());
}
