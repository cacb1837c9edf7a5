/**
 * `image-metadata`: EXIF (camera, serial number, dates, software), XMP,
 * IPTC, maker notes, PNG text chunks and ICC profiles in an image file, in
 * any of the formats Trove accepts (JPEG, PNG, TIFF, WebP, GIF). Removed by
 * construction: images are re-encoded without any metadata.
 */
import type { Finding, Rule } from '../types.ts';
import { clip } from './text-under-box.ts';

const TELLING = [
  'Make',
  'Model',
  'BodySerialNumber',
  'SerialNumber',
  'LensSerialNumber',
  'DateTimeOriginal',
  'Software',
  'Artist',
  'OwnerName',
  'CameraOwnerName',
  'HostComputer',
  'Copyright',
  'ImageDescription',
];

/**
 * Tags that describe the pixels, not the picture or who made it: every TIFF
 * has them in IFD0, and encoders add some to any EXIF block. Not reported.
 */
const STRUCTURE = new Set([
  'NewSubfileType',
  'SubfileType',
  'ImageWidth',
  'ImageHeight',
  'ImageLength',
  'BitsPerSample',
  'Compression',
  'PhotometricInterpretation',
  'Thresholding',
  'CellWidth',
  'CellLength',
  'FillOrder',
  'StripOffsets',
  'Orientation',
  'SamplesPerPixel',
  'RowsPerStrip',
  'StripByteCounts',
  'MinSampleValue',
  'MaxSampleValue',
  'XResolution',
  'YResolution',
  'PlanarConfiguration',
  'ResolutionUnit',
  'PageNumber',
  'Predictor',
  'ColorMap',
  'TileWidth',
  'TileLength',
  'TileOffsets',
  'TileByteCounts',
  'ExtraSamples',
  'SampleFormat',
  'JPEGTables',
  'YCbCrCoefficients',
  'YCbCrSubSampling',
  'YCbCrPositioning',
  'ReferenceBlackWhite',
  'T4Options',
  'T6Options',
  'GrayResponseUnit',
  'GrayResponseCurve',
  'WhitePoint',
  'PrimaryChromaticities',
  'TransferFunction',
  'ExifVersion',
  'FlashpixVersion',
  'ColorSpace',
  'ComponentsConfiguration',
  'ExifImageWidth',
  'ExifImageHeight',
  'PixelXDimension',
  'PixelYDimension',
]);

export const imageMetadata: Rule = {
  id: 'image-metadata',
  severity: 'removed',
  title: 'the image carries metadata: EXIF, XMP, IPTC, maker notes, PNG text or an ICC profile',
  fix: 'nothing to do: the published image is re-encoded without metadata',
  input: 'image',
  check(meta) {
    const parts: string[] = [];
    const tags = Object.keys(meta.exif ?? {}).filter((k) => !STRUCTURE.has(k));
    if (tags.length > 0) {
      const told = TELLING.filter((k) => meta.exif?.[k] !== undefined).map((k) => `${k}: ${clip(String(meta.exif?.[k]), 40)}`);
      parts.push(`EXIF (${tags.length} tags${told.length ? `; ${told.join('; ')}` : ''})`);
    } else if (!meta.exif && meta.exifBytes) {
      parts.push(`EXIF (${meta.exifBytes} bytes, unreadable)`);
    }
    if (meta.makerNote) parts.push('maker notes');
    if (meta.xmp) parts.push('XMP');
    if (meta.iptc && Object.keys(meta.iptc).length > 0) parts.push(`IPTC (${Object.keys(meta.iptc).join(', ')})`);
    else if (meta.iptcBytes) parts.push(`IPTC (${meta.iptcBytes} bytes)`);
    if (meta.textChunks && meta.textChunks.length > 0) parts.push(`PNG text (${clip(meta.textChunks.join(', '), 60)})`);
    if (meta.icc) parts.push('ICC colour profile');
    return parts.length > 0 ? [{ rule: 'image-metadata', page: 1, evidence: parts.join(', ') } satisfies Finding] : [];
  },
};
