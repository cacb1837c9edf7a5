/**
 * The metadata an image file carries (EXIF, GPS, XMP, IPTC, maker notes,
 * colour profile, PNG text chunks), read for the audit: the published
 * images carry none of it.
 */
import sharp, { type Metadata } from 'sharp';
import exifr from 'exifr';
import type { ImageMetadataInput } from '../audit/types.ts';

/** What exifr reads (only the parts the audit uses). */
type Parsed = Record<string, Record<string, unknown> | string | undefined> | undefined;

const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  icc: false,
  makerNote: true,
  mergeOutput: false,
  translateValues: false,
};

/**
 * What the source file carries, for the audit (the output carries none of
 * it). Whether there is metadata at all comes from sharp, which reads it
 * the same way for every format Trove accepts (exifr reads JPEG and TIFF
 * well but PNG and WebP poorly or not at all). The details (which tags,
 * where the GPS points) come from exifr, given the EXIF block sharp found,
 * or the file itself for what sharp only hands over raw (IPTC in JPEG).
 */
export async function readMetadata(file: string): Promise<ImageMetadataInput> {
  let found: Metadata;
  try {
    found = await sharp(file).metadata();
  } catch {
    // The image was just processed; if its metadata cannot be read now, there is nothing more to say.
    return {};
  }
  const block = found.exif ? exifBlock(found.exif) : undefined;
  const fromBlock = block ? await parse(block) : undefined;
  const fromFile = await parse(file);
  const all = fromBlock ?? fromFile;
  const part = (p: Parsed, key: string) => (p?.[key] && typeof p[key] === 'object' ? (p[key] as Record<string, unknown>) : undefined);
  const exif = { ...(part(all, 'ifd0') ?? {}), ...(part(all, 'exif') ?? {}) };
  const gps = part(all, 'gps');
  const position = gps ? await exifr.gps((block ?? file) as never).catch(() => undefined) : undefined;
  const iptc = part(fromFile, 'iptc') ?? part(fromBlock, 'iptc');
  return {
    exif: Object.keys(exif).length > 0 ? exif : undefined,
    exifBytes: found.exif?.length,
    gps: gps && Object.keys(gps).length > 0 ? { ...gps, ...(position ?? {}) } : undefined,
    xmp: Boolean(found.xmp?.length) || all?.xmp !== undefined,
    iptc: iptc && Object.keys(iptc).length > 0 ? iptc : undefined,
    iptcBytes: found.iptc?.length,
    makerNote: all?.makerNote !== undefined || exif.MakerNote !== undefined,
    icc: Boolean(found.icc?.length),
    textChunks: found.comments?.map((c) => c.keyword),
  };
}

/** The TIFF structure inside an EXIF block: WebP and JPEG put `Exif\0\0` before it, PNG does not. */
function exifBlock(exif: Buffer): Buffer {
  return exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
}

async function parse(input: string | Buffer): Promise<Parsed> {
  try {
    return ((await exifr.parse(input, EXIFR_OPTIONS)) as Parsed) ?? undefined;
  } catch {
    // exifr does not know the format ("Unknown file format") or the block is damaged: sharp still said what is there.
    return undefined;
  }
}
