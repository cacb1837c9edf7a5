import { describe, expect, it } from 'vitest';
import { indexPartPath, wordsPerIndex } from '../../src/integrations/post-build/search-index.ts';

describe('the search index word limit', () => {
  it('defaults to 2.5 million words, takes TROVE_SEARCH_WORDS_PER_INDEX, and refuses anything but a whole number', () => {
    expect(wordsPerIndex({})).toBe(2_500_000);
    expect(wordsPerIndex({ TROVE_SEARCH_WORDS_PER_INDEX: '1000' })).toBe(1000);
    for (const bad of ['0', '-5', '1e', 'lots']) expect(() => wordsPerIndex({ TROVE_SEARCH_WORDS_PER_INDEX: bad })).toThrow(/TROVE_SEARCH_WORDS_PER_INDEX must be a whole number of words/);
    expect(indexPartPath(1)).toBe('pagefind/');
    expect(indexPartPath(3)).toBe('pagefind/part-3/');
  });
});
