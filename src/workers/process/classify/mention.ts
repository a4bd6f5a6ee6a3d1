import type { PlacementEvidence } from '../../../domain/channel.js';
import type { PlaceEntry } from './gazetteer.js';

/** Where in an article (or around it) a name stands. */
export type Where = PlacementEvidence['where'];

/** One place named in the article or its hints, with the weight it would carry. */
export interface Mention {
  name: string;
  division: string | undefined;
  channel: string | undefined;
  kind: PlaceEntry['kind'];
  shared: boolean;
  where: Where;
  /** Right after 在/到/走进 …: someone came to this place (市长在新泰调研). */
  arrived: boolean;
  /** Right after a county or district elsewhere, or a place elsewhere (瑞昌市范镇, 崇明东平). */
  qualifiedElsewhere: boolean;
  /** Right after one of this city's counties or the city (肥城市新城街道). */
  qualifiedHere: boolean;
  evidence: PlacementEvidence;
}
