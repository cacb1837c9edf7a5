/**
 * `page-private-data`: entries of a page or of what it draws that a viewer
 * does not need: application data (`/PieceInfo`), associated files
 * (`/AF`), thumbnails, reference XObjects pointing at other files, and
 * keys PDF does not define. Removed by construction: the download keeps
 * only the entries each kind of object needs to be drawn.
 */
import type { Rule } from '../types.ts';

export const pagePrivateData: Rule = {
  id: 'page-private-data',
  severity: 'removed',
  title: 'private data on a page or its resources: application data (PieceInfo), associated files (AF), thumbnails, unknown keys',
  fix: 'nothing to do: the download keeps only what drawing the page needs',
  input: 'rebuild',
};
