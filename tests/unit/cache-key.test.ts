import { describe, expect, it } from 'vitest';
import { cacheKey, stableStringify } from '../../src/pipeline/cache.ts';
import { DEFAULT_RENDER_OPTIONS } from '../../src/pipeline/processors/types.ts';

const base = {
  sha256: 'a'.repeat(64),
  type: 'pdf' as const,
  options: DEFAULT_RENDER_OPTIONS,
  tools: { pdfjs: '6.5.438', sharp: '0.35.5' },
};

describe('cache keys', () => {
  it('do not depend on key order', () => {
    expect(stableStringify({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe('{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}');
    const reordered = { tools: { sharp: '0.35.5', pdfjs: '6.5.438' }, options: { ...DEFAULT_RENDER_OPTIONS }, type: 'pdf' as const, sha256: base.sha256 };
    expect(cacheKey(reordered)).toBe(cacheKey(base));
  });

  it('change with the bytes, the type, any output option and any tool version', () => {
    const key = cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...base, sha256: 'b'.repeat(64) })).not.toBe(key);
    expect(cacheKey({ ...base, type: 'image' })).not.toBe(key);
    expect(cacheKey({ ...base, options: { ...DEFAULT_RENDER_OPTIONS, pageWidthPx: 1200 } })).not.toBe(key);
    expect(cacheKey({ ...base, options: { ...DEFAULT_RENDER_OPTIONS, webpQuality: 50 } })).not.toBe(key);
    expect(cacheKey({ ...base, tools: { ...base.tools, pdfjs: '6.6.0' } })).not.toBe(key);
    expect(cacheKey({ ...base, tools: { ...base.tools, sharp: '0.36.0' } })).not.toBe(key);
  });
});
