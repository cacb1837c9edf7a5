/**
 * Builds small PDFs with one safety defect each (and their clean twins)
 * with pdf-lib, so each audit rule is tested on a file made for it.
 * Page: US Letter, Helvetica 12 pt text at known positions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFOperator, PDFOperatorNames, PDFString, StandardFonts, rgb } from '@cantoo/pdf-lib';

export const SECRET = 'Jane Roe';
const LINE = `The informant was ${SECRET} of Springfield.`;
/** Text for files whose defect is not in the text: it must not contain the secret. */
const ROUTINE = 'A routine memo about parking permits.';
const X = 72;
const Y = 700;
const SIZE = 12;

async function base(text = LINE): Promise<{ doc: PDFDocument; secretBox: { x: number; y: number; width: number; height: number } }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: X, y: Y, size: SIZE, font });
  const before = font.widthOfTextAtSize('The informant was ', SIZE);
  const width = font.widthOfTextAtSize(SECRET, SIZE);
  return { doc, secretBox: { x: X + before - 1, y: Y - 4, width: width + 2, height: SIZE + 5 } };
}

/** Text with a solid black rectangle drawn over the secret name (the text stays in the file). */
export async function boxOverText(): Promise<Uint8Array> {
  const { doc, secretBox } = await base();
  doc.getPage(0).drawRectangle({ ...secretBox, color: rgb(0, 0, 0) });
  return doc.save();
}

/** The same page with the same box drawn where there is no text. */
export async function boxAwayFromText(): Promise<Uint8Array> {
  const { doc, secretBox } = await base();
  doc.getPage(0).drawRectangle({ ...secretBox, y: 300, color: rgb(0, 0, 0) });
  return doc.save();
}

/** The box over the text, in page space (points from the top-left), as an editor would declare it. */
export async function secretBoxTopLeft(): Promise<[number, number, number, number]> {
  const { secretBox: b } = await base();
  return [b.x, 792 - (b.y + b.height), b.width, b.height];
}

export async function plain(text?: string): Promise<Uint8Array> {
  return (await base(text)).doc.save();
}

/** A `/Redact` annotation over the secret name, never applied. */
export async function unappliedRedact(): Promise<Uint8Array> {
  const { doc, secretBox: b } = await base();
  const page = doc.getPage(0);
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Redact',
    Rect: [b.x, b.y, b.x + b.width, b.y + b.height],
    QuadPoints: [b.x, b.y + b.height, b.x + b.width, b.y + b.height, b.x, b.y, b.x + b.width, b.y],
    OverlayText: PDFString.of('REDACTED'),
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
  return doc.save();
}

/** A comment (Text annotation) with contents. */
export async function withComment(): Promise<Uint8Array> {
  const { doc } = await base(ROUTINE);
  const page = doc.getPage(0);
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [500, 700, 520, 720],
    Contents: PDFString.of('Source lives at the blue house'),
    T: PDFString.of('Night editor'),
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
  return doc.save();
}

/** An Author (and Title) in the Info dictionary. */
export async function withAuthor(): Promise<Uint8Array> {
  const { doc } = await base(ROUTINE);
  doc.setAuthor('Harriet Whistleblower');
  doc.setTitle('Internal memo draft 3');
  return doc.save();
}

/** A file attached to the PDF. */
export async function withAttachment(): Promise<Uint8Array> {
  const { doc } = await base(ROUTINE);
  await doc.attach(new TextEncoder().encode('Attachment secret: Operation Nightjar'), 'notes.txt', { mimeType: 'text/plain' });
  return doc.save();
}

/** Two revisions: the first page said "Codename Nightjar", the incremental update replaced the text. */
export async function withEarlierRevision(): Promise<Uint8Array> {
  const first = await plain('Codename Nightjar appears in the first draft.');
  const doc = await PDFDocument.load(first, { forIncrementalUpdate: true, updateMetadata: false });
  const page = doc.getPage(0);
  page.node.delete(PDFName.of('Contents'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('The final version says nothing of it.', { x: X, y: Y, size: SIZE, font });
  return doc.save();
}

/** Personal information in the text. */
export const PII = {
  email: 'jane.roe@example.org',
  phone: '(202) 456-1414',
  ssn: '219-09-9999',
  address: '1428 Elm Street',
};

const PII_LINES = [`Write to ${PII.email} or call ${PII.phone}.`, `Her number is SSN ${PII.ssn}.`, `She lives at ${PII.address}, Springfield.`];

export async function withPersonalInformation(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  PII_LINES.forEach((line, i) => page.drawText(line, { x: X, y: Y - i * 20, size: SIZE, font }));
  return doc.save();
}

/**
 * Where `withPersonalInformation` drew one of its values, in page space
 * (points from the top-left): `[x, y, width, height]` from the font's
 * widths, from the descent (a quarter of the size) to the ascent.
 */
export async function piiBoxTopLeft(key: keyof typeof PII): Promise<[number, number, number, number]> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const line = PII_LINES.findIndex((l) => l.includes(PII[key]));
  const before = PII_LINES[line].slice(0, PII_LINES[line].indexOf(PII[key]));
  const baseline = 792 - (Y - line * 20);
  return [X + font.widthOfTextAtSize(before, SIZE), baseline - 0.85 * SIZE, font.widthOfTextAtSize(PII[key], SIZE), 1.1 * SIZE];
}

/** A Highlight annotation of `color` over the secret name. */
async function highlight(color: [number, number, number]): Promise<Uint8Array> {
  const { doc, secretBox: b } = await base();
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Highlight',
    Rect: [b.x, b.y, b.x + b.width, b.y + b.height],
    QuadPoints: [b.x, b.y + b.height, b.x + b.width, b.y + b.height, b.x, b.y, b.x + b.width, b.y],
    C: color,
  });
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
  return doc.save();
}

/** A black highlight over the secret name: "redacted" in a viewer, live in the file. */
export const darkHighlight = () => highlight([0, 0, 0]);

/** An ordinary yellow highlight: not a redaction attempt. */
export const yellowHighlight = () => highlight([1, 1, 0]);

/** Document-level JavaScript. */
export async function withJavaScript(): Promise<Uint8Array> {
  const { doc } = await base(ROUTINE);
  doc.addJavaScript('beacon', 'app.launchURL("https://tracker.example/open", true);');
  return doc.save();
}

export const HIDDEN_LAYER_TEXT = 'Layer note: source met us at the depot';

/** A layer hidden by default (optional content, OFF in the default configuration) holding text. */
export async function withHiddenLayer(): Promise<Uint8Array> {
  const { doc } = await base(ROUTINE);
  const page = doc.getPage(0);
  const ocg = doc.context.register(doc.context.obj({ Type: 'OCG', Name: PDFString.of('Reviewer notes') }));
  doc.catalog.set(PDFName.of('OCProperties'), doc.context.obj({ OCGs: [ocg], D: doc.context.obj({ Order: [ocg], OFF: [ocg] }) }));
  const resources = page.node.Resources()!;
  resources.set(PDFName.of('Properties'), doc.context.obj({ oc1: ocg }));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('OC'), PDFName.of('oc1')]));
  page.drawText(HIDDEN_LAYER_TEXT, { x: X, y: 500, size: SIZE, font });
  page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  return doc.save();
}

export const NESTED_LAYER_TEXT = 'Nested note: the informant is Quillfeather';
export const LATER_LAYER_TEXT = 'Later note: counsel meets the source';

/**
 * Two layers hidden by default, the first holding a section of a visible
 * layer inside it, then a second hidden layer: each section's own flag must
 * be counted, also inside a hidden one, or the second layer takes the
 * nested section's "visible".
 */
export async function withNestedHiddenLayers(): Promise<Uint8Array> {
  const { doc } = await base(ROUTINE);
  const page = doc.getPage(0);
  const group = (name: string) => doc.context.register(doc.context.obj({ Type: 'OCG', Name: PDFString.of(name) }));
  const [outer, inner, later] = [group('Reviewer notes'), group('Shown notes'), group('Counsel notes')];
  doc.catalog.set(
    PDFName.of('OCProperties'),
    doc.context.obj({ OCGs: [outer, inner, later], D: doc.context.obj({ Order: [outer, inner, later], OFF: [outer, later] }) }),
  );
  page.node.Resources()!.set(PDFName.of('Properties'), doc.context.obj({ oc1: outer, oc2: inner, oc3: later }));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const begin = (tag: string) => page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('OC'), PDFName.of(tag)]));
  const end = () => page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  begin('oc1');
  begin('oc2');
  page.drawText(NESTED_LAYER_TEXT, { x: X, y: 520, size: SIZE, font });
  end();
  end();
  begin('oc3');
  page.drawText(LATER_LAYER_TEXT, { x: X, y: 480, size: SIZE, font });
  end();
  return doc.save();
}

/**
 * The plain page encrypted by qpdf with an owner password only (AES-256):
 * it opens without a password, and "forbids" printing and copying.
 */
export async function ownerPasswordOnly(): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trove-encrypt-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), await plain());
    execFileSync('qpdf', ['--encrypt', '', 'trove-owner', '256', '--print=none', '--extract=n', '--', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')]);
    return new Uint8Array(readFileSync(path.join(dir, 'out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
