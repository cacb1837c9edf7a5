/**
 * `page-metadata`: metadata inside a PDF page: EXIF (camera, dates, GPS),
 * XMP, IPTC, comments and colour profiles inside its photos, and XMP
 * (`/Metadata`) on its images, soft masks, forms, patterns or fonts.
 * Removed by construction: the download's pages are rebuilt without them
 * (sanitize/). Found by the rebuild, not checked here.
 */
import type { Rule } from '../types.ts';

export const pageMetadata: Rule = {
  id: 'page-metadata',
  severity: 'removed',
  title: 'metadata inside a page: EXIF, GPS, XMP or comments in its photos, XMP on its images, masks, forms, patterns or fonts',
  fix: 'nothing to do: the download is rebuilt without it. Check that the pictures themselves do not show the same thing',
  input: 'rebuild',
};
