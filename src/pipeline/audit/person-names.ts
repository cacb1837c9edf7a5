/**
 * Person names in a document's published text, found by compromise (an
 * English part-of-speech tagger), for the audit report to list for review.
 * They never block: a name in a court record is usually meant to be there,
 * and a tagger both misses names it does not know and finds some that are
 * not names. The list says where to look; `redactText` removes what must go.
 *
 * Reading is about 150 KB of text a second, and loading the tagger takes
 * most of a second, so names are read by `npm run audit` only (the
 * editor's review), not by builds: each document up to MAX_CHARS (in page
 * order), at most MAX_NAMES listed, the report saying when a document was
 * read only in part. The list is kept beside the document's derivatives
 * (`person-names.json` in its cache entry), so each version of a document
 * is read once.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

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

type Tagger = typeof import('compromise').default;
let tagger: Promise<Tagger> | undefined;

/** The names of a document whose derivatives are in `entryDir`: read from there, or found and written there. */
export async function cachedPersonNames(entryDir: string, pages: readonly { pageNumber: number; text: string }[]): Promise<PersonNames | undefined> {
  const file = path.join(entryDir, 'person-names.json');
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { found: PersonNames | null }).found ?? undefined;
  } catch {
    // Not read yet.
  }
  if (!pages.some((p) => p.text)) return undefined;
  const nlp = await (tagger ??= import('compromise').then((m) => m.default));
  const found = personNames(pages, nlp);
  const tmp = `${file}.${process.pid}.tmp`;
  // An entry pruned meanwhile only loses the list.
  await writeFile(tmp, JSON.stringify({ found: found ?? null }))
    .then(() => rename(tmp, file))
    .catch(() => {});
  return found;
}

export function personNames(pages: readonly { pageNumber: number; text: string }[], nlp: Tagger): PersonNames | undefined {
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
