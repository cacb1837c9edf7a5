/**
 * PDFs whose pages carry data a reader never sees, made with pdf-lib (and
 * sharp for the pictures): metadata inside a photo, metadata streams on
 * images, masks, forms and patterns, private page keys, replacement text,
 * comments in the drawing, unused images, an "erased" picture under a
 * transparent mask, content outside the crop box. Each hides one of the
 * words of `HIDDEN` so a test can search the download for it.
 */
import { PDFDocument, PDFName, PDFRawStream, PDFString, StandardFonts, type PDFDict, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Words hidden in the files; none of them is ever shown on a page. */
export const HIDDEN = {
  exifArtist: 'Secret Photographer',
  xmp: 'Codename Nightjar',
  jpegComment: 'Jane Roe took this',
  imageMetadata: 'Nightingale',
  maskMetadata: 'Kestrel',
  patternMetadata: 'Merlin',
  formMetadata: 'Peregrine',
  pieceInfo: 'Harrier',
  attachment: 'Osprey dossier',
  actualText: 'Jane Roe',
  contentComment: 'Informant Jane Roe',
  outsideText: 'Goshawk Roe',
};
/** What the pages show. */
export const SHOWN = 'Parking permits are renewed in May.';

const xmp = (word: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${word}</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** A 64×48 JPEG photo with EXIF (Artist, GPS), XMP and a JPEG comment. */
export async function photoWithMetadata(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3060a0' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TroveTestCam', Artist: HIDDEN.exifArtist },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 28/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 53/1 0/1' },
    })
    .withXmp(xmp(HIDDEN.xmp))
    .toBuffer();
  const text = Buffer.from(HIDDEN.jpegComment, 'latin1');
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]), text]);
  return Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
}

async function page(size: [number, number] = [612, 792]): Promise<{ doc: PDFDocument; page: PDFPage }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const p = doc.addPage(size);
  p.drawText(SHOWN, { x: 72, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return { doc, page: p };
}

function metadataStream(doc: PDFDocument, word: string): PDFRef {
  return doc.context.register(doc.context.stream(xmp(word), { Type: 'Metadata', Subtype: 'XML' }));
}

/** Appends raw drawing instructions to the page (after pdf-lib's own). */
function draw(doc: PDFDocument, p: PDFPage, content: string | Buffer): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
  const stream = doc.context.register(PDFRawStream.of(doc.context.obj({}) as PDFDict, new Uint8Array(data)));
  const contents = p.node.Contents();
  const list = doc.context.obj([]) as import('@cantoo/pdf-lib').PDFArray;
  if (contents instanceof PDFRawStream || contents === undefined) {
    const existing = p.node.get(PDFName.of('Contents'));
    if (existing) list.push(existing);
  } else for (const item of (contents as import('@cantoo/pdf-lib').PDFArray).asArray()) list.push(item);
  list.push(stream);
  p.node.set(PDFName.of('Contents'), list);
}

function addResource(p: PDFPage, category: string, name: string, value: PDFRef): void {
  const resources = p.node.Resources()!;
  let dict = resources.lookup(PDFName.of(category)) as PDFDict | undefined;
  if (!dict) {
    dict = p.doc.context.obj({}) as PDFDict;
    resources.set(PDFName.of(category), dict);
  }
  dict.set(PDFName.of(name), value);
}

/** The photo of `photoWithMetadata`, drawn on the page. */
export async function photoOnPage(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  const image = await doc.embedJpg(await photoWithMetadata());
  p.drawImage(image, { x: 72, y: 400, width: 256, height: 192 });
  return doc.save();
}

/** A 32×32 RGB image whose right half is a red "picture" hidden by a soft mask of zeros there. */
function erasedImage(doc: PDFDocument, withMetadata: boolean): PDFRef {
  const size = 32;
  const rgb = Buffer.alloc(size * size * 3);
  const alpha = Buffer.alloc(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const erased = x >= size / 2;
      rgb.set(erased ? [220, 20, 60] : [40, 120, 40], i * 3);
      alpha[i] = erased ? 0 : 255;
    }
  }
  const ctx = doc.context;
  const smask = ctx.register(
    PDFRawStream.of(
      ctx.obj({
        Type: 'XObject',
        Subtype: 'Image',
        Width: size,
        Height: size,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
        Filter: 'FlateDecode',
        ...(withMetadata ? { Metadata: metadataStream(doc, HIDDEN.maskMetadata) } : {}),
      }) as PDFDict,
      new Uint8Array(deflateSync(alpha)),
    ),
  );
  return ctx.register(
    PDFRawStream.of(
      ctx.obj({
        Type: 'XObject',
        Subtype: 'Image',
        Width: size,
        Height: size,
        ColorSpace: 'DeviceRGB',
        BitsPerComponent: 8,
        Filter: 'FlateDecode',
        SMask: smask,
        ...(withMetadata ? { Metadata: metadataStream(doc, HIDDEN.imageMetadata) } : {}),
      }) as PDFDict,
      new Uint8Array(deflateSync(rgb)),
    ),
  );
}

/** An image whose soft mask makes half of it fully transparent; the colour there is a red picture. */
export async function erasedPictureOnPage(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  addResource(p, 'XObject', 'Erased', erasedImage(doc, false));
  draw(doc, p, 'q 200 0 0 200 72 300 cm /Erased Do Q');
  return doc.save();
}

/** XMP on an image, on its soft mask, on a tiling pattern and on a form, all drawn. */
export async function metadataOnPageObjects(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  const ctx = doc.context;
  addResource(p, 'XObject', 'Im1', erasedImage(doc, true));
  const pattern = ctx.register(
    ctx.stream('0 0 1 rg 0 0 5 5 re f', {
      Type: 'Pattern',
      PatternType: 1,
      PaintType: 1,
      TilingType: 1,
      BBox: [0, 0, 10, 10],
      XStep: 10,
      YStep: 10,
      Resources: {},
      Metadata: metadataStream(doc, HIDDEN.patternMetadata),
    }),
  );
  addResource(p, 'Pattern', 'P1', pattern);
  const form = ctx.register(
    ctx.stream('1 0 0 rg 0 0 20 20 re f', {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 20, 20],
      Resources: {},
      Metadata: metadataStream(doc, HIDDEN.formMetadata),
    }),
  );
  addResource(p, 'XObject', 'Fm1', form);
  draw(doc, p, 'q 100 0 0 100 72 300 cm /Im1 Do Q /Pattern cs /P1 scn 300 300 100 100 re f q 1 0 0 1 450 300 cm /Fm1 Do Q');
  return doc.save();
}

/** Application data (/PieceInfo) and an associated file (/AF) on the page. */
export async function privatePageKeys(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  const ctx = doc.context;
  p.node.set(
    PDFName.of('PieceInfo'),
    ctx.obj({ Illustrator: { LastModified: PDFString.of('D:20240101'), Private: { Note: PDFString.of(HIDDEN.pieceInfo) } } }),
  );
  const file = ctx.register(ctx.stream(HIDDEN.attachment, { Type: 'EmbeddedFile' }));
  const spec = ctx.register(
    ctx.obj({ Type: 'Filespec', F: PDFString.of('dossier.txt'), UF: PDFString.of('dossier.txt'), EF: { F: file }, AFRelationship: 'Supplement' }),
  );
  p.node.set(PDFName.of('AF'), ctx.obj([spec]));
  return doc.save();
}

/** Replacement text that says something else than what is shown, inline and through a property list. */
export async function actualTextThatDiffers(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  const font = p.node.Resources()!.lookup(PDFName.of('Font')) as PDFDict;
  const fontName = font.keys()[0]!.decodeText();
  addResource(p, 'Properties', 'MC0', doc.context.register(doc.context.obj({ Alt: PDFString.of(`${HIDDEN.actualText} in the alt text`) })));
  draw(doc, p, `/Span <</ActualText (${HIDDEN.actualText})>> BDC BT /${fontName} 12 Tf 72 650 Td (A routine line.) Tj ET EMC /Figure /MC0 BDC EMC`);
  return doc.save();
}

/** A comment with a name in the page's drawing instructions. */
export async function commentInContent(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  draw(doc, p, `% ${HIDDEN.contentComment}\n0 0 1 rg 72 600 50 10 re f % drawn for ${HIDDEN.contentComment}\n`);
  return doc.save();
}

/** A photo listed in the page's resources and never drawn. */
export async function unusedPhoto(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  const image = await doc.embedJpg(
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a02020' } })
      .jpeg()
      .toBuffer(),
  );
  addResource(p, 'XObject', 'Unused', image.ref);
  return doc.save();
}

/**
 * A crop box that shows only the top half of the page; below it, a line of
 * text and a photo that no viewer shows.
 */
export async function contentOutsideCropBox(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  p.setCropBox(0, 396, 612, 396);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  p.drawText(HIDDEN.outsideText, { x: 72, y: 200, size: 12, font });
  p.drawText('Seen at the top.', { x: 72, y: 760, size: 12, font });
  const image = await doc.embedJpg(
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#20a020' } })
      .jpeg()
      .toBuffer(),
  );
  p.drawImage(image, { x: 72, y: 50, width: 100, height: 75 });
  return doc.save();
}

/**
 * A line that starts left of the crop box and runs into it, shown as two
 * strings: the first ("Goshawk Roe") lies wholly outside, the second is
 * seen. The font has its widths, so the second string can stay exactly
 * where it was once the first is gone.
 */
export async function outsideTextOnTheSameLine(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  p.setCropBox(100, 0, 512, 792);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const widths = Array.from({ length: 95 }, (_, i) => font.widthOfTextAtSize(String.fromCharCode(32 + i), 1000));
  const withWidths = doc.context.obj({
    Type: 'Font',
    Subtype: 'Type1',
    BaseFont: 'Helvetica',
    Encoding: 'WinAnsiEncoding',
    FirstChar: 32,
    LastChar: 126,
    Widths: widths,
  });
  addResource(p, 'Font', 'FW', doc.context.register(withWidths));
  draw(doc, p, `BT /FW 12 Tf 0 600 Td (${HIDDEN.outsideText}) Tj ( and the rest of the line is seen.) Tj ET`);
  return doc.save();
}

/** The photo of `photoWithMetadata` as an inline image (BI … ID … EI) in the drawing. */
export async function inlinePhotoOnPage(): Promise<Uint8Array> {
  const { doc, page: p } = await page();
  const jpeg = await photoWithMetadata();
  const head = Buffer.from('q 128 0 0 96 72 400 cm BI /W 64 /H 48 /CS /RGB /BPC 8 /F /DCT ID ', 'latin1');
  draw(doc, p, Buffer.concat([head, jpeg, Buffer.from('\nEI Q\n', 'latin1')]));
  return doc.save();
}

/**
 * A JPEG 2000 image with its own transparency (SMaskInData) and an XML box:
 * the colour under its transparent pixels cannot be cleared without
 * decoding it, so its page must be published as an image.
 */
export async function jpeg2000WithItsOwnTransparency(size?: [number, number]): Promise<Uint8Array> {
  const { doc, page: p } = await page(size);
  // A JP2 signature box then an XML box with a name: enough to be JPEG 2000 with metadata, not a picture.
  const box = (type: string, body: Buffer) =>
    Buffer.concat([Buffer.from([0, 0, (body.length + 8) >> 8, (body.length + 8) & 0xff]), Buffer.from(type, 'latin1'), body]);
  const jp2 = Buffer.concat([box('jP  ', Buffer.from([0x0d, 0x0a, 0x87, 0x0a])), box('xml ', Buffer.from(xmp(HIDDEN.xmp)))]);
  const image = doc.context.register(
    PDFRawStream.of(
      doc.context.obj({
        Type: 'XObject',
        Subtype: 'Image',
        Width: 8,
        Height: 8,
        ColorSpace: 'DeviceRGB',
        BitsPerComponent: 8,
        SMaskInData: 1,
        Filter: 'JPXDecode',
      }) as PDFDict,
      new Uint8Array(jp2),
    ),
  );
  addResource(p, 'XObject', 'Jpx', image);
  draw(doc, p, 'q 80 0 0 80 72 300 cm /Jpx Do Q');
  return doc.save();
}
