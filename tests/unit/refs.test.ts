import { describe, expect, it } from 'vitest';
import { isDocRef, parseDocRef } from '../../src/lib/refs.ts';

describe('doc: references', () => {
  it('parses a document and an optional 1-based page', () => {
    expect(parseDocRef('doc:mn-fusion/2020-05-26-masks')).toEqual({ ok: true, ref: { documentId: 'mn-fusion/2020-05-26-masks' } });
    expect(parseDocRef('doc:mn-fusion/memo#page=12')).toEqual({ ok: true, ref: { documentId: 'mn-fusion/memo', pageNumber: 12 } });
    expect(parseDocRef(' DOC:a/b ')).toEqual({ ok: true, ref: { documentId: 'a/b' } });
  });

  it('parses a row of a table and a message of a mailbox', () => {
    expect(parseDocRef('doc:leak/users#row=2412')).toEqual({ ok: true, ref: { documentId: 'leak/users', rowNumber: 2412 } });
    expect(parseDocRef('doc:leak/inbox#message=3')).toEqual({ ok: true, ref: { documentId: 'leak/inbox', messageNumber: 3 } });
  });

  it('suggests the target a misspelt one meant', () => {
    const rows = parseDocRef('doc:leak/users#rows=12');
    expect(!rows.ok && rows.message).toBe(
      'bad reference "doc:leak/users#rows=12": the part after "#" must be page=N, row=N (tables) or message=N (mailboxes): did you mean row=12?',
    );
    const msg = parseDocRef('doc:leak/inbox#mesage=2');
    expect(!msg.ok && msg.message).toMatch(/did you mean message=2\?$/);
    const row0 = parseDocRef('doc:leak/users#row=0');
    expect(!row0.ok && row0.message).toMatch(/rows are numbered from 1/);
  });

  it('recognises only the doc: scheme', () => {
    expect(isDocRef('doc:a/b')).toBe(true);
    expect(isDocRef('https://example.org/doc:a/b')).toBe(false);
    expect(isDocRef('document.pdf')).toBe(false);
  });

  it('explains malformed references', () => {
    const page0 = parseDocRef('doc:a/b#page=0');
    expect(page0.ok).toBe(false);
    expect(!page0.ok && page0.message).toMatch(/numbered from 1/);
    const frag = parseDocRef('doc:a/b#p2');
    expect(!frag.ok && frag.message).toMatch(/page=N, row=N \(tables\) or message=N \(mailboxes\), e.g. doc:a\/b#page=2/);
    const traversal = parseDocRef('doc:../../etc/passwd');
    expect(traversal.ok).toBe(false);
    const noCollection = parseDocRef('doc:memo');
    expect(!noCollection.ok && noCollection.message).toMatch(/<collection>\/<name>/);
  });
});
