/**
 * Cleaners for what pages draw with, other than images and fonts: colour
 * spaces, functions, graphics states (with their soft masks), patterns,
 * shadings, transparency groups and form XObjects. Each keeps only the
 * keys its kind needs to be drawn (the key lists below) and rewrites any
 * stream it has: content streams through the content walker, data streams
 * decoded, cut to the size their kind reads and compressed anew.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, type PDFObject } from '@cantoo/pdf-lib';
import { plainKeys, type Cleaner, type KeySpec } from './cleaner-types.ts';
import { rectOf } from './geometry.ts';
import { dictOf, nameOf, numberOf, numbersOf, plainCopy, resolve } from './pdf-values.ts';
import { cleanCalculator } from './calculator-function.ts';
import { newStream, plainData, UnsafeContentError } from './stream-data.ts';

const COLOR_SPACE_COMPONENTS: Record<string, number> = {
  DeviceGray: 1,
  CalGray: 1,
  G: 1,
  DeviceRGB: 3,
  CalRGB: 3,
  RGB: 3,
  Lab: 3,
  DeviceCMYK: 4,
  CMYK: 4,
  Indexed: 1,
  I: 1,
  Separation: 1,
};

/** How many components a colour of this space has; undefined when it cannot be told. */
export function componentsOf(c: Cleaner, value: PDFObject | undefined): number | undefined {
  const v = resolve(c.src, value);
  if (v instanceof PDFName) return COLOR_SPACE_COMPONENTS[v.decodeText()];
  if (!(v instanceof PDFArray) || v.size() === 0) return undefined;
  const family = nameOf(c.src, v.get(0));
  if (family === 'ICCBased') return numberOf(c.src, dictOf(c.src, v.get(1))?.get(PDFName.of('N')));
  if (family === 'DeviceN') {
    const names = resolve(c.src, v.get(1));
    return names instanceof PDFArray ? names.size() : undefined;
  }
  return family ? COLOR_SPACE_COMPONENTS[family] : undefined;
}

export async function cleanColorSpace(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  const v = resolve(c.src, value);
  if (v instanceof PDFName) return v;
  return c.once('colorspace', value, async (space) => {
    if (!(space instanceof PDFArray) || space.size() === 0) return undefined;
    const family = nameOf(c.src, space.get(0));
    const out = PDFArray.withContext(c.out);
    out.push(PDFName.of(family ?? 'DeviceGray'));
    const push = (item: PDFObject | undefined) => {
      if (item === undefined) throw new UnsafeContentError(`a ${family} colour space could not be cleaned`);
      out.push(item);
    };
    switch (family) {
      case 'ICCBased':
        push(await iccProfile(c, space.get(1)));
        break;
      case 'Indexed':
      case 'I':
        push(await cleanColorSpace(c, space.get(1)));
        push(plainCopy(c.src, c.out, space.get(2)));
        push(await indexedLookup(c, space.get(3), componentsOf(c, space.get(1)), numberOf(c.src, space.get(2))));
        break;
      case 'Separation':
      case 'DeviceN':
        push(plainCopy(c.src, c.out, space.get(1)));
        push(await cleanColorSpace(c, space.get(2)));
        push(await c.func(space.get(3)));
        break;
      case 'CalGray':
      case 'CalRGB':
      case 'Lab': {
        const params = dictOf(c.src, space.get(1));
        if (!params) return undefined;
        push(await c.pick(params, { WhitePoint: 'plain', BlackPoint: 'plain', Gamma: 'plain', Matrix: 'plain', Range: 'plain' }, `a ${family} colour space`));
        break;
      }
      case 'Pattern':
        if (space.size() > 1) push(await cleanColorSpace(c, space.get(1)));
        break;
      default:
        for (let i = 1; i < space.size(); i++) push(plainCopy(c.src, c.out, space.get(i)));
    }
    return out;
  });
}

async function iccProfile(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  return c.once('icc', value, async (stream) => {
    if (!(stream instanceof PDFRawStream)) return undefined;
    const dict = await c.pick(stream.dict, { N: 'plain', Range: 'plain', Alternate: (v) => cleanColorSpace(c, v) }, 'a colour profile');
    return newStream(dict, plainData(stream, 'a colour profile'));
  });
}

async function indexedLookup(c: Cleaner, value: PDFObject, components: number | undefined, hival: number | undefined): Promise<PDFObject | undefined> {
  const v = resolve(c.src, value);
  const size = components !== undefined && hival !== undefined ? (Math.floor(hival) + 1) * components : undefined;
  if (!(v instanceof PDFRawStream)) return plainCopy(c.src, c.out, value);
  return c.once('lookup', value, async () => {
    const data = plainData(v, 'a colour table');
    return newStream(c.out.obj({}) as PDFDict, size !== undefined ? data.subarray(0, size) : data);
  });
}

const FUNCTION_KEYS = plainKeys('FunctionType', 'Domain', 'Range', 'Size', 'BitsPerSample', 'Order', 'Encode', 'Decode', 'C0', 'C1', 'N', 'Bounds');

export async function cleanFunction(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  const v = resolve(c.src, value);
  if (v instanceof PDFName) return v;
  if (v instanceof PDFArray) {
    const out = PDFArray.withContext(c.out);
    for (let i = 0; i < v.size(); i++) {
      const f = await cleanFunction(c, v.get(i));
      if (!f) return undefined;
      out.push(f);
    }
    return out;
  }
  return c.once('function', value, async (fn) => {
    const dict = dictOf(c.src, fn);
    if (!dict) return undefined;
    const type = numberOf(c.src, dict.get(PDFName.of('FunctionType')));
    const keys: KeySpec = { ...FUNCTION_KEYS, ...(type === 3 ? { Functions: (f) => cleanFunction(c, f) } : {}) };
    const out = await c.pick(dict, keys, 'a function');
    if (!(fn instanceof PDFRawStream)) return out;
    const data = plainData(fn, 'a function');
    if (type === 4) return newStream(out, cleanCalculator(data));
    return newStream(out, data.subarray(0, sampledSize(c, dict) ?? data.length));
  });
}

/** Bytes a sampled function (type 0) reads: every sample of every output. */
function sampledSize(c: Cleaner, dict: PDFDict): number | undefined {
  const size = numbersOf(c.src, dict.get(PDFName.of('Size')));
  const range = numbersOf(c.src, dict.get(PDFName.of('Range')));
  const bits = numberOf(c.src, dict.get(PDFName.of('BitsPerSample')));
  if (!size || !range || !bits) return undefined;
  const samples = size.reduce((a, b) => a * b, 1) * (range.length / 2);
  return Math.ceil((samples * bits) / 8);
}

export async function cleanExtGState(c: Cleaner, value: PDFObject, font: (v: PDFObject) => Promise<PDFObject | undefined>): Promise<PDFObject | undefined> {
  return c.once('extgstate', value, async (state) => {
    const dict = dictOf(c.src, state);
    if (!dict) return undefined;
    return c.pick(
      dict,
      {
        ...plainKeys('Type', 'LW', 'LC', 'LJ', 'ML', 'D', 'RI', 'OP', 'op', 'OPM', 'SM', 'SA', 'BM', 'CA', 'ca', 'AIS', 'TK', 'UseBlackPtComp'),
        TR: (v) => cleanFunction(c, v),
        SMask: (v) => softMask(c, v),
        Font: async (v) => {
          const pair = resolve(c.src, v);
          if (!(pair instanceof PDFArray) || pair.size() !== 2) return undefined;
          const f = await font(pair.get(0));
          const size = plainCopy(c.src, c.out, pair.get(1));
          return f && size ? c.out.obj([f, size]) : undefined;
        },
      },
      'a graphics state',
    );
  });
}

async function softMask(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  const v = resolve(c.src, value);
  if (v instanceof PDFName) return v;
  const dict = dictOf(c.src, v);
  if (!dict) return undefined;
  return c.pick(
    dict,
    {
      Type: 'plain',
      S: 'plain',
      BC: 'plain',
      G: (g) => c.form(g, 'the group of a soft mask'),
      TR: (f) => cleanFunction(c, f),
    },
    'a soft mask',
  );
}

export async function cleanGroup(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  const dict = dictOf(c.src, value);
  if (!dict) return undefined;
  return c.pick(dict, { Type: 'plain', S: 'plain', I: 'plain', K: 'plain', CS: (v) => cleanColorSpace(c, v) }, 'a transparency group');
}

const SHADING_KEYS = plainKeys(
  'ShadingType',
  'Background',
  'BBox',
  'AntiAlias',
  'Coords',
  'Domain',
  'Extend',
  'Matrix',
  'BitsPerCoordinate',
  'BitsPerComponent',
  'BitsPerFlag',
  'Decode',
  'VerticesPerRow',
);

export async function cleanShading(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  return c.once('shading', value, async (shading) => {
    const dict = dictOf(c.src, shading);
    if (!dict) return undefined;
    const out = await c.pick(
      dict,
      {
        ...SHADING_KEYS,
        ColorSpace: (v) => cleanColorSpace(c, v),
        Function: (v) => cleanFunction(c, v),
      },
      'a shading',
    );
    if (!(shading instanceof PDFRawStream)) return out;
    return newStream(out, plainData(shading, 'a shading'));
  });
}

export async function cleanPattern(c: Cleaner, value: PDFObject, font: (v: PDFObject) => Promise<PDFObject | undefined>): Promise<PDFObject | undefined> {
  return c.once('pattern', value, async (pattern) => {
    const dict = dictOf(c.src, pattern);
    if (!dict) return undefined;
    if (numberOf(c.src, dict.get(PDFName.of('PatternType'))) === 2) {
      return c.pick(
        dict,
        {
          Type: 'plain',
          PatternType: 'plain',
          Matrix: 'plain',
          Shading: (v) => cleanShading(c, v),
          ExtGState: (v) => cleanExtGState(c, v, font),
        },
        'a shading pattern',
      );
    }
    if (!(pattern instanceof PDFRawStream)) return undefined;
    const bbox = rectOf(numbersOf(c.src, dict.get(PDFName.of('BBox'))));
    if (!bbox) return undefined;
    const out = await c.pick(
      dict,
      {
        Type: 'plain',
        PatternType: 'plain',
        PaintType: 'plain',
        TilingType: 'plain',
        BBox: 'plain',
        XStep: 'plain',
        YStep: 'plain',
        Matrix: 'plain',
        Resources: async () => undefined,
      },
      'a tiling pattern',
    );
    const content = await c.content(plainData(pattern, 'a tiling pattern'), dictOf(c.src, dict.get(PDFName.of('Resources'))), bbox, 'a tiling pattern');
    out.set(PDFName.of('Resources'), content.resources);
    return newStream(out, content.data);
  });
}

/** A form XObject: its drawing rewritten like a page's, within its bounding box. `inherited` is the resources of whoever draws it, for a form that has none of its own. */
export async function cleanForm(c: Cleaner, value: PDFObject, what: string, inherited?: PDFDict): Promise<PDFObject | undefined> {
  const own = dictOf(c.src, value)?.get(PDFName.of('Resources'));
  // A form without resources draws with its caller's: it is cleaned for each caller, not shared.
  const kind = own === undefined && inherited ? '' : 'form';
  return c.once(kind, value, async (form) => {
    if (!(form instanceof PDFRawStream)) return undefined;
    const bbox = rectOf(numbersOf(c.src, form.dict.get(PDFName.of('BBox'))));
    if (!bbox) return undefined;
    const out = await c.pick(
      form.dict,
      {
        Type: 'plain',
        Subtype: 'plain',
        FormType: 'plain',
        BBox: 'plain',
        Matrix: 'plain',
        Group: (v) => cleanGroup(c, v),
        Resources: async () => undefined,
      },
      what,
    );
    const content = await c.content(plainData(form, what), dictOf(c.src, own) ?? inherited, bbox, what);
    out.set(PDFName.of('Resources'), content.resources);
    return newStream(out, content.data);
  });
}
