/**
 * Fonts keep what drawing and copying their text need: widths, encoding,
 * descriptor, the embedded program, the ToUnicode map. Metadata on any of
 * them, and every other key, is dropped. CMaps (ToUnicode, embedded
 * encodings) are rewritten from their tokens, without comments; Type 3
 * glyphs are content streams and are rewritten like a page.
 *
 * The font programs themselves are copied as they are (decompressed and
 * compressed anew): their own name tables and unused glyphs are not cleaned.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, type PDFObject } from '@cantoo/pdf-lib';
import { plainKeys, type Cleaner, type KeySpec } from './cleaner-types.ts';
import { ContentSyntaxError, parsePostScript } from './content-lexer.ts';
import { writeContent } from './content-writer.ts';
import { EVERYWHERE } from './geometry.ts';
import { dictOf, nameOf, resolve } from './pdf-values.ts';
import { newStream, plainData, UnsafeContentError } from './stream-data.ts';

export async function cleanFont(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  return c.once('font', value, async (font) => {
    const dict = dictOf(c.src, font);
    if (!dict) return undefined;
    const subtype = nameOf(c.src, dict.get(PDFName.of('Subtype')));
    const common: KeySpec = {
      ...plainKeys('Type', 'Subtype', 'BaseFont', 'FirstChar', 'LastChar', 'Widths'),
      FontDescriptor: (v) => descriptor(c, v),
      ToUnicode: (v) => cmap(c, v, 'the ToUnicode map of a font'),
      Encoding: (v) => encoding(c, v),
    };
    if (subtype === 'Type0') {
      return c.pick(dict, { ...common, DescendantFonts: (v) => descendants(c, v) }, 'a font');
    }
    if (subtype === 'Type3') {
      const out = await c.pick(
        dict,
        { ...common, ...plainKeys('FontBBox', 'FontMatrix'), CharProcs: async () => undefined, Resources: async () => undefined },
        'a Type 3 font',
      );
      await type3Glyphs(c, dict, out);
      return out;
    }
    return c.pick(dict, common, 'a font');
  });
}

async function descendants(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  const list = resolve(c.src, value);
  if (!(list instanceof PDFArray) || list.size() !== 1) return undefined;
  const cid = await c.once('cidfont', list.get(0), async (font) => {
    const dict = dictOf(c.src, font);
    if (!dict) return undefined;
    return c.pick(
      dict,
      {
        ...plainKeys('Type', 'Subtype', 'BaseFont', 'DW', 'W', 'DW2', 'W2'),
        CIDSystemInfo: async (v) => {
          const info = dictOf(c.src, v);
          return info && c.pick(info, plainKeys('Registry', 'Ordering', 'Supplement'), 'a font');
        },
        FontDescriptor: (v) => descriptor(c, v),
        CIDToGIDMap: (v) => (resolve(c.src, v) instanceof PDFName ? Promise.resolve(resolve(c.src, v)) : dataStream(c, v, 'cidmap', {})),
      },
      'a font',
    );
  });
  return cid && c.out.obj([cid]);
}

async function descriptor(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  return c.once('descriptor', value, async (d) => {
    const dict = dictOf(c.src, d);
    if (!dict) return undefined;
    return c.pick(
      dict,
      {
        ...plainKeys(
          'Type',
          'FontName',
          'FontFamily',
          'FontStretch',
          'FontWeight',
          'Flags',
          'FontBBox',
          'ItalicAngle',
          'Ascent',
          'Descent',
          'Leading',
          'CapHeight',
          'XHeight',
          'StemV',
          'StemH',
          'AvgWidth',
          'MaxWidth',
          'MissingWidth',
          'CharSet',
          'Lang',
        ),
        FontFile: (v) => dataStream(c, v, 'fontfile', plainKeys('Length1', 'Length2', 'Length3')),
        FontFile2: (v) => dataStream(c, v, 'fontfile', plainKeys('Length1')),
        FontFile3: (v) => dataStream(c, v, 'fontfile', plainKeys('Subtype')),
        CIDSet: (v) => dataStream(c, v, 'cidset', {}),
        Style: async (v) => {
          const style = dictOf(c.src, v);
          return style && c.pick(style, plainKeys('Panose'), 'a font');
        },
        FD: async () => undefined,
      },
      'a font descriptor',
    );
  });
}

/** A stream of data kept as it is once decoded (font programs, maps), with only `keys` of its dictionary. */
async function dataStream(c: Cleaner, value: PDFObject, kind: string, keys: KeySpec): Promise<PDFObject | undefined> {
  return c.once(kind, value, async (stream) => {
    if (!(stream instanceof PDFRawStream)) return undefined;
    const dict = await c.pick(stream.dict, keys, 'an embedded font');
    return newStream(dict, plainData(stream, 'an embedded font'));
  });
}

async function encoding(c: Cleaner, value: PDFObject): Promise<PDFObject | undefined> {
  const v = resolve(c.src, value);
  if (v instanceof PDFName) return v;
  if (v instanceof PDFRawStream) return cmap(c, value, 'the encoding of a font');
  if (!(v instanceof PDFDict)) return undefined;
  return c.pick(v, plainKeys('Type', 'BaseEncoding', 'Differences'), 'the encoding of a font');
}

/** A CMap rewritten from its tokens: its mappings stay, its comments go. */
async function cmap(c: Cleaner, value: PDFObject, what: string): Promise<PDFObject | undefined> {
  const v = resolve(c.src, value);
  if (v instanceof PDFName) return v;
  return c.once('cmap', value, async (stream) => {
    if (!(stream instanceof PDFRawStream)) return undefined;
    const dict = await c.pick(
      stream.dict,
      {
        ...plainKeys('Type', 'CMapName', 'WMode'),
        CIDSystemInfo: async (i) => {
          const info = dictOf(c.src, i);
          return info && c.pick(info, plainKeys('Registry', 'Ordering', 'Supplement'), what);
        },
        UseCMap: (u) => cmap(c, u, what),
      },
      what,
    );
    const data = plainData(stream, what);
    try {
      const parsed = parsePostScript(data);
      if (parsed.comments.length > 0) c.report('content-comments', `${parsed.comments.length} comment${parsed.comments.length > 1 ? 's' : ''} in ${what}`);
      return newStream(dict, writeContent(parsed.operations));
    } catch (e) {
      if (e instanceof ContentSyntaxError) throw new UnsafeContentError(`${what} could not be read: ${e.message}`);
      throw e;
    }
  });
}

/** Each glyph procedure rewritten like a page; their resources merged into the font's one dictionary. */
async function type3Glyphs(c: Cleaner, font: PDFDict, out: PDFDict): Promise<void> {
  const procs = dictOf(c.src, font.get(PDFName.of('CharProcs')));
  if (!procs) throw new UnsafeContentError('a Type 3 font has no glyphs');
  const resources = dictOf(c.src, font.get(PDFName.of('Resources')));
  const glyphs = c.out.obj({}) as PDFDict;
  const merged = c.out.obj({}) as PDFDict;
  for (const [name, proc] of procs.entries()) {
    const stream = resolve(c.src, proc);
    if (!(stream instanceof PDFRawStream)) continue;
    const what = `glyph /${name.decodeText()} of a Type 3 font`;
    const glyph = await c.content(plainData(stream, what), resources, EVERYWHERE, what);
    glyphs.set(name, c.register(newStream(c.out.obj({}) as PDFDict, glyph.data)));
    for (const [category, entries] of glyph.resources.entries()) {
      const into = (merged.get(category) as PDFDict | undefined) ?? (c.out.obj({}) as PDFDict);
      merged.set(category, into);
      if (entries instanceof PDFDict) for (const [k, v] of entries.entries()) into.set(k, v);
    }
  }
  out.set(PDFName.of('CharProcs'), glyphs);
  out.set(PDFName.of('Resources'), merged);
}
