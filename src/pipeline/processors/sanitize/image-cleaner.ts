/**
 * Images inside pages, as the download carries them:
 * - JPEG (DCT) keeps its compressed picture but loses every segment
 *   decoding does not need (EXIF, GPS, XMP, IPTC, comments, profiles);
 * - uncompressed or Flate/LZW/… samples are cut to exactly the image
 *   (bytes after it can hide anything) and compressed anew;
 * - where a soft mask, a stencil mask or a colour key makes a pixel fully
 *   transparent, its colour is cleared (an "erased" picture is still in
 *   the colour channels otherwise); a JPEG with such pixels becomes
 *   lossless Flate samples;
 * - JPEG 2000 loses its metadata boxes and comments, JBIG2 its comment
 *   and extension segments; CCITT is kept as it is;
 * - what cannot be rewritten safely (JPEG 2000 with its own transparency,
 *   an unknown codec) throws UnsafeContentError: its page is published as
 *   an image.
 * Masks are cleaned as images of their own.
 */
import { PDFArray, PDFName, PDFRawStream, type PDFDict, type PDFObject } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { plainKeys, type Cleaner, type KeySpec } from './cleaner-types.ts';
import { cleanColorSpace, componentsOf } from './graphics-cleaners.ts';
import { cleanJbig2 } from './jbig2-segments.ts';
import { JpegSyntaxError, stripJpeg } from './jpeg-segments.ts';
import { cleanJpx } from './jpx-boxes.ts';
import { boolOf, numberOf, numbersOf, plainCopy, resolve } from './pdf-values.ts';
import { clearHidden, fitToImage, isExactlyTheImage, keyedPixels, rowBytes, transparentPixels, undoPredictor, type SampleLayout } from './raw-samples.ts';
import { decodeStream, newStream, plainData, UnsafeContentError, type DecodedStream } from './stream-data.ts';

interface HiddenPixels {
  hidden: Uint8Array;
  width: number;
  height: number;
  /** The sample value cleared pixels get, per component. */
  fill: (component: number) => number;
}

const CCITT_KEYS = plainKeys('K', 'EndOfLine', 'EncodedByteAlign', 'Columns', 'Rows', 'EndOfBlock', 'BlackIs1', 'DamagedRowsBeforeError');

export async function cleanImage(c: Cleaner, value: PDFObject, what: string): Promise<PDFObject | undefined> {
  return c.once('image', value, async (image) => {
    if (!(image instanceof PDFRawStream)) return undefined;
    const dict = image.dict;
    const stencil = boolOf(c.src, dict.get(PDFName.of('ImageMask'))) === true;
    const width = numberOf(c.src, dict.get(PDFName.of('Width')));
    const height = numberOf(c.src, dict.get(PDFName.of('Height')));
    if (!width || !height || width < 1 || height < 1) return undefined;
    const components = stencil ? 1 : componentsOf(c, dict.get(PDFName.of('ColorSpace')));
    const bits = stencil ? 1 : (numberOf(c.src, dict.get(PDFName.of('BitsPerComponent'))) ?? 8);
    // How many bytes the samples take (one more a row for a PNG predictor) sizes the decoding.
    const expected = components === undefined ? undefined : (rowBytes({ width, height, components, bitsPerComponent: bits }) + 1) * height;
    const decoded = decodeStream(image, expected);
    if (decoded.codec === 'JPXDecode' && (numberOf(c.src, dict.get(PDFName.of('SMaskInData'))) ?? 0) > 0) {
      throw new UnsafeContentError(`${what} is JPEG 2000 with its own transparency, whose hidden colour cannot be cleared here`);
    }
    const codecOnly = decoded.codec === 'JPXDecode' && components === undefined;
    if (components === undefined && !codecOnly) throw new UnsafeContentError(`${what} has a colour space whose components are not known`);
    const layout: SampleLayout = { width, height, components: components ?? 3, bitsPerComponent: bits };

    const keys: KeySpec = {
      ...plainKeys('Type', 'Subtype', 'Width', 'Height', 'BitsPerComponent', 'Decode', 'Interpolate', 'ImageMask', 'Intent', 'Matte'),
      ColorSpace: (v) => cleanColorSpace(c, v),
      SMask: (v) => c.image(v, `the soft mask of ${what}`),
      Mask: (v) => (resolve(c.src, v) instanceof PDFArray ? Promise.resolve(plainCopy(c.src, c.out, v)) : c.image(v, `the mask of ${what}`)),
    };
    const out = await c.pick(dict, keys, what);
    const hidden = stencil ? undefined : await hiddenPixels(c, dict, what);
    const keyed = keyRanges(c, dict);
    const samples = await samplesOf(decoded, layout, hidden !== undefined || keyed !== undefined, what);
    if (samples) {
      const masks = [hidden, keyed && { hidden: keyedPixels(samples, layout, keyed), width, height, fill: (i: number) => keyed[2 * i]! }];
      let cleared = 0;
      for (const mask of masks) if (mask) cleared += clearHidden(samples, layout, mask, mask.fill);
      if (cleared > 0) c.report('transparent-colour', `${what}: ${cleared.toLocaleString('en')} fully transparent pixel${cleared > 1 ? 's' : ''} had colour`);
      if (decoded.codec === 'DCTDecode') out.set(PDFName.of('BitsPerComponent'), c.out.obj(8));
      const predictor = predictorOf(decoded.parms, layout);
      if (cleared === 0 && decoded.wholeFlate && isExactlyTheImage(decoded.data, layout, predictor)) {
        // Nothing was hidden in or after the samples: the stored stream is kept, not compressed again.
        const parms =
          predictor.predictor > 1
            ? (c.out.obj({
                Predictor: predictor.predictor,
                Colors: predictor.colors,
                BitsPerComponent: predictor.bitsPerComponent,
                Columns: predictor.columns,
              }) as PDFDict)
            : undefined;
        return newStream(out, decoded.wholeFlate, { name: 'FlateDecode', parms });
      }
      return newStream(out, samples);
    }
    return codecStream(c, decoded, out, what);
  });
}

/** The image's samples, when they are plain or must be made plain to clear colour under a mask; undefined to keep its codec. */
async function samplesOf(decoded: DecodedStream, layout: SampleLayout, masked: boolean, what: string): Promise<Uint8Array | undefined> {
  if (!decoded.codec) return fitToImage(undoPredictor(decoded.data, predictorOf(decoded.parms, layout)), layout);
  if (!masked) return undefined;
  if (decoded.codec !== 'DCTDecode' || (layout.components !== 1 && layout.components !== 3) || decoded.parms?.get(PDFName.of('ColorTransform')) !== undefined) {
    throw new UnsafeContentError(`${what} has transparent pixels and is compressed with ${decoded.codec}, which cannot be rewritten here`);
  }
  const raw = await decodeJpeg(decoded.data, layout.components);
  return fitToImage(raw, { ...layout, bitsPerComponent: 8 });
}

async function codecStream(c: Cleaner, decoded: DecodedStream, out: PDFDict, what: string): Promise<PDFObject> {
  const { codec, data, parms } = decoded;
  if (codec === 'DCTDecode') {
    let stripped;
    try {
      stripped = stripJpeg(data);
    } catch (e) {
      if (e instanceof JpegSyntaxError) throw new UnsafeContentError(`${what} is a JPEG that could not be read: ${e.message}`);
      throw e;
    }
    if (stripped.removed.length > 0) c.report('page-metadata', `${what} (JPEG): ${stripped.removed.join(', ')}`);
    // ColorTransform says whether the colours are stored transformed: decoding needs it as it was.
    const p = parms ? await c.pick(parms, { ColorTransform: 'plain' }, what) : undefined;
    return newStream(out, stripped.data, { name: 'DCTDecode', parms: p?.entries().length ? p : undefined });
  }
  if (codec === 'JPXDecode') {
    const cleaned = cleanJpx(data);
    if (cleaned.removed.length > 0) c.report('page-metadata', `${what} (JPEG 2000): ${cleaned.removed.join(', ')}`);
    return newStream(out, cleaned.data, { name: 'JPXDecode' });
  }
  if (codec === 'CCITTFaxDecode') {
    const p = parms ? await c.pick(parms, CCITT_KEYS, what) : undefined;
    return newStream(out, data, { name: 'CCITTFaxDecode', parms: p });
  }
  if (codec === 'JBIG2Decode') {
    const cleaned = cleanJbig2(data);
    if (cleaned.removed > 0) c.report('page-metadata', `${what} (JBIG2): ${cleaned.removed} comment or extension segment${cleaned.removed > 1 ? 's' : ''}`);
    const globals = parms?.get(PDFName.of('JBIG2Globals'));
    let p: PDFDict | undefined;
    if (globals) {
      const ref = await c.once('jbig2globals', globals, async (g) => {
        if (!(g instanceof PDFRawStream)) return undefined;
        return newStream(c.out.obj({}) as PDFDict, cleanJbig2(plainData(g, `the JBIG2 globals of ${what}`)).data);
      });
      if (!ref) throw new UnsafeContentError(`the JBIG2 globals of ${what} could not be read`);
      p = c.out.obj({ JBIG2Globals: ref }) as PDFDict;
    }
    return newStream(out, cleaned.data, { name: 'JBIG2Decode', parms: p });
  }
  throw new UnsafeContentError(`${what} is compressed with ${codec}`);
}

function predictorOf(parms: PDFDict | undefined, layout: SampleLayout) {
  const n = (key: string) => (parms ? numberOf(parms.context, parms.get(PDFName.of(key))) : undefined);
  return { predictor: n('Predictor') ?? 1, colors: n('Colors') ?? 1, bitsPerComponent: n('BitsPerComponent') ?? 8, columns: n('Columns') ?? layout.width };
}

function keyRanges(c: Cleaner, dict: PDFDict): number[] | undefined {
  const ranges = numbersOf(c.src, dict.get(PDFName.of('Mask')));
  return ranges && ranges.length >= 2 ? ranges : undefined;
}

/** The pixels a soft mask or a stencil mask hides entirely; undefined when it hides none. */
async function hiddenPixels(c: Cleaner, dict: PDFDict, what: string): Promise<HiddenPixels | undefined> {
  const smask = resolve(c.src, dict.get(PDFName.of('SMask')));
  const mask = resolve(c.src, dict.get(PDFName.of('Mask')));
  const stream = smask instanceof PDFRawStream ? smask : mask instanceof PDFRawStream ? mask : undefined;
  if (!stream) return undefined;
  const soft = stream === smask;
  const m = stream.dict;
  const width = numberOf(c.src, m.get(PDFName.of('Width')));
  const height = numberOf(c.src, m.get(PDFName.of('Height')));
  if (!width || !height) return undefined;
  const bits = soft ? (numberOf(c.src, m.get(PDFName.of('BitsPerComponent'))) ?? 8) : 1;
  const decode = (numbersOf(c.src, m.get(PDFName.of('Decode'))) ?? [0, 1]) as [number, number];
  const layout = { width, height, components: 1, bitsPerComponent: bits };
  const decoded = decodeStream(stream, (rowBytes(layout) + 1) * height);
  let samples: Uint8Array;
  if (!decoded.codec) samples = fitToImage(undoPredictor(decoded.data, predictorOf(decoded.parms, layout)), layout);
  else if (decoded.codec === 'DCTDecode' && soft) samples = fitToImage(await decodeJpeg(decoded.data, 1), { ...layout, bitsPerComponent: 8 });
  else throw new UnsafeContentError(`the mask of ${what} is compressed with ${decoded.codec}: which pixels it hides cannot be told here`);
  const hidden = transparentPixels(samples, decoded.codec ? { ...layout, bitsPerComponent: 8 } : layout, decode, !soft);
  return hidden && { hidden, width, height, fill: () => 0 };
}

async function decodeJpeg(data: Uint8Array, components: number): Promise<Uint8Array> {
  try {
    const image = sharp(data, { failOn: 'none', limitInputPixels: 400_000_000 });
    const { data: raw, info } = await (components === 1 ? image.toColourspace('b-w') : image.toColourspace('srgb')).raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== components) throw new Error(`${info.channels} channels decoded, ${components} expected`);
    return new Uint8Array(raw);
  } catch (e) {
    throw new UnsafeContentError(`a JPEG could not be decoded: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
}
