/**
 * Finds, in a built page, what the Content-Security-Policy step needs from
 * its `<head>`: where the policy goes, the policy `<meta>` elements already
 * there, and the inline styles. The page is tokenized (htmlparser2, which
 * treats `<title>`, `<style>` and `<script>` contents as text as browsers
 * do), never searched for text: a title, an attribute, a comment or body
 * text that spells out a `<meta>` is not one. Parsing stops where the
 * browser's head ends (the first element that cannot be in a head, body
 * text, or `</head>`), so a page's cost does not grow with its body.
 */
import { Parser } from 'htmlparser2';

export interface PageHead {
  /** Offset where the policy goes: after `<meta charset>` when it opens the head, else right after `<head>`. */
  insertAt: number;
  /** [start, end) offsets of each `<meta http-equiv="content-security-policy">` in the head. */
  policyMetas: [number, number][];
  /** The text of each inline `<style>` in the head. */
  styles: string[];
}

/** Elements that may be in a head; any other one starts the body (HTML's "in head" insertion mode). */
const IN_HEAD = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'noframes', 'noscript', 'script', 'style', 'template', 'title']);
/** Elements whose contents the tokenizer reports as text. */
const TEXT_ONLY = new Set(['noframes', 'script', 'style', 'title']);
/** Head elements that may hold elements of their own; what is inside them is not a child of the head. */
const NESTING = new Set(['noscript', 'template']);
/** Text that does not end the head; a byte order mark is not text to a browser either. */
const SPACE = /^\uFEFF?[\t\n\f\r ]*$/;

/** Reads the explicit `<head>` of `html`; undefined when the page has none (Trove's layouts always write one). */
export function readHead(html: string): PageHead | undefined {
  let phase: 'before' | 'head' | 'done' = 'before';
  let insertAt = -1;
  let children = 0;
  let nested = 0;
  let textOnly: string | undefined;
  let styleStart = -1;
  const policyMetas: [number, number][] = [];
  const styles: string[] = [];

  const stop = () => {
    phase = 'done';
    parser.pause();
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (phase === 'done') return;
        if (phase === 'before') {
          if (name === 'head') {
            phase = 'head';
            insertAt = parser.endIndex + 1;
          } else if (name !== 'html') stop();
          return;
        }
        if (nested > 0) {
          if (NESTING.has(name)) nested++;
          return;
        }
        if (!IN_HEAD.has(name)) return stop();
        children++;
        if (name === 'meta') {
          if (children === 1 && 'charset' in attribs) insertAt = parser.endIndex + 1;
          if (isPolicyMeta(attribs)) policyMetas.push([parser.startIndex, parser.endIndex + 1]);
        }
        if (name === 'style') styleStart = parser.endIndex + 1;
        if (TEXT_ONLY.has(name)) textOnly = name;
        if (NESTING.has(name)) nested = 1;
      },
      onclosetag(name, isImplied) {
        if (phase !== 'head') return;
        if (nested > 0) {
          if (NESTING.has(name)) nested--;
          return;
        }
        if (name === textOnly) {
          if (name === 'style' && !isImplied) styles.push(html.slice(styleStart, parser.startIndex));
          textOnly = undefined;
        } else if (name === 'head') stop();
      },
      ontext(text) {
        if (phase === 'done' || textOnly || nested > 0) return;
        if (!SPACE.test(text)) stop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // After a pause, end() reports nothing more.
  parser.end(html);
  return insertAt === -1 ? undefined : { insertAt, policyMetas, styles };
}

function isPolicyMeta(attribs: Record<string, string>): boolean {
  const equiv = attribs['http-equiv'];
  // As browsers compare it: ASCII case-insensitively, after stripping surrounding whitespace.
  return equiv !== undefined && equiv.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase() === 'content-security-policy';
}
