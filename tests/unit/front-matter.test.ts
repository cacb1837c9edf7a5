import { describe, expect, it } from 'vitest';
import { FrontMatterError, lineOfKey, parseFrontMatter } from '../../src/pipeline/content/front-matter.ts';

describe('front matter', () => {
  it('parses YAML, keeps dates as strings and knows where the body starts', () => {
    const src = '---\ntitle: A\ndate: 2020-05-26\n---\nBody line\n';
    const fm = parseFrontMatter(src);
    expect(fm.data).toEqual({ title: 'A', date: '2020-05-26' });
    expect(fm.body.trim()).toBe('Body line');
    expect(fm.bodyStartLine).toBe(5);
  });

  it('never runs JavaScript front matter', () => {
    (globalThis as Record<string, unknown>).__ran = false;
    const src = '---js\n{ title: (globalThis.__ran = true, "x") }\n---\nbody';
    expect(() => parseFrontMatter(src)).toThrow(FrontMatterError);
    expect(() => parseFrontMatter(src)).toThrow(/JavaScript is not allowed/);
    expect((globalThis as Record<string, unknown>).__ran).toBe(false);
  });

  it('points at the line of a YAML error', () => {
    const src = '---\ntitle: A\ntags: [a, b\nsummary: x\n---\n';
    try {
      parseFrontMatter(src);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FrontMatterError);
      expect((e as FrontMatterError).line).toBeGreaterThanOrEqual(3);
    }
  });

  it('finds the line of a key', () => {
    const src = '---\ntitle: A\ndate: nope\n---\n';
    expect(lineOfKey(src, 'date')).toBe(3);
    expect(lineOfKey(src, 'summary')).toBeUndefined();
  });

  it('finds the line of a key in a YAML file such as site.yml', () => {
    expect(lineOfKey('title: A\nlanguage: english\n', 'language')).toBe(2);
    expect(lineOfKey('---\ntitle: A\nlanguage: english\n', 'language')).toBe(3);
  });
});
