/** Declared redaction boxes that cannot be applied are problems naming the sidecar, never passed over. */
import { describe, expect, it } from 'vitest';
import type { DocumentType } from '../../src/schemas/document.ts';
import { unappliableRedactions } from '../../src/pipeline/redact/unappliable.ts';

const box = (page: number) => ({ page, box: [72, 100, 50, 12] as [number, number, number, number], reason: 'b6' });
const doc = (type: DocumentType, pageCount: number, pages: number[]) => ({
  entry: { file: `content/documents/c/d.${type}`, sidecarFile: 'content/documents/c/d.md', type, meta: { redactions: pages.map(box) } as never },
  result: { pageCount },
});

describe('unappliable redactions', () => {
  it('a box on a page past the end names the sidecar, the page and the page count', () => {
    expect(unappliableRedactions([doc('pdf', 1, [1, 7])])).toEqual([
      {
        file: 'content/documents/c/d.md',
        message: 'redactions: a box on page 7 [72, 100, 50, 12] (reason b6), but content/documents/c/d.pdf has 1 page: the box was not applied',
        hint: 'correct the page number (pages count from 1, as readers see them) or remove the box; check that content/documents/c/d.pdf is the file you meant to redact',
      },
    ]);
    expect(unappliableRedactions([doc('image', 3, [3]), doc('office', 2, [1, 2])])).toEqual([]);
  });

  it('boxes on text, tables and e-mail, which have no page images, are each one problem saying what to do instead', () => {
    const problems = unappliableRedactions([doc('text', 4, [1]), doc('table', 2, [1, 2]), doc('email', 1, [1])]);
    expect(problems.map((p) => p.message)).toEqual([
      'redactions: 1 box declared, but content/documents/c/d.text is a text document, which has no page images to burn boxes into: nothing was redacted',
      'redactions: 2 boxes declared, but content/documents/c/d.table is a table, which has no page images to burn boxes into: nothing was redacted',
      'redactions: 1 box declared, but content/documents/c/d.email is an e-mail, which has no page images to burn boxes into: nothing was redacted',
    ]);
    expect(problems[1].hint).toContain('redactColumns');
  });

  it('rows and columns withheld from a document that is no table are a problem, not ignored', () => {
    const pdf = { ...doc('pdf', 1, []), entry: { ...doc('pdf', 1, []).entry, meta: { redactions: [], redactRows: [{ rows: [3], reason: 'b6' }] } as never } };
    expect(unappliableRedactions([pdf]).map((p) => p.message)).toEqual([
      'redactRows: given, but content/documents/c/d.pdf is a pdf document, not a table: nothing was withheld',
    ]);
  });

  it('nothing to say when nothing is declared', () => {
    expect(unappliableRedactions([doc('text', 1, []), doc('pdf', 1, [])])).toEqual([]);
  });
});
