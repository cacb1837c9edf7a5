/**
 * `image-gps`: GPS coordinates in an image's EXIF: where the photo was
 * taken. Removed by construction, reported on its own because it is the
 * metadata most likely to identify a source.
 */
import type { Finding, Rule } from '../types.ts';

export const imageGps: Rule = {
  id: 'image-gps',
  severity: 'removed',
  title: 'the image records where it was taken (GPS)',
  fix: 'nothing to do: the published image has no GPS. Check that the picture itself does not show the place',
  input: 'image',
  check(meta) {
    const gps = meta.gps;
    if (!gps || Object.keys(gps).length === 0) return [];
    const lat = gps.latitude;
    const lon = gps.longitude;
    const where = typeof lat === 'number' && typeof lon === 'number' ? `${lat.toFixed(4)}, ${lon.toFixed(4)}` : `${Object.keys(gps).length} GPS tags`;
    return [{ rule: 'image-gps', page: 1, evidence: `GPS position ${where}` } satisfies Finding];
  },
};
