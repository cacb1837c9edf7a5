import { describe, expect, it } from 'vitest';
import { checkDocumentId, checkSegment, collectionOf, documentIdFromPath, suggestSegment } from '../../src/lib/ids.ts';

describe('document ids', () => {
  it('drops only the last extension and uses forward slashes', () => {
    expect(documentIdFromPath('mn-fusion/2020-05-26-masks.pdf')).toBe('mn-fusion/2020-05-26-masks');
    expect(documentIdFromPath('mn-fusion\\memo.v2.pdf')).toBe('mn-fusion/memo.v2');
    expect(documentIdFromPath('c/no-extension')).toBe('c/no-extension');
    expect(documentIdFromPath('c/.hidden')).toBe('c/.hidden');
  });

  it('accepts conservative names and rejects path tricks', () => {
    expect(checkSegment('2020-05-26-masks')).toBeUndefined();
    expect(checkSegment('memo_v2.final')).toBeUndefined();
    for (const bad of ['..', '.', '', 'Memo', 'a b', 'a/b', '-lead', '.hidden', 'naïve', '%2e%2e']) {
      expect(checkSegment(bad), bad).toBeDefined();
    }
  });

  it('suggests a usable spelling', () => {
    expect(suggestSegment('Naïve Memo (final).PDF')).toBe('naive-memo-final-.pdf');
    expect(checkSegment(suggestSegment('  Ünïcode  Name '))).toBeUndefined();
    expect(suggestSegment('!!!')).toBe('document');
  });

  it('requires exactly collection/name', () => {
    expect(checkDocumentId('a/b')).toBeUndefined();
    expect(checkDocumentId('a')?.message).toMatch(/<collection>\/<name>/);
    expect(checkDocumentId('a/b/c')?.message).toMatch(/<collection>\/<name>/);
    expect(checkDocumentId('../etc')).toBeDefined();
    expect(collectionOf('a/b')).toBe('a');
  });
});
