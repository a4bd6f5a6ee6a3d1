/** Namespaces of the feed formats and the modules feeds use. */
export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** The XML feed formats rss-parser reads, by their document element. */
export type XmlFeedFormat = 'rss' | 'rdf' | 'atom';

/** The namespaces a format's own elements are in: RSS 0.91–2.0 has none; RDF is RSS 1.0 or 0.90; Atom 1.0 or 0.3. */
export const FEED_NAMESPACES: Record<XmlFeedFormat, ReadonlySet<string>> = {
  rss: new Set(['']),
  rdf: new Set([NS.rss10, NS.rss090]),
  atom: new Set([NS.atom10, NS.atom03]),
};

/** Prefixes that feeds use without declaring them; xml2js reads them all the same, so do we. */
const CONVENTIONAL_PREFIXES: Record<string, string> = { dc: NS.dc, content: NS.content, atom: NS.atom10, rdf: NS.rdf, xml: NS.xml };

/** An element's namespace (`''` for none), local name, and the prefix it was written with. */
export interface ExpandedName {
  ns: string;
  local: string;
  prefix: string | undefined;
}

/**
 * The in-scope namespace declarations while a document is read element by element
 * (Namespaces in XML 1.0 §6): `enter` on each start tag, `leave` on each end tag.
 */
export class NamespaceScope {
  private readonly scopes: Map<string, string>[] = [new Map(Object.entries(CONVENTIONAL_PREFIXES))];
  /** The namespace of the document element. */
  rootNs: string | undefined;

  enter(qualifiedName: string, attributes: Readonly<Record<string, string>>): ExpandedName {
    const declared = new Map(this.scopes[this.scopes.length - 1]);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'xmlns') declared.set('', value.trim());
      else if (name.startsWith('xmlns:')) declared.set(name.slice(6), value.trim());
    }
    this.scopes.push(declared);
    const colon = qualifiedName.indexOf(':');
    const prefix = colon > 0 ? qualifiedName.slice(0, colon) : undefined;
    const local = qualifiedName.slice(colon + 1);
    const ns = declared.get(prefix ?? '') ?? (prefix ? `urn:unbound-prefix:${prefix}` : '');
    this.rootNs ??= ns;
    return { ns, local, prefix };
  }

  leave(): void {
    if (this.scopes.length > 1) this.scopes.pop();
  }
}
