import { describe, expect, it } from 'vitest';
import {
  documentPageUrl,
  documentPartPath,
  PAGES_PER_PART,
  partCount,
  partOf,
  partRange,
  downloadPath,
  pageAnchor,
  pageImagePath,
  pageLink,
  relativeUrl,
  storyPath,
  thumbnailPath,
} from '../../src/lib/urls.ts';

describe('parts of long documents', () => {
  it('keep the first pages on the document page and send later pages to their part', () => {
    expect(PAGES_PER_PART).toBe(50);
    expect(documentPageUrl('c/d', 50)).toBe('documents/c/d/#page-50');
    expect(documentPageUrl('c/d', 51)).toBe('documents/c/d/part-2/#page-51');
    expect(documentPageUrl('c/d', 2000)).toBe('documents/c/d/part-40/#page-2000');
    expect(documentPartPath('c/d', 1)).toBe('documents/c/d/');
    expect(documentPartPath('c/d', 3)).toBe('documents/c/d/part-3/');
  });

  it('cover every page exactly once', () => {
    for (const pageCount of [1, 49, 50, 51, 100, 101, 2000]) {
      const seen: number[] = [];
      for (let part = 1; part <= partCount(pageCount); part++) {
        const { first, last } = partRange(part, pageCount);
        for (let n = first; n <= last; n++) {
          expect(partOf(n)).toBe(part);
          seen.push(n);
        }
      }
      expect(seen).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
    }
    expect(partCount(2000)).toBe(40);
    expect(partRange(40, 2001)).toEqual({ first: 1951, last: 2000 });
  });
});

describe('site paths', () => {
  it('places document pages, page images, thumbnails and downloads under the document', () => {
    expect(documentPageUrl('c/d')).toBe('documents/c/d/');
    expect(documentPageUrl('c/d', 9)).toBe('documents/c/d/#page-9');
    expect(pageAnchor(1)).toBe('page-1');
    expect(pageImagePath('c/d', 3)).toBe('documents/c/d/pages/3.webp');
    expect(thumbnailPath('c/d')).toBe('documents/c/d/thumb.webp');
    expect(downloadPath('c/d', 'pdf')).toBe('documents/c/d/d.pdf');
  });

  it('links relatively between any two pages', () => {
    expect(relativeUrl('', 'documents/c/d/')).toBe('documents/c/d/');
    expect(relativeUrl(storyPath('s'), 'documents/c/d/#page-2')).toBe('../../documents/c/d/#page-2');
    expect(relativeUrl('documents/c/d/', '')).toBe('../../../');
    expect(relativeUrl('', '')).toBe('./');
    expect(relativeUrl('', '#top')).toBe('./#top');
    expect(relativeUrl('search/', 'pagefind/')).toBe('../pagefind/');
  });

  it('names index.html in links between pages, so a copy opened from disk works', () => {
    expect(pageLink('', 'documents/c/d/')).toBe('documents/c/d/index.html');
    expect(pageLink(storyPath('s'), 'documents/c/d/#page-2')).toBe('../../documents/c/d/index.html#page-2');
    expect(pageLink('documents/c/d/', '')).toBe('../../../index.html');
    expect(pageLink('', '')).toBe('index.html');
  });
});
