import { describe, expect, it } from 'vitest';
import { indexChunkSize, indexPartPath, wordsPerIndex } from '../../src/build/steps/search-index.ts';

describe('the search index word limit', () => {
  it('defaults to 2.5 million words, takes TROVE_SEARCH_WORDS_PER_INDEX, and refuses anything but a whole number', () => {
    expect(wordsPerIndex({})).toBe(2_500_000);
    expect(wordsPerIndex({ TROVE_SEARCH_WORDS_PER_INDEX: '1000' })).toBe(1000);
    for (const bad of ['0', '-5', '1e', 'lots'])
      expect(() => wordsPerIndex({ TROVE_SEARCH_WORDS_PER_INDEX: bad })).toThrow(/TROVE_SEARCH_WORDS_PER_INDEX must be a whole number of words/);
    expect(indexPartPath(1)).toBe('pagefind/');
    expect(indexPartPath(3)).toBe('pagefind/part-3/');
  });
});

describe('the search index chunk size', () => {
  it("grows with the square root of a part's words, between 1,000 units and Pagefind's default of 20,000", () => {
    expect(indexChunkSize(2_500_000)).toBe(4743);
    expect(indexChunkSize(10_000_000)).toBe(9487);
    expect(indexChunkSize(2000)).toBe(1000);
    expect(indexChunkSize(1_000_000_000)).toBe(20_000);
  });
});
