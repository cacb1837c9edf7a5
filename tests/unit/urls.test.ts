import { describe, expect, it } from 'vitest';
import {
  documentPageUrl,
  downloadPath,
  pageAnchor,
  pageImagePath,
  pageLink,
  relativeUrl,
  storyPath,
  thumbnailPath,
} from '../../src/lib/urls.ts';

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
