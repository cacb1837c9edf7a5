/**
 * `transparent-colour`: colour under fully transparent pixels. An image
 * "erased" by setting its alpha (or its PDF soft mask) to zero still holds
 * the erased picture in its colour channels; any tool that ignores the
 * transparency shows it. Removed by construction: the download's images
 * have that colour cleared (PNG, TIFF and WebP documents, and images with
 * a mask inside PDF pages).
 */
import type { Rule } from '../types.ts';

export const transparentColour: Rule = {
  id: 'transparent-colour',
  severity: 'removed',
  title: 'colour kept under fully transparent pixels (an "erased" part of a picture)',
  fix: 'nothing to do: the download is rebuilt with that colour cleared. Check that what is visible is what you meant to publish',
  input: 'rebuild',
};
