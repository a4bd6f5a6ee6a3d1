import type { Config } from '../../../config/load-config.js';
import { loadCityDivisions } from '../../../config/load-divisions.js';
import { Gazetteer } from './gazetteer.js';

/** Builds the gazetteer of the configured city: its official divisions plus the config's additions. Reads the division lists once. */
export function loadGazetteer(config: Pick<Config, 'city' | 'gazetteer'>): Gazetteer {
  return new Gazetteer(loadCityDivisions(config.city.code), config.gazetteer);
}
