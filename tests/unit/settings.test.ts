import { describe, expect, it } from 'vitest';
import { checkSettings, SETTINGS, wholeNumber } from '../../src/pipeline/settings.ts';
import { defaultPoolSize } from '../../src/pipeline/documents/pool.ts';
import { availableParallelism } from 'node:os';

describe('numeric settings from the environment', () => {
  it('take their fallback when unset or empty, and a whole number in range when set', () => {
    expect(wholeNumber(SETTINGS.pageTimeoutMs, {})).toBe(60_000);
    expect(wholeNumber(SETTINGS.pageTimeoutMs, { TROVE_PAGE_TIMEOUT_MS: '' })).toBe(60_000);
    expect(wholeNumber(SETTINGS.pageTimeoutMs, { TROVE_PAGE_TIMEOUT_MS: ' 1500 ' })).toBe(1500);
    expect(wholeNumber(SETTINGS.partPages, { TROVE_PART_PAGES: '0' })).toBe(0);
    expect(wholeNumber(SETTINGS.webpEffort, { TROVE_WEBP_EFFORT: '6' })).toBe(6);
  });

  it('refuse what is not a whole number in range, naming the variable and the value (never NaN, which timers read as 1 ms)', () => {
    for (const bad of ['60s', '1.5', '-1', '1e3', 'NaN', '0x10']) {
      expect(() => wholeNumber(SETTINGS.documentTimeoutMs, { TROVE_DOCUMENT_TIMEOUT_MS: bad })).toThrow(
        `TROVE_DOCUMENT_TIMEOUT_MS must be a whole number of milliseconds, at least 1, not "${bad}"`,
      );
    }
    expect(() => wholeNumber(SETTINGS.pageTimeoutMs, { TROVE_PAGE_TIMEOUT_MS: '0' })).toThrow(/TROVE_PAGE_TIMEOUT_MS/);
    expect(() => wholeNumber(SETTINGS.webpEffort, { TROVE_WEBP_EFFORT: '7' })).toThrow('TROVE_WEBP_EFFORT must be a whole number from 0 to 6, not "7"');
  });

  it('are checked all at once, one line per bad variable', () => {
    expect(checkSettings({})).toEqual([]);
    const problems = checkSettings({ TROVE_WORKERS: 'two', TROVE_SEARCH_WORDS_PER_INDEX: '1M', TROVE_PART_PAGES: '20' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^TROVE_WORKERS must be a whole number of worker threads/);
    expect(problems[1]).toMatch(/^TROVE_SEARCH_WORDS_PER_INDEX must be a whole number of words/);
  });

  it('size the worker pool to the cores unless TROVE_WORKERS asks for fewer', () => {
    const cores = availableParallelism();
    const before = process.env.TROVE_WORKERS;
    try {
      delete process.env.TROVE_WORKERS;
      expect(defaultPoolSize()).toBe(cores);
      process.env.TROVE_WORKERS = '1';
      expect(defaultPoolSize()).toBe(1);
      process.env.TROVE_WORKERS = String(cores + 8);
      expect(defaultPoolSize()).toBe(cores);
    } finally {
      if (before === undefined) delete process.env.TROVE_WORKERS;
      else process.env.TROVE_WORKERS = before;
    }
  });
});
