/**
 * Builds the download's pages object by object: nothing of a source page
 * is copied as it is. Each kind of object keeps the keys it needs to be
 * drawn (a whitelist), each stream is decoded and written anew, and each
 * content stream goes through the content walker, so only the resources
 * that are drawn are kept. What is left out that could carry data is
 * reported as a `removed` finding of the page.
 *
 * Objects shared between pages (a logo, a font) are cleaned once and
 * shared. A page that cannot be cleaned (`UnsafeContentError`, or any
 * failure) is undone, so nothing made for it stays in the download, and is
 * published as an image instead (clean-pdf.ts).
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject, type PDFPageLeaf } from '@cantoo/pdf-lib';
import type { Finding } from '../../audit/types.ts';
import type { Cleaner, KeySpec } from './cleaner-types.ts';
import { ContentSyntaxError, parseContent, type Operand } from './content-lexer.ts';
import { walkContent, type ResourceCategory } from './content-walk.ts';
import { writeContent } from './content-writer.ts';
import { cleanFont } from './font-cleaner.ts';
import { isEmpty, intersect, rectOf, type Rect } from './geometry.ts';
import { cleanColorSpace, cleanExtGState, cleanForm, cleanFunction, cleanGroup, cleanPattern, cleanShading } from './graphics-cleaners.ts';
import { cleanImage } from './image-cleaner.ts';
import { inlineImageStream } from './inline-images.ts';
import { numberOf, numbersOf, plainCopy, pdfName, dictOf, nameOf } from './pdf-values.ts';
import { RemovedFindings, type RemovedRule } from './removed-findings.ts';
import { resourceHooks } from './resource-hooks.ts';
import { newStream, plainData, UnsafeContentError } from './stream-data.ts';
import { describeUnused } from './unused-resources.ts';

const CATEGORIES: ResourceCategory[] = ['XObject', 'Font', 'ExtGState', 'ColorSpace', 'Pattern', 'Shading'];
/** Objects inside objects deeper than this are not a page anyone made to be read. */
const MAX_NESTING = 48;

/** Keys left out without a word: PDF defines them, and they carry nothing about the document. */
const SILENT = new Set([
  'Type',
  'Length',
  'Filter',
  'DecodeParms',
  'DL',
  'ProcSet',
  'Name',
  'StructParent',
  'StructParents',
  'Tabs',
  'BleedBox',
  'TrimBox',
  'ArtBox',
  'BoxColorInfo',
  'Parent',
  'Annots',
  'AA',
  'B',
  'Dur',
  'Trans',
  'PZ',
  'PresSteps',
  'VP',
  'TemplateInstantiated',
  'OC',
  'Measure',
  'PtData',
  'ID',
  'SMaskInData',
  'Resources',
  'Contents',
  'MediaBox',
  'CropBox',
  'Rotate',
  // Device-dependent settings of graphics states (halftones, generation functions) that viewers ignore.
  'HT',
  'HTO',
  'BG',
  'BG2',
  'UCR',
  'UCR2',
  'TR2',
]);
/** Keys left out that carry data of their own, with what they are called in the report. */
const TELLING: Record<string, [RemovedRule, string]> = {
  Metadata: ['page-metadata', 'XMP metadata (/Metadata)'],
  PieceInfo: ['page-private-data', 'application data (/PieceInfo)'],
  AF: ['page-private-data', 'associated files (/AF)'],
  Thumb: ['page-private-data', 'a thumbnail image (/Thumb)'],
  LastModified: ['page-private-data', 'a modification date (/LastModified)'],
  OPI: ['page-private-data', 'links to other files (/OPI)'],
  Ref: ['page-private-data', 'a reference to another PDF (/Ref)'],
  Alternates: ['page-private-data', 'alternate images (/Alternates)'],
  SeparationInfo: ['page-private-data', 'separation data (/SeparationInfo)'],
  F: ['page-private-data', 'a reference to an external file (/F)'],
};

export interface CleanPage {
  /** The visible box (crop box within media box), the download page's only box. */
  box: Rect;
  rotate: number;
  resources: PDFDict;
  contents: PDFRef;
  /** The page's other kept keys (transparency group, user unit). */
  extra: PDFDict;
}

export class PageCleaner implements Cleaner {
  readonly src: PDFContext;
  readonly out: PDFContext;
  private pageNumber = 0;
  private readonly removed = new RemovedFindings();
  private readonly memo = new Map<string, PDFRef>();
  private readonly active = new Set<string>();
  private made: PDFRef[] = [];
  private remembered: string[] = [];
  private readonly unused = new Map<string, { page: number; text: string }>();
  private readonly shown = new Set<string>();
  private inlineImages = 0;

  constructor(src: PDFContext, out: PDFContext) {
    this.src = src;
    this.out = out;
  }

  async page(leaf: PDFPageLeaf, pageNumber: number): Promise<CleanPage> {
    this.pageNumber = pageNumber;
    this.made = [];
    this.remembered = [];
    // A page without a valid media box is shown as US Letter, as pdf.js shows it.
    const media = rectOf(numbersOf(this.src, leaf.getInheritableAttribute(PDFName.of('MediaBox')))) ?? { x0: 0, y0: 0, x1: 612, y1: 792 };
    const crop = rectOf(numbersOf(this.src, leaf.getInheritableAttribute(PDFName.of('CropBox')))) ?? media;
    const box = intersect(media, crop);
    if (isEmpty(box)) throw new UnsafeContentError('the page has no visible area');
    const extra = await this.pick(leaf, { Group: (v) => cleanGroup(this, v), UserUnit: 'plain' }, 'the page');
    const content = await this.content(this.pageContents(leaf), leaf.Resources(), box, 'the page');
    const contents = this.register(newStream(this.out.obj({}) as PDFDict, content.data));
    return { box, rotate: numberOf(this.src, leaf.getInheritableAttribute(PDFName.of('Rotate'))) ?? 0, resources: content.resources, contents, extra };
  }

  /** The page's objects stay in the download. */
  commit(): void {
    this.made = [];
    this.remembered = [];
  }

  /** The page could not be cleaned: what was made for it goes. */
  rollback(): void {
    for (const ref of this.made) this.out.delete(ref);
    for (const key of this.remembered) this.memo.delete(key);
    this.commit();
  }

  findings(): Finding[] {
    for (const [key, { page, text }] of this.unused) {
      if (this.shown.has(key)) continue;
      this.pageNumber = page;
      this.report('undrawn-content', `${text} is never drawn`);
    }
    this.unused.clear();
    return this.removed.findings();
  }

  report(rule: RemovedRule, item: string): void {
    this.removed.add(rule, this.pageNumber, item);
  }

  register(object: PDFObject): PDFRef {
    const ref = this.out.register(object);
    this.made.push(ref);
    return ref;
  }

  async once(kind: string, value: PDFObject | undefined, make: (resolved: PDFObject) => Promise<PDFObject | undefined>): Promise<PDFObject | undefined> {
    if (value === undefined) return undefined;
    if (!(value instanceof PDFRef) || kind === '') {
      const resolved = value instanceof PDFRef ? this.src.lookup(value) : value;
      const made = resolved === undefined ? undefined : await make(resolved);
      return made instanceof PDFStream ? this.register(made) : made;
    }
    const key = `${kind} ${value.tag}`;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.active.has(key)) throw new UnsafeContentError('an object contains itself');
    if (this.active.size > MAX_NESTING) throw new UnsafeContentError('objects are nested too deep');
    this.active.add(key);
    try {
      const resolved = this.src.lookup(value);
      const made = resolved === undefined ? undefined : await make(resolved);
      if (made === undefined) return undefined;
      const ref = this.register(made);
      this.memo.set(key, ref);
      this.remembered.push(key);
      return ref;
    } finally {
      this.active.delete(key);
    }
  }

  async pick(dict: PDFDict, spec: KeySpec, what: string): Promise<PDFDict> {
    const out = this.out.obj({}) as PDFDict;
    for (const [key, value] of dict.entries()) {
      const k = key.decodeText();
      const shape = spec[k];
      if (shape) {
        const cleaned = shape === 'plain' ? plainCopy(this.src, this.out, value) : await shape(value);
        if (cleaned !== undefined) out.set(key, cleaned);
      } else if (TELLING[k]) {
        this.report(TELLING[k][0], `${TELLING[k][1]} on ${what}`);
      } else if (!SILENT.has(k)) {
        this.report('page-private-data', `the key /${k} on ${what}`);
      }
    }
    return out;
  }

  async content(data: Uint8Array, resources: PDFDict | undefined, region: Rect, what: string): Promise<{ data: Uint8Array; resources: PDFDict }> {
    let parsed;
    try {
      parsed = parseContent(data);
    } catch (e) {
      if (e instanceof ContentSyntaxError) throw new UnsafeContentError(`the drawing of ${what} could not be read: ${e.message}`);
      throw e;
    }
    const where = what === 'the page' ? 'on the page' : `in ${what}`;
    for (const comment of parsed.comments) this.report('content-comments', `comment ${where}: "%${comment.trimEnd()}"`);
    const inline: { name: string; dict: Map<string, Operand>; data: Uint8Array }[] = [];
    const walk = walkContent(
      parsed.operations,
      region,
      resourceHooks(this.src, resources, inline, () => `TroveInline${++this.inlineImages}`),
    );
    for (const text of walk.replacementText) this.report('replacement-text', `${text} ${where}`);
    for (const op of walk.unknownOperators) this.report('content-comments', `unknown operator "${op}" ${where}`);
    for (const item of walk.undrawn) this.report('undrawn-content', `${item} ${where}`);
    const cleaned = await this.resources(resources, walk.used, what);
    for (const image of inline) {
      const ref = await this.image(inlineImageStream(this.src, resources, image.dict, image.data), `an inline image ${where}`);
      if (!ref) continue;
      const xobjects = (cleaned.get(PDFName.of('XObject')) as PDFDict | undefined) ?? (this.out.obj({}) as PDFDict);
      xobjects.set(pdfName(image.name), ref);
      cleaned.set(PDFName.of('XObject'), xobjects);
    }
    return { data: writeContent(walk.operations), resources: cleaned };
  }

  colorSpace(value: PDFObject) {
    return cleanColorSpace(this, value);
  }

  func(value: PDFObject) {
    return cleanFunction(this, value);
  }

  image(value: PDFObject, what: string) {
    return cleanImage(this, value, what);
  }

  form(value: PDFObject, what: string, inherited?: PDFDict) {
    return cleanForm(this, value, what, inherited);
  }

  private async resources(resources: PDFDict | undefined, used: Record<ResourceCategory, Set<string>>, what: string): Promise<PDFDict> {
    const out = this.out.obj({}) as PDFDict;
    for (const category of CATEGORIES) {
      const source = dictOf(this.src, resources?.get(PDFName.of(category)));
      const kept = this.out.obj({}) as PDFDict;
      for (const [key, value] of source?.entries() ?? []) {
        const name = key.decodeText();
        const implicit = category === 'ColorSpace' && /^Default(Gray|RGB|CMYK)$/.test(name);
        if (!used[category].has(name) && !implicit) {
          const text = describeUnused(this.src, category, name, value);
          const id = value instanceof PDFRef ? value.tag : `${this.pageNumber} ${category} ${name}`;
          if (text && !this.unused.has(id)) this.unused.set(id, { page: this.pageNumber, text });
          continue;
        }
        if (value instanceof PDFRef) this.shown.add(value.tag);
        const cleaned = await this.resource(category, name, value, resources, what);
        if (cleaned !== undefined) kept.set(key, cleaned);
      }
      if (kept.entries().length > 0) out.set(PDFName.of(category), kept);
    }
    return out;
  }

  private async resource(category: ResourceCategory, name: string, value: PDFObject, resources: PDFDict | undefined, what: string) {
    const font = (v: PDFObject) => cleanFont(this, v);
    const inside = what === 'the page' ? '' : ` in ${what}`;
    switch (category) {
      case 'XObject': {
        const subtype = nameOf(this.src, dictOf(this.src, value)?.get(PDFName.of('Subtype')));
        if (subtype === 'Image') return this.image(value, `image /${name}${inside}`);
        if (subtype === 'Form') return this.form(value, `form /${name}${inside}`, resources);
        return undefined;
      }
      case 'Font':
        return font(value);
      case 'ExtGState':
        return cleanExtGState(this, value, font);
      case 'ColorSpace':
        return cleanColorSpace(this, value);
      case 'Pattern':
        return cleanPattern(this, value, font);
      case 'Shading':
        return cleanShading(this, value);
    }
  }

  private pageContents(leaf: PDFPageLeaf): Uint8Array {
    const contents = leaf.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((v) => this.src.lookup(v)) : contents ? [contents] : [];
    const parts: Uint8Array[] = [];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream) && !(stream instanceof PDFStream)) throw new UnsafeContentError('the page contents are not streams');
      parts.push(plainData(stream, 'a content stream of the page'), Uint8Array.of(0x0a));
    }
    return Buffer.concat(parts);
  }
}
