type JsonAuthor = { name?: string; url?: string; avatar?: string };
type JsonObject = Record<string, unknown> & { id?: string; author?: JsonAuthor; authors?: JsonAuthor[] };

/**
 * The `feed` package writes JSON Feed 1.0 with one author per item; this lifts its output to
 * 1.1 (https://www.jsonfeed.org/version/1.1/): the version URL, `authors` arrays in place of
 * the deprecated `author` (all of an item's authors, from `authorsById`), and `language`.
 */
export function upgradeToJsonFeed11(json10: string, language: string, authorsById: Map<string, string[]>): string {
  const feed = JSON.parse(json10) as JsonObject & { items: JsonObject[] };
  const { author, ...rest } = feed;
  const upgraded = {
    ...rest,
    version: 'https://jsonfeed.org/version/1.1',
    language,
    ...(author ? { authors: [author] } : {}),
    items: feed.items.map(({ author: _first, ...item }) => {
      const names = authorsById.get(item.id ?? '') ?? [];
      return names.length > 0 ? { ...item, authors: names.map((name) => ({ name })) } : item;
    }),
  };
  return JSON.stringify(upgraded, null, 2);
}
