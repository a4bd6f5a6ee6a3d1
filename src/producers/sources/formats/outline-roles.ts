import { FEED_NAMESPACES, NS, type ExpandedName, type XmlFeedFormat } from './xml-namespaces.js';

/** What an element of a feed is to the outline: the entry, one of its fields, or a holder of them. */
export type Role =
  | 'entry'
  | 'title'
  | 'link'
  | 'content'
  | 'summary'
  | 'author'
  | 'name'
  | 'creator'
  | 'category'
  | 'guid'
  | 'encoded'
  | 'source'
  | 'channel'
  | 'multipart'
  | 'other';

/** Where an element stands, as the reader knows it when the element opens. */
export interface Place {
  /** The document's format, once its root told it. */
  format: XmlFeedFormat | undefined;
  /** How many elements are open around it (the root stands at 0). */
  depth: number;
  parentRole: Role | undefined;
  /** The depth of the entry it is in, if it is in one. */
  entryDepth: number | undefined;
  /** Whether it is inside the document's first `<channel>` (rss-parser reads that one's items only). */
  inFirstChannel: boolean;
}

/** Roles whose own text is not read: they only hold the elements that are. */
export const CONTAINER_ROLES: ReadonlySet<Role> = new Set<Role>(['entry', 'source', 'channel', 'multipart', 'other']);

const ENTRY_CHILD_ROLES: Partial<Record<string, Role>> = {
  title: 'title',
  link: 'link',
  content: 'content',
  summary: 'summary',
  description: 'summary',
  author: 'author',
  category: 'category',
  guid: 'guid',
  source: 'source',
};

/** What an element is, by its namespace, its name and where it stands. */
export function roleOf(element: ExpandedName, attributes: Readonly<Record<string, string>>, place: Place): Role {
  const { format, depth, parentRole, entryDepth } = place;
  const inFeed = format !== undefined && FEED_NAMESPACES[format].has(element.ns);
  if (inFeed && element.local === 'channel' && depth === 1) return 'channel';
  if (inFeed && isEntryPosition(element.local, place)) return 'entry';
  if (parentRole === 'author' && inFeed && element.local === 'name') return 'name';
  if (format === 'atom' && depth === 1 && inFeed && element.local === 'author') return 'author';
  if (entryDepth === undefined) return 'other';
  if (parentRole === 'source' && inFeed && element.local === 'author') return 'author';
  // Atom 0.3 multipart/alternative content holds its alternatives as content elements.
  if (parentRole === 'multipart' && inFeed && element.local === 'content') return 'content';
  if (depth !== entryDepth + 1) return 'other';
  if (element.ns === NS.dc) return element.local === 'creator' ? 'creator' : element.local === 'subject' ? 'category' : 'other';
  if (element.ns === NS.content && element.local === 'encoded') return 'encoded';
  if (!inFeed) return 'other';
  if (element.local === 'content' && /^multipart\//i.test(attributes.type ?? '')) return 'multipart';
  return ENTRY_CHILD_ROLES[element.local] ?? 'other';
}

/** Entries as rss-parser finds them: Atom `feed/entry`, RSS `rss/channel/item` (first channel), RSS 1.0 `RDF/item`. */
function isEntryPosition(local: string, { format, depth, inFirstChannel }: Place): boolean {
  if (format === 'atom') return depth === 1 && local === 'entry';
  if (format === 'rdf') return depth === 1 && local === 'item';
  return format === 'rss' && depth === 2 && inFirstChannel && local === 'item';
}
