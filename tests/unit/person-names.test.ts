/** Person names for the report to list: each once with its pages, marks and lone words left out, a long text read in part. */
import { describe, expect, it } from 'vitest';
import nlp from 'compromise';
import { MAX_CHARS, personNames as withTagger } from '../../src/pipeline/audit/person-names.ts';

const personNames = (pages: { pageNumber: number; text: string }[]) => withTagger(pages, nlp);

describe('person names', () => {
  it('lists each name once with the pages it is on, leaving out redaction marks and single words', () => {
    const found = personNames([
      { pageNumber: 1, text: 'Detective John Smith met Renée Dupré. [redacted b6] called Smith.' },
      { pageNumber: 2, text: 'Later, detective john smith wrote the report.' },
      { pageNumber: 3, text: '' },
    ]);
    expect(found?.names).toEqual([
      { name: 'John Smith', pages: [1, 2] },
      { name: 'Renée Dupré', pages: [1] },
    ]);
    expect(found?.partial).toBeUndefined();
  });

  it('finds nothing in a text without names, and reads a long text only in part, saying so', () => {
    expect(personNames([{ pageNumber: 1, text: 'The court affirmed the order on appeal.' }])).toBeUndefined();
    const long = personNames([
      { pageNumber: 1, text: 'word '.repeat(MAX_CHARS / 5) },
      { pageNumber: 2, text: 'Judge Samuel Alito wrote.' },
    ]);
    expect(long).toEqual({ names: [], partial: true });
  });
});
