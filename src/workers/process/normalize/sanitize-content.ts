import sanitizeHtml from 'sanitize-html';

/** Attributes that lazy-loading scripts keep the real image address in. */
const LAZY_SRC_ATTRIBUTES = ['data-original', 'data-src', 'data-lazy-src', 'data-echo', 'data-url', 'original'];

const ALLOWED_TAGS = [
  'p',
  'br',
  'div',
  'span',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
  'figure',
  'figcaption',
  'img',
  'a',
  'hr',
];

/**
 * Returns article HTML reduced to an allow-list: no script, style, iframe, form or event
 * handler survives, links and images are absolute (against `baseUrl`), lazy-loaded images get
 * their real `src`, and wrappers left empty are dropped.
 */
export function sanitizeContent(html: string, baseUrl: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'template', 'button', 'form', 'select'],
    transformTags: {
      img: (tagName, attribs) => {
        // The first candidate that is a real address: lazy attributes often hold a data: placeholder.
        const src = [...LAZY_SRC_ATTRIBUTES.map((name) => attribs[name]), attribs.src]
          .map((candidate) => absolute(candidate, baseUrl))
          .find(Boolean);
        return { tagName, attribs: { ...attribs, ...(src ? { src } : {}) } };
      },
      a: (tagName, attribs) => {
        const href = absolute(attribs.href, baseUrl);
        return { tagName, attribs: { ...attribs, ...(href ? { href } : {}) } };
      },
    },
    exclusiveFilter: (frame) =>
      ['p', 'div', 'span', 'strong', 'b', 'em', 'i', 'u', 'a', 'li', 'ul', 'ol', 'figure'].includes(frame.tag) &&
      !frame.text.trim() &&
      !frame.mediaChildren.length,
  }).trim();
}

function absolute(url: string | undefined, base: string): string | undefined {
  if (!url || url.startsWith('data:')) return undefined;
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}
