/**
 * Person names in a document's published text, found by compromise (an
 * English part-of-speech tagger), for the audit report to list for review.
 * They never block: a name in a court record is usually meant to be there,
 * and a tagger both misses names it does not know and finds some that are
 * not names. The list says where to look; `redactText` removes what must go.
 *
 * Reading is about 150 KB of text a second, so each document is read up
 * to MAX_CHARS (in page order) and the list holds at most MAX_NAMES; the
 * report says when a document was read only in part. Computed in the
 * worker, and cached with the derivatives.
 */
import nlp from 'compromise';

/** Characters of a document's text read for names: about a third of a second. */
export const MAX_CHARS = 50_000;
/** Names listed per document. */
const MAX_NAMES = 100;

export interface PersonNames {
  /** Each name once (as first written), with the pages it is on, in order of first appearance. */
  names: { name: string; pages: number[] }[];
  /** Set when the text was longer than MAX_CHARS and only its start was read. */
  partial?: boolean;
}

/** The redaction marks, which read as words, are not names. */
const MARK = /\[(?:redacted|row withheld)[^\]]*\]/g;

export function personNames(pages: readonly { pageNumber: number; text: string }[]): PersonNames | undefined {
  const found = new Map<string, { name: string; pages: number[] }>();
  let read = 0;
  let partial = false;
  for (const page of pages) {
    if (!page.text) continue;
    if (read >= MAX_CHARS) {
      partial = true;
      break;
    }
    const text = page.text.slice(0, MAX_CHARS - read).replace(MARK, ' ');
    read += text.length;
    for (const raw of nlp(text).people().out('array') as string[]) {
      const name = raw
        .replace(/[.,;:]+$/, '')
        .replace(/\s+/g, ' ')
        .trim();
      // One word alone ("Smith", "Judge") says too little to review.
      if (!/\p{L}+[\s.'-]+\p{L}/u.test(name)) continue;
      const key = name.toLowerCase();
      const entry = found.get(key) ?? { name, pages: [] };
      if (!entry.pages.includes(page.pageNumber)) entry.pages.push(page.pageNumber);
      found.set(key, entry);
    }
  }
  if (found.size === 0) return partial ? { names: [], partial } : undefined;
  return { names: [...found.values()].slice(0, MAX_NAMES), ...(partial ? { partial } : {}) };
}
