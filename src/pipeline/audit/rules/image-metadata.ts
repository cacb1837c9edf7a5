/**
 * `image-metadata`: EXIF (camera, serial number, dates, software), XMP,
 * IPTC and maker notes in an image file. Removed by construction: images
 * are re-encoded without any metadata.
 */
import type { Finding, Rule } from '../types.ts';
import { clip } from './text-under-box.ts';

const TELLING = ['Make', 'Model', 'BodySerialNumber', 'SerialNumber', 'LensSerialNumber', 'DateTimeOriginal', 'Software', 'Artist', 'OwnerName', 'CameraOwnerName', 'HostComputer'];

export const imageMetadata: Rule = {
  id: 'image-metadata',
  severity: 'removed',
  title: 'the image carries metadata: EXIF, XMP, IPTC or maker notes',
  fix: 'nothing to do: the published image is re-encoded without metadata',
  input: 'image',
  check(meta) {
    const parts: string[] = [];
    if (meta.exif && Object.keys(meta.exif).length > 0) {
      const told = TELLING.filter((k) => meta.exif?.[k] !== undefined).map((k) => `${k}: ${clip(String(meta.exif?.[k]), 40)}`);
      parts.push(`EXIF (${Object.keys(meta.exif).length} tags${told.length ? `; ${told.join('; ')}` : ''})`);
    }
    if (meta.makerNote) parts.push('maker notes');
    if (meta.xmp) parts.push('XMP');
    if (meta.iptc && Object.keys(meta.iptc).length > 0) parts.push(`IPTC (${Object.keys(meta.iptc).join(', ')})`);
    return parts.length > 0 ? [{ rule: 'image-metadata', page: 1, evidence: parts.join(', ') } satisfies Finding] : [];
  },
};
