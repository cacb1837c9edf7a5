/**
 * E-mail HTML made safe to publish: sanitize-html keeps text structure
 * (paragraphs, lists, tables, emphasis, links) and drops everything that
 * runs code or makes a request: scripts, styles, event handlers, forms,
 * frames, objects, and every image (a remote image is a tracking pixel; an
 * embedded one is published as an attachment instead). Links keep http,
 * https and mailto targets only, and never send a referrer.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p',
  'br',
  'div',
  'span',
  'blockquote',
  'pre',
  'code',
  'hr',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'sub',
  'sup',
  'small',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'a',
];

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object', 'template', 'svg', 'math'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow noreferrer noopener' } }),
    img: (_tag, attribs) => ({ tagName: 'span', attribs: {}, text: `[image${attribs.alt ? `: ${attribs.alt}` : ''}]` }),
  },
};

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Sanitized HTML with `redact` applied to each of its text nodes, and a
 * link dropped (its text kept) when its target holds what `redact` removes
 * (a `mailto:` of a redacted address). Text that runs across elements
 * ("Perdita <b>Hollowell</b>") is not seen whole here: the caller checks
 * the result's text again.
 */
export function redactEmailHtml(html: string, redact: (text: string) => string): string {
  return sanitizeHtml(html, {
    ...OPTIONS,
    textFilter: (text) => escape(redact(unescape(text))),
    transformTags: {
      ...OPTIONS.transformTags,
      a: (tagName, attribs) => {
        const href = attribs.href && redact(decodeURIComponentSafe(attribs.href)) === decodeURIComponentSafe(attribs.href) ? attribs.href : undefined;
        const kept: Record<string, string> = href ? { href, rel: 'nofollow noreferrer noopener' } : {};
        return { tagName: href ? tagName : 'span', attribs: kept };
      },
    },
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The text of some HTML, for search and the audit. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<(br|\/p|\/div|\/tr|\/li|\/h[1-6])\b[^>]*>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'title', 'head', 'noscript'] })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
