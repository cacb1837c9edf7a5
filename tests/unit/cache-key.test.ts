import { describe, expect, it } from 'vitest';
import { cacheKey, processorSources, stableStringify, toolVersions } from '../../src/pipeline/cache/derivative-cache.ts';
import { documentCacheKey } from '../../src/pipeline/documents/process-documents.ts';
import { DEFAULT_PHONE_REGIONS } from '../../src/lib/phone-regions.ts';
import { documentSchema } from '../../src/schemas/document.ts';
import { DEFAULT_RENDER_OPTIONS, renderOptions } from '../../src/pipeline/processors/types.ts';

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

describe('a document’s cache key', () => {
  const meta = documentSchema.parse({ title: 'Memo', date: '2020-05-26', tags: ['a'] });
  const entry = { type: 'pdf' as const, meta };
  const tools = { pdfjs: '6.5.438', sharp: '0.35.5', code: 'abc' };
  const key = documentCacheKey(entry, 'a'.repeat(64), DEFAULT_RENDER_OPTIONS, tools);

  it('ignores what does not change derivatives: title, date, tags, description, acceptances, drafts', () => {
    const edited = documentSchema.parse({
      title: 'Another title',
      date: '2021-01-01',
      tags: ['b', 'c'],
      description: 'New words',
      source: 'Agency',
      audit: [{ rule: 'pii-phone', reason: 'switchboard', reviewer: 'ed' }],
    });
    expect(documentCacheKey({ type: 'pdf', meta: edited }, 'a'.repeat(64), DEFAULT_RENDER_OPTIONS, tools)).toBe(key);
  });

  it('changes with the bytes, options, tool versions, processor code and redactions', () => {
    expect(documentCacheKey(entry, 'b'.repeat(64), DEFAULT_RENDER_OPTIONS, tools)).not.toBe(key);
    expect(documentCacheKey(entry, 'a'.repeat(64), { ...DEFAULT_RENDER_OPTIONS, webpEffort: 6 }, tools)).not.toBe(key);
    expect(documentCacheKey(entry, 'a'.repeat(64), { ...DEFAULT_RENDER_OPTIONS, thumbWidthPx: 300 }, tools)).not.toBe(key);
    expect(documentCacheKey(entry, 'a'.repeat(64), DEFAULT_RENDER_OPTIONS, { ...tools, code: 'abd' })).not.toBe(key);
    const redacted = documentSchema.parse({ title: 'Memo', redactions: [{ page: 1, box: [10, 10, 50, 20], reason: 'pii' }] });
    expect(documentCacheKey({ type: 'pdf', meta: redacted }, 'a'.repeat(64), DEFAULT_RENDER_OPTIONS, tools)).not.toBe(key);
    const columns = documentSchema.parse({ title: 'Memo', redactColumns: ['ssn'] });
    expect(documentCacheKey({ type: 'pdf', meta: columns }, 'a'.repeat(64), DEFAULT_RENDER_OPTIONS, tools)).not.toBe(key);
  });

  it('changes with the phone regions of site.yml, not with their order or repeats; no regions given is the default list', () => {
    const key = (phoneRegions?: string[]) => documentCacheKey(entry, 'a'.repeat(64), DEFAULT_RENDER_OPTIONS, tools, phoneRegions && { phoneRegions });
    expect(key([...DEFAULT_PHONE_REGIONS])).toBe(key(undefined));
    expect(key(['US', 'DE'])).not.toBe(key(undefined));
    expect(key(['DE', 'US', 'DE'])).toBe(key(['US', 'DE']));
  });

  it('of a picture or a PDF changes with its OCR languages (and turning OCR off); a table’s does not', () => {
    const keyOf = (type: 'image' | 'pdf' | 'table', ocr?: unknown) =>
      documentCacheKey(
        { type, meta: documentSchema.parse({ title: 'Scan', ...(ocr === undefined ? {} : { ocr }) }) },
        'a'.repeat(64),
        DEFAULT_RENDER_OPTIONS,
        tools,
      );
    for (const type of ['image', 'pdf'] as const) {
      expect(keyOf(type, 'eng')).toBe(keyOf(type));
      expect(keyOf(type, ['eng', 'eng'])).toBe(keyOf(type, ['eng']));
      expect(keyOf(type, false)).not.toBe(keyOf(type));
    }
    expect(keyOf('table', false)).toBe(keyOf('table'));
    expect(toolVersions('image')['tesseract.js']).toMatch(/^\d/);
    expect(toolVersions('pdf')['tesseract.js']).toMatch(/^\d/);
  });

  it("includes the versions of the libraries that make the type's derivatives, and a hash of its processing code", () => {
    const pdf = toolVersions('pdf');
    expect(pdf.code).toMatch(/^[0-9a-f]{16}$/);
    expect(pdf.trove).toMatch(/^\d+$/);
    for (const pkg of ['pdfjs-dist', '@napi-rs/canvas', 'sharp', 'vips', '@cantoo/pdf-lib', 'libphonenumber-js']) expect(pdf[pkg], pkg).toMatch(/^\d/);
    expect(toolVersions('email')['postal-mime']).toMatch(/^\d/);
    expect(toolVersions('email')['sanitize-html']).toMatch(/^\d/);
    expect(toolVersions('table')['csv-parse']).toMatch(/^\d/);
    expect(toolVersions('image').exifr).toMatch(/^\d/);
    // The e-mail and table libraries make no PDF's derivatives: a new version of one reprocesses no PDF.
    for (const pkg of ['postal-mime', 'sanitize-html', 'csv-parse', 'csv-stringify', 'exifr']) expect(pdf).not.toHaveProperty(pkg);
  });

  it("hash each type's own processor and what it imports, not the other processors", () => {
    const relative = (type: Parameters<typeof processorSources>[0]) => processorSources(type).files.map((f) => f.replace(/^.*\/src\//, ''));
    const pdf = relative('pdf');
    for (const file of [
      'pipeline/processors/pdf.ts',
      'pipeline/processors/types.ts',
      'pipeline/audit/rules/index.ts',
      'pipeline/audit/rules/pii-phone.ts',
      'pipeline/processors/sanitize/clean-pdf.ts',
      'pipeline/errors.ts',
      'pipeline/documents/worker.ts',
    ]) {
      expect(pdf).toContain(file);
    }
    for (const other of ['email', 'image', 'table', 'text']) expect(pdf).not.toContain(`pipeline/processors/${other}.ts`);
    // An Office file is converted, then made by the PDF processor.
    expect(relative('office')).toContain('pipeline/processors/pdf.ts');
    expect(new Set(['pdf', 'image', 'text', 'table', 'email', 'office'].map((t) => toolVersions(t as 'pdf').code)).size).toBe(6);
  });
});

describe('render options from the environment', () => {
  it('take TROVE_WEBP_EFFORT from 0 to 6, which changes the cache key, and refuse anything else', () => {
    expect(renderOptions({})).toEqual(DEFAULT_RENDER_OPTIONS);
    expect(renderOptions({ TROVE_WEBP_EFFORT: '0' }).webpEffort).toBe(0);
    const tools = { pdfjs: '6.5.438' };
    expect(cacheKey({ sha256: 'a', type: 'pdf', options: renderOptions({ TROVE_WEBP_EFFORT: '0' }), tools })).not.toBe(
      cacheKey({ sha256: 'a', type: 'pdf', options: renderOptions({}), tools }),
    );
    for (const bad of ['7', '-1', '1.5', 'fast']) {
      expect(() => renderOptions({ TROVE_WEBP_EFFORT: bad })).toThrow(`TROVE_WEBP_EFFORT must be a whole number from 0 to 6, not "${bad}"`);
    }
  });
});
