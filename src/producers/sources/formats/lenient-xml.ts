/** Start tags of elements whose content is HTML in feeds written by hand or by careless templates. */
const HTML_ELEMENT = /<(description|content:encoded|summary|content|body)\b[^<>]{0,2000}>/;
/** The end tag of a feed's document element. */
const ROOT_END = /<\/(?:rss|feed|rdf:RDF)\s*>/g;

/**
 * Returns a repaired copy of a feed that a strict XML parser refused, for the breakages that
 * templates commonly make and whose meaning is plain: raw HTML inside a description (`<br>`,
 * `<img …>` unclosed) is wrapped in CDATA; text after the document element (a CMS's
 * "Processed in 0.01 s" footer) is dropped. Returns undefined when there is nothing to repair,
 * so the strict parser's error stands.
 */
export function repairIllFormed(xml: string): string | undefined {
  const repaired = wrapRawHtml(dropAfterRoot(xml));
  return repaired === xml ? undefined : repaired;
}

/** Wraps the content of HTML-carrying elements that hold raw markup in CDATA, scanning once. */
function wrapRawHtml(xml: string): string {
  let out = '';
  let last = 0;
  const opens = new RegExp(HTML_ELEMENT.source, 'g');
  for (let open = opens.exec(xml); open; open = opens.exec(xml)) {
    const [openTag, name = ''] = open; // HTML_ELEMENT always captures the name
    const innerStart = open.index + openTag.length;
    const closeTag = `</${name}>`;
    const close = xml.indexOf(closeTag, innerStart);
    if (close < 0) break;
    const inner = xml.slice(innerStart, close);
    const wrapped =
      inner.includes('<') && !inner.includes('<![CDATA[') ? `<![CDATA[${inner.replaceAll(']]>', ']]]]><![CDATA[>')}]]>` : inner;
    out += xml.slice(last, innerStart) + wrapped + closeTag;
    last = opens.lastIndex = close + closeTag.length;
  }
  return out + xml.slice(last);
}

function dropAfterRoot(xml: string): string {
  let end = -1;
  for (const match of xml.matchAll(ROOT_END)) end = match.index + match[0].length;
  return end > 0 && xml.slice(end).trim() !== '' ? xml.slice(0, end) : xml;
}

/** Where a feed starts in a document that something (a PHP warning, a BOM) came before: its prolog or document element. */
export function findFeedStart(text: string): number {
  const match = /<\?xml\b|<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]/.exec(text.slice(0, 4096));
  return match ? match.index : -1;
}
