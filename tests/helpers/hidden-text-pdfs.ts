/**
 * PDFs that hide a name from readers while keeping it in the text, each in
 * a different way, written as raw content streams with pdf-lib: covers drawn
 * by a clipping path, stripes, a thick stroke, a gradient, a labelled box, a
 * noisy image, a font of solid blocks and annotations; and text that is
 * invisible, white on white, too small, or off the visible page. Twins that
 * hide nothing (print a reader sees) make sure the audit stays quiet.
 *
 * Every page: US Letter, "The informant was Jane Roe of Springfield." in
 * Helvetica 12 at (72, 700), the name at `NAME_BOX`.
 */
import { PDFDocument, PDFName, StandardFonts, type PDFPage } from '@cantoo/pdf-lib';
import sharp from 'sharp';

export const NAME = 'Jane Roe';
const LINE_BEFORE = 'The informant was ';
const LINE_AFTER = ' of Springfield.';
const X = 72;
const Y = 700;
const SIZE = 12;

interface Page {
  doc: PDFDocument;
  page: PDFPage;
  font: string;
  /** The name's box in PDF user space: x, y (bottom), width, height. */
  name: { x: number; y: number; width: number; height: number };
  /** Appends raw content-stream operators to the page. */
  draw(ops: string): void;
}

async function start(): Promise<Page> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const font = page.node.newFontDictionary('F', helvetica.ref).asString();
  const before = helvetica.widthOfTextAtSize(LINE_BEFORE, SIZE);
  const width = helvetica.widthOfTextAtSize(NAME, SIZE);
  const draw = (ops: string) => page.node.addContentStream(doc.context.register(doc.context.stream(ops)));
  return { doc, page, font, name: { x: X + before - 1, y: Y - 4, width: width + 2, height: SIZE + 5 }, draw };
}

/** The line of text, drawn normally, with `nameOps` in front of the name's own text operator (render mode, colour, size). */
function line(p: Page, nameOps = '', nameSize = SIZE): string {
  return `BT /${p.font} ${SIZE} Tf ${X} ${Y} Td (${LINE_BEFORE}) Tj ET
q BT /${p.font} ${nameSize} Tf ${nameOps} ${p.name.x + 1} ${Y} Td (${NAME}) Tj ET Q
BT /${p.font} ${SIZE} Tf ${p.name.x + p.name.width - 1} ${Y} Td (${LINE_AFTER}) Tj ET\n`;
}

const rect = (b: Page['name']) => `${b.x} ${b.y} ${b.width} ${b.height} re`;

async function finish(p: Page): Promise<Uint8Array> {
  return p.doc.save();
}

/** A black bar made by filling the whole page through a clipping path the size of the name. */
export async function clippedBar(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p) + `q ${rect(p.name)} W n 0 g 0 0 612 792 re f Q`);
  return finish(p);
}

/** Horizontal black stripes with hairline gaps: no single shape covers a character. */
export async function stripes(): Promise<Uint8Array> {
  const p = await start();
  const { x, y, width, height } = p.name;
  let ops = '0 g ';
  for (let top = y; top < y + height; top += 1.6) ops += `${x} ${top} ${width} 1.4 re f `;
  p.draw(line(p) + ops);
  return finish(p);
}

/** A thick black stroke through the name, like a marker pen. */
export async function markerStroke(): Promise<Uint8Array> {
  const p = await start();
  const { x, y, width, height } = p.name;
  p.draw(line(p) + `q 0 G ${height + 2} w 0 J ${x} ${y + height / 2} m ${x + width} ${y + height / 2} l S Q`);
  return finish(p);
}

/** A dark gradient (an axial shading) painted over the name through a clipping path. */
export async function gradientBar(): Promise<Uint8Array> {
  const p = await start();
  const { x, y, width } = p.name;
  const shading = p.doc.context.obj({
    ShadingType: 2,
    ColorSpace: 'DeviceRGB',
    Coords: [x, y, x + width, y],
    Function: { FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0], C1: [0.25, 0.1, 0.3], N: 1 },
    Extend: [true, true],
  });
  p.page.node.Resources()!.set(PDFName.of('Shading'), p.doc.context.obj({ Sh0: shading }));
  p.draw(line(p) + `q ${rect(p.name)} W n /Sh0 sh Q`);
  return finish(p);
}

/** A black box over the name with a white "(b)(6)" label printed on it. */
export async function labelledBox(): Promise<Uint8Array> {
  const p = await start();
  const { x, y } = p.name;
  p.draw(line(p) + `0 g ${rect(p.name)} f BT 1 g /${p.font} 9 Tf ${x + 12} ${y + 5} Td ((b)(6)) Tj ET`);
  return finish(p);
}

/** A photographed bar: a noisy, nearly black image over the name. */
export async function noisyBarImage(): Promise<Uint8Array> {
  const p = await start();
  const width = 120;
  const height = 30;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = 10 + (seed % 45);
  }
  const png = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  const image = await p.doc.embedPng(png);
  const name = p.page.node.newXObject('Im', image.ref).asString();
  const b = p.name;
  p.draw(line(p) + `q ${b.width} 0 0 ${b.height} ${b.x} ${b.y} cm /${name} Do Q`);
  return finish(p);
}

/** The name drawn in a Type 3 font whose every glyph is a solid block (unicode comes from the glyph names). */
export async function blockFont(): Promise<Uint8Array> {
  const p = await start();
  const { context } = p.doc;
  const names = ['J', 'a', 'n', 'e', 'space', 'R', 'o'];
  const codes = [74, 97, 110, 101, 32, 82, 111];
  const procs = context.obj({});
  for (const n of names) procs.set(PDFName.of(n), context.register(context.stream(n === 'space' ? '600 0 d0' : '600 0 0 -10 600 700 d1 0 -10 600 710 re f')));
  const differences = context.obj(codes.flatMap((c, i) => [context.obj(c), PDFName.of(names[i]!)]));
  const widths = Array.from({ length: 80 }, () => 600);
  const font = context.obj({
    Type: 'Font',
    Subtype: 'Type3',
    FontBBox: [0, -10, 600, 710],
    FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
    CharProcs: procs,
    Encoding: context.obj({ Type: 'Encoding', Differences: differences }),
    FirstChar: 32,
    LastChar: 111,
    Widths: widths,
    Resources: context.obj({}),
  });
  const blocks = p.page.node.newFontDictionary('B', context.register(font)).asString();
  p.draw(`BT /${p.font} ${SIZE} Tf ${X} ${Y} Td (${LINE_BEFORE}) Tj ET BT 0 g /${blocks} ${SIZE} Tf ${p.name.x + 1} ${Y} Td (${NAME}) Tj ET`);
  return finish(p);
}

/** An annotation with an appearance stream that paints a filled black box over the name. */
async function boxAnnotation(subtype: 'Square' | 'Stamp'): Promise<Uint8Array> {
  const p = await start();
  const { context } = p.doc;
  const { x, y, width, height } = p.name;
  p.draw(line(p));
  const appearance = context.register(context.stream(`0 g 0 0 ${width} ${height} re f`, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height] }));
  const annot = context.obj({
    Type: 'Annot',
    Subtype: subtype,
    Rect: [x, y, x + width, y + height],
    ...(subtype === 'Square' ? { IC: [0, 0, 0], C: [0, 0, 0] } : { Name: 'Confidential' }),
    AP: context.obj({ N: appearance }),
  });
  p.page.node.set(PDFName.of('Annots'), context.obj([context.register(annot)]));
  return finish(p);
}

export const squareAnnotation = () => boxAnnotation('Square');
export const stampAnnotation = () => boxAnnotation('Stamp');

/** The name in render mode 3 (invisible), on a blank part of the page. */
export async function invisibleMode(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p, '3 Tr'));
  return finish(p);
}

/** The name in white on the white page. */
export async function whiteOnWhite(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p, '1 g'));
  return finish(p);
}

/** The name at half a point. */
export async function tinyText(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p, '', 0.5));
  return finish(p);
}

/** The name outside the CropBox (inside the MediaBox), and another name outside the MediaBox. */
export async function outsideCropBox(): Promise<Uint8Array> {
  const p = await start();
  p.page.node.set(PDFName.of('CropBox'), p.doc.context.obj([0, 0, 612, 650]));
  p.draw(
    `BT /${p.font} ${SIZE} Tf ${X} 600 Td (A routine memo about parking permits.) Tj ET ` +
      line(p) +
      `BT /${p.font} ${SIZE} Tf 700 300 Td (Operation Nightjar) Tj ET`,
  );
  return finish(p);
}

/** Visible words, with an invisible (render mode 3) name laid over them: copying gives the name, the page shows something else. */
export async function invisibleOverOtherText(): Promise<Uint8Array> {
  const p = await start();
  p.draw(
    `BT /${p.font} ${SIZE} Tf ${X} ${Y} Td (The informant was the defendant of Springfield.) Tj ET BT 3 Tr /${p.font} ${SIZE} Tf ${p.name.x + 1} ${Y} Td (${NAME}) Tj ET`,
  );
  return finish(p);
}

/** Twin: white "(b)(6)" on a black box with nothing under it, and the line in full view. */
export async function labelAlone(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p) + `0 g 72 500 80 17 re f BT 1 g /${p.font} 9 Tf 84 505 Td ((b)(6)) Tj ET`);
  return finish(p);
}

/** Twin: the name in a light but readable grey, and in a small but readable size. */
export async function faintButReadable(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p, '0.6 g') + `BT /${p.font} 4 Tf ${X} 650 Td (Footnote: Jane Roe filed the report.) Tj ET`);
  return finish(p);
}

/**
 * Twin: a scanned page with its OCR layer: a picture of the line (rendered
 * from a visible twin) with the same words in render mode 3 over it.
 */
export async function scanWithTextLayer(pictureOfLine: Buffer): Promise<Uint8Array> {
  const p = await start();
  const image = await p.doc.embedPng(pictureOfLine);
  const name = p.page.node.newXObject('Im', image.ref).asString();
  p.draw(`q 612 0 0 792 0 0 cm /${name} Do Q BT 3 Tr /${p.font} ${SIZE} Tf ${X} ${Y} Td (${LINE_BEFORE}${NAME}${LINE_AFTER}) Tj ET`);
  return finish(p);
}

/** The plain line, readable, for rendering the picture of a scan. */
export async function plainLine(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p));
  return finish(p);
}

/** Twin: a stamp annotation that covers no text. */
export async function stampAwayFromText(): Promise<Uint8Array> {
  const p = await start();
  const { context } = p.doc;
  p.draw(line(p));
  const appearance = context.register(context.stream('0 g 0 0 80 20 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 80, 20] }));
  const annot = context.obj({ Type: 'Annot', Subtype: 'Stamp', Rect: [72, 400, 152, 420], AP: context.obj({ N: appearance }) });
  p.page.node.set(PDFName.of('Annots'), context.obj([context.register(annot)]));
  return finish(p);
}

/**
 * A long line in Courier, narrow letters first, and a black bar over the
 * name far along it: proportional widths would put the name words away from
 * where the monospaced font draws it.
 */
export async function monospaceBar(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([792, 612]);
  const courier = await doc.embedFont(StandardFonts.Courier);
  const font = page.node.newFontDictionary('F', courier.ref).asString();
  const before = 'Ref. i.l/1|l.i|ll:i!l|i.l informant: ';
  const lineText = `${before}${NAME} || of Springfield`;
  const step = 0.6 * 10;
  const x = 36 + before.length * step;
  const ops = `BT /${font} 10 Tf 36 500 Td (${lineText}) Tj ET 0 g ${x - 1} 496 ${NAME.length * step} 14 re f`;
  page.node.addContentStream(doc.context.register(doc.context.stream(ops)));
  return doc.save();
}

/** The name squeezed to nothing (1% horizontal scaling) in the middle of the line, and pulled onto one spot by negative letter spacing. */
export async function squeezedText(): Promise<Uint8Array> {
  const p = await start();
  p.draw(line(p, '1 Tz'));
  return finish(p);
}

export async function stackedLetters(): Promise<Uint8Array> {
  const p = await start();
  p.draw(`BT /${p.font} ${SIZE} Tf ${X} ${Y} Td (${LINE_BEFORE}) Tj ET BT /${p.font} ${SIZE} Tf -6 Tc ${p.name.x + 1} ${Y} Td (${NAME}) Tj ET`);
  return finish(p);
}
