/** An administrative division of the city served, as the official lists name it. */
export interface Division {
  /** 6 digits for a county-level unit (370982), 12 for a town or street (370982008000). */
  code: string;
  name: string;
  level: 'city' | 'county' | 'town';
  /** The county a town belongs to; the city for a county. */
  parent?: string | undefined;
}

/** The divisions of one city, with what the national lists say about its names. */
export interface CityDivisions {
  city: Division;
  counties: Division[];
  towns: Division[];
  /**
   * Names that places elsewhere in China also bear, among this city's town names, their short forms
   * and the other names asked about: a town's full name (新城街道) when a town elsewhere has it, a
   * short form (东平, 财源, 牛山) when it is the short form of a town or county elsewhere.
   */
  namesSharedElsewhere: string[];
  /** Names of other provinces, prefecture-level cities and counties (full and short), to tell news from elsewhere. */
  foreignPlaceNames: string[];
  /**
   * Short forms of counties and districts elsewhere (崇明, 浦口, 博白): too often ordinary words to
   * be names on their own, but right before a place name they say where it is (崇明东平).
   */
  foreignCountyShortNames: string[];
  /** The city's own province (山东省, 山东): neither here nor elsewhere. */
  provinceNames: string[];
}

/** A town's name without 镇/乡/街道, as news often writes it (楼德 for 楼德镇). */
export function townShortForm(name: string): string {
  return name.replace(/(镇|乡|街道)$/, '');
}
