/**
 * `earlier-revisions`: incremental updates keep every earlier version of a
 * PDF inside the file, including text that a later edit removed. Removed by
 * construction (the published PDF is written fresh, with one revision); the
 * finding says what the earlier revisions contain that the last one does not.
 */
import type { Finding, Rule } from '../types.ts';
import { clip } from './text-under-box.ts';

/** Byte offsets just after each `%%EOF` marker. */
export function revisionEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  const marker = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF
  outer: for (let i = 0; i + marker.length <= bytes.length; i++) {
    for (let k = 0; k < marker.length; k++) if (bytes[i + k] !== marker[k]) continue outer;
    ends.push(i + marker.length);
  }
  return ends;
}

/** A linearized file has one extra `%%EOF` after its first-page section: not a revision. */
function isLinearized(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /\/Linearized\s/.test(head);
}

async function wordsOf(pdf: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy, maxPages = 50): Promise<Set<string>> {
  const words = new Set<string>();
  for (let n = 1; n <= Math.min(pdf.numPages, maxPages); n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) for (const w of item.str.split(/\s+/)) if (w.length > 2) words.add(w);
    page.cleanup();
  }
  return words;
}

export const earlierRevisions: Rule = {
  id: 'earlier-revisions',
  severity: 'removed',
  title: 'earlier revisions of the file are kept inside it (incremental updates)',
  fix: 'nothing to do: the published PDF is rebuilt with one revision. If an earlier revision held something sensitive, the original file still does: do not share it',
  input: 'pdf-document',
  async check({ bytes, pdf, open }) {
    const ends = revisionEnds(bytes);
    const earlier = ends.slice(0, -1).slice(isLinearized(bytes) ? 1 : 0);
    if (earlier.length === 0) return [];
    let detail = '';
    try {
      const first = await open(bytes.slice(0, earlier[0]));
      try {
        const [before, now] = await Promise.all([wordsOf(first.pdf), wordsOf(pdf)]);
        const gone = [...before].filter((w) => !now.has(w));
        detail =
          gone.length > 0
            ? `; the first revision has words the last one does not: "${clip(gone.slice(0, 12).join(' '))}"`
            : '; its text matches the last revision';
      } finally {
        await first.close();
      }
    } catch {
      // The first revision does not open on its own: the finding stands without the comparison.
    }
    const finding: Finding = {
      rule: 'earlier-revisions',
      evidence: `${earlier.length + 1} revisions in the file (earlier ones end at byte ${earlier.join(', ')})${detail}`,
    };
    return [finding];
  },
};
