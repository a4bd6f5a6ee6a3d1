import { loadConfig, type Config } from '../../src/config/load-config.js';
import { loadCityDivisions } from '../../src/config/load-divisions.js';
import { Gazetteer } from '../../src/workers/classify/gazetteer.js';

/** The bundled example config, as `npm start` reads it. */
export const exampleConfig: Readonly<Config> = loadConfig({});

let gazetteer: Gazetteer | undefined;

/** The example city's gazetteer, built once per test file. */
export function exampleGazetteer(): Gazetteer {
  gazetteer ??= new Gazetteer(loadCityDivisions(exampleConfig.city.code), exampleConfig.gazetteer);
  return gazetteer;
}
