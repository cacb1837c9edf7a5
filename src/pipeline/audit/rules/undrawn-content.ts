/**
 * `undrawn-content`: what a page carries but never shows: images, forms,
 * fonts and shadings it lists but never draws, or draws only outside the
 * visible page, fully clipped or fully transparent; text outside the
 * visible page; the part of the page outside its crop box. Removed by
 * construction: the download keeps only what is drawn where it can be seen.
 */
import type { Rule } from '../types.ts';

export const undrawnContent: Rule = {
  id: 'undrawn-content',
  severity: 'removed',
  title: 'content a page carries but never shows: unused images, fonts or forms, content outside the visible page or fully transparent',
  fix: 'nothing to do: the download is rebuilt without it. If it should be published, put it on a page where it is seen',
  input: 'rebuild',
};
