/**
 * The text of a built site's files, as a reader or a program would get
 * it: HTML and XML as text and attribute values with entities decoded;
 * Pagefind's index and fragments gunzipped; PDFs through pdf.js (page text,
 * annotations, metadata, bookmarks, attachment names), as the pipeline
 * reads them; e-mail messages decoded (bodies in base64 or
 * quoted-printable, text attachments); anything else in the encoding its
 * bytes show (UTF-8, UTF-16, Windows-1252), streamed. Page images and fonts
 * are not text and are skipped. Node-only.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import PostalMime from 'postal-mime';
import { splitMbox } from '../processors/email/mbox.ts';
import { openPdf, pdfjsVersion } from '../processors/pdfjs.ts';
import { detectEncoding } from '../processors/text/encoding.ts';
import { decodeText, safeCut, splitMarkup, watchKey } from './normalize.ts';

export type FileKind = 'skip' | 'pdf' | 'gzip' | 'email' | 'markup' | 'text';

/**
 * Where a piece of text goes: what a reader sees, or what else the file
 * carries (attribute values, metadata). `apart`: the piece stands alone,
 * no term runs into or out of it.
 */
export type Sink = (text: string, stream: 'text' | 'other', apart?: boolean) => void;

const SKIP = new Set(['webp', 'png', 'jpg', 'jpeg', 'gif', 'tif', 'tiff', 'avif', 'bmp', 'ico', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'wasm', 'pagefind']);
const MARKUP = new Set(['html', 'htm', 'xhtml', 'xml', 'svg', 'rss', 'atom']);
const GZIP = new Set(['pf_meta', 'pf_index', 'pf_fragment', 'pf_filter', 'gz']);
const PAGEFIND_SIGNATURE = 'pagefind_dcd';
/** Separates the parts of a cached PDF text: no term's key contains it. */
const BREAK = '\n';

export function fileKind(file: string): FileKind {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (SKIP.has(ext)) return 'skip';
  if (ext === 'pdf') return 'pdf';
  if (GZIP.has(ext)) return 'gzip';
  if (ext === 'eml' || ext === 'mbox') return 'email';
  return MARKUP.has(ext) ? 'markup' : 'text';
}

/** Files up to this size are read whole: most of a site's files are small, and a stream costs more than the reading. */
const WHOLE_FILE_BYTES = 4 << 20;

/** Reads a text or markup file into `sink`; a large one streamed, a piece at a time. */
export async function readTextFile(file: string, markup: boolean, sink: Sink): Promise<void> {
  if ((await stat(file)).size <= WHOLE_FILE_BYTES) {
    const bytes = await readFile(file);
    return readPiece(decoderFor(bytes, false).decode(bytes), markup, sink);
  }
  let decoder: TextDecoder | undefined;
  let pending = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    decoder ??= decoderFor(chunk, true);
    pending += decoder.decode(chunk, { stream: true });
    const cut = safeCut(pending, markup);
    readPiece(pending.slice(0, cut), markup, sink);
    pending = pending.slice(cut);
  }
  readPiece(pending + (decoder?.decode() ?? ''), markup, sink);
}

/**
 * Decoded as the table pages decode the same file (a published CSV is the
 * editor's bytes, often Windows-1252 or UTF-16): read as UTF-8, "José"
 * in Windows-1252 would never match its term. `prefix`: `bytes` are only
 * the file's start.
 */
function decoderFor(bytes: Uint8Array, prefix: boolean): TextDecoder {
  const encoding = detectEncoding(bytes, { prefix });
  return new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
}

function readPiece(text: string, markup: boolean, sink: Sink): void {
  if (!markup) return sink(decodeText(text), 'text');
  const { text: shown, attributes } = splitMarkup(text);
  sink(shown, 'text');
  sink(attributes, 'other');
}

/** A gzipped file (Pagefind's index, fragments and filters), decompressed, and what its text says it belongs to (a fragment's page URL). */
export function readGzipFile(bytes: Buffer, sink: Sink): string | undefined {
  let raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  if (raw.subarray(0, PAGEFIND_SIGNATURE.length).toString('latin1') === PAGEFIND_SIGNATURE) raw = raw.subarray(PAGEFIND_SIGNATURE.length);
  const text = raw.toString('utf8');
  sink(decodeText(text), 'text');
  try {
    const url = (JSON.parse(text) as { url?: unknown }).url;
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** An e-mail file: as text (headers and anything unencoded), then each message decoded. */
export async function readEmailFile(file: string, sink: Sink): Promise<void> {
  const bytes = await readFile(file);
  readPiece(decoderFor(bytes, false).decode(bytes), false, sink);
  for (const raw of path.extname(file).toLowerCase() === '.mbox' ? splitMbox(bytes) : [bytes]) {
    const message = await PostalMime.parse(raw);
    const people = [message.from, ...(message.to ?? []), ...(message.cc ?? []), ...(message.bcc ?? []), ...(message.replyTo ?? [])];
    for (const p of people) if (p) sink(`${p.name ?? ''} ${'address' in p ? (p.address ?? '') : ''}`, 'other', true);
    sink(message.subject ?? '', 'text', true);
    sink(message.text ?? '', 'text', true);
    if (message.html) {
      const { text, attributes } = splitMarkup(message.html);
      sink(text, 'text', true);
      sink(attributes, 'other', true);
    }
    for (const a of message.attachments) {
      sink(a.filename ?? '', 'other', true);
      if (/^text\/|json|xml|csv/.test(a.mimeType)) sink(Buffer.from(a.content as ArrayBuffer).toString('utf8'), 'text', true);
    }
  }
}

/**
 * PDF text in comparison form, cached by the file's SHA-256 (and pdf.js's
 * version): a warm build's unchanged downloads are not read again. The
 * cache holds the same text the site publishes, in `cacheDir`, never in
 * the site.
 */
export class PdfText {
  readonly dir: string;
  /** Cache files this build used: the others are stale. */
  readonly used = new Set<string>();

  constructor(cacheDir: string) {
    this.dir = path.join(cacheDir, 'watch-text', `v1-pdfjs-${pdfjsVersion()}`);
  }

  async read(file: string, sink: Sink): Promise<void> {
    const bytes = await readFile(file);
    const name = createHash('sha256').update(bytes).digest('hex');
    this.used.add(name);
    const cached = path.join(this.dir, name);
    let key = await readFile(cached, 'utf8').catch(() => undefined);
    if (key === undefined) {
      key = await pdfKey(bytes);
      await mkdir(this.dir, { recursive: true });
      const temp = `${cached}.${process.pid}.tmp`;
      await writeFile(temp, key);
      await rename(temp, cached);
    }
    for (const part of key.split(BREAK)) sink(part, 'text', true);
  }
}

/** Everything pdf.js can read out of a PDF as text, in comparison form: the pages as one part, then each piece of metadata, parted by BREAK. */
async function pdfKey(bytes: Buffer): Promise<string> {
  const { pdf, close } = await openPdf(new Uint8Array(bytes), 100_000_000);
  try {
    const pages: string[] = [];
    const other: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
      for (const a of (await page.getAnnotations()) as { contentsObj?: { str?: string }; titleObj?: { str?: string }; fieldValue?: unknown }[]) {
        other.push(a.contentsObj?.str ?? '', a.titleObj?.str ?? '', typeof a.fieldValue === 'string' ? a.fieldValue : '');
      }
      page.cleanup();
    }
    const { info, metadata } = await pdf.getMetadata();
    other.push(...Object.values(info ?? {}).map((v) => (typeof v === 'string' ? v : JSON.stringify(v ?? ''))));
    const xmp = metadata?.getRaw() as unknown;
    if (typeof xmp === 'string') {
      const { text, attributes } = splitMarkup(xmp);
      other.push(text, attributes);
    }
    other.push(...outlineTitles((await pdf.getOutline()) ?? []));
    const attachments = (await pdf.getAttachments()) as unknown;
    other.push(...(attachments instanceof Map ? [...attachments.keys()] : Object.keys(attachments ?? {})).map(String));
    return [watchKey(pages.join(' ')), ...other.map(watchKey)].join(BREAK);
  } finally {
    await close();
  }
}

function outlineTitles(items: { title?: string; items?: unknown[] }[]): string[] {
  return items.flatMap((i) => [i.title ?? '', ...outlineTitles((i.items ?? []) as { title?: string; items?: unknown[] }[])]);
}
