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
  /** Names of this city's towns that towns elsewhere in China also bear (新城街道, 老城街道 …). */
  townNamesSharedElsewhere: string[];
  /** Names of other provinces, prefecture-level cities and counties (full and short), to tell news from elsewhere. */
  foreignPlaceNames: string[];
  /** The city's own province (山东省, 山东): neither here nor elsewhere. */
  provinceNames: string[];
}
