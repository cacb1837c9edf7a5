/**
 * Adding documents: copies files into `content/documents/<collection>/` and
 * writes a sidecar for each, pre-filled from the file (title, date, page
 * count, as far as the type tells them) and marked `needsReview: true`, so
 * nothing is published before an editor has looked at it. Refuses to
 * overwrite a document or sidecar, and adds all the files or none: every
 * file is read before anything is written.
 */
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import exifr from 'exifr';
import PostalMime from 'postal-mime';
import sharp from 'sharp';
import { checkSegment, suggestSegment } from '../lib/ids.ts';
import { splitMbox } from '../pipeline/processors/email/mbox.ts';
import { openPdf } from '../pipeline/processors/pdfjs.ts';
import { SUPPORTED_EXTENSIONS, typeForExtension } from '../pipeline/processors/registry.ts';

export interface Prefill {
  title: string;
  date?: string;
  /**
   * Page count, only where the file itself fixes it (PDF pages, TIFF pages,
   * messages of a mailbox). Text, tables and Office files get their pages
   * from the build, so it is left out rather than guessed.
   */
  pages?: number;
}

/** A readable title from a file name: `2020-06-30_mccrimmon-v-johnson.pdf` → `Mccrimmon v johnson`. */
export function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/^\d{4}-\d{2}-\d{2}[-_ ]*/, '');
  const words = base.replace(/[-_.]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : path.basename(file);
}

/** `YYYY-MM-DD` at the start of a file name, if any. */
export function dateFromFileName(file: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})/.exec(path.basename(file))?.[1];
}

/** A PDF date (`D:20201222153000+01'00'`) as `YYYY-MM-DD`. */
export function pdfDate(value: unknown): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(String(value ?? ''));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The calendar date of an e-mail `Date:` header as the sender wrote it
 * (`Tue, 26 May 2020 23:30:00 -0500` → `2020-05-26`, not the next day in
 * UTC), or undefined when it cannot be read.
 */
export function emailDate(header: string | undefined): string | undefined {
  const m = /(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})/.exec(header ?? '');
  const month = m ? MONTHS.indexOf(m[2].toLowerCase()) + 1 : 0;
  if (!m || month === 0) return undefined;
  const date = `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date ? date : undefined;
}

async function pdfPrefill(file: string, fallback: Prefill): Promise<Prefill> {
  const { pdf, close } = await openPdf(new Uint8Array(await readFile(file)), 100_000_000);
  try {
    const { info } = (await pdf.getMetadata()) as { info: Record<string, unknown> };
    const title = typeof info.Title === 'string' && info.Title.trim().length > 3 ? info.Title.trim() : fallback.title;
    return { title, date: fallback.date ?? pdfDate(info.CreationDate), pages: pdf.numPages };
  } finally {
    await close();
  }
}

async function imagePrefill(file: string, fallback: Prefill): Promise<Prefill> {
  const meta = await sharp(file).metadata();
  const exif = (await exifr.parse(file, ['DateTimeOriginal', 'CreateDate']).catch(() => undefined)) as
    { DateTimeOriginal?: Date; CreateDate?: Date } | undefined;
  const taken = exif?.DateTimeOriginal ?? exif?.CreateDate;
  // As the build counts them: every page of a TIFF, the first frame of anything else.
  const pages = meta.format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  return { title: fallback.title, date: fallback.date ?? (taken instanceof Date ? taken.toISOString().slice(0, 10) : undefined), pages };
}

/** A message's Subject and Date; a mailbox keeps the file name as its title and takes the date of its first message. */
async function emailPrefill(file: string, fallback: Prefill): Promise<Prefill> {
  const bytes = await readFile(file);
  if (bytes.byteLength === 0) throw new Error('the file is empty (0 bytes)');
  const isMbox = path.extname(file).toLowerCase() === '.mbox';
  const messages = isMbox ? splitMbox(bytes) : [bytes];
  if (messages.length === 0) throw new Error('the mailbox has no messages');
  const first = await PostalMime.parse(messages[0]!);
  const dateHeader = first.headers.find((h) => h.key === 'date')?.value;
  const date =
    fallback.date ??
    emailDate(dateHeader) ??
    (first.date && !Number.isNaN(Date.parse(first.date)) ? new Date(first.date).toISOString().slice(0, 10) : undefined);
  const subject = first.subject?.replace(/\s+/g, ' ').trim();
  return { title: !isMbox && subject ? subject : fallback.title, date, pages: messages.length };
}

/** Text, tables and Office files: the file must be there and not empty; the title comes from its name. */
async function namedPrefill(file: string, fallback: Prefill): Promise<Prefill> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error('it is not a file');
  if (info.size === 0) throw new Error('the file is empty (0 bytes)');
  return fallback;
}

export async function prefill(file: string): Promise<Prefill> {
  const fallback: Prefill = { title: titleFromFileName(file), date: dateFromFileName(file) };
  switch (typeForExtension(path.extname(file).slice(1).toLowerCase())) {
    case 'pdf':
      return pdfPrefill(file, fallback);
    case 'image':
      return imagePrefill(file, fallback);
    case 'email':
      return emailPrefill(file, fallback);
    default:
      return namedPrefill(file, fallback);
  }
}

export function sidecarFor(p: Prefill, originalName: string): string {
  return `---
title: ${JSON.stringify(p.title)}
${p.date ? `date: "${p.date}"` : '# date: "YYYY-MM-DD"'}
source: ""
description: ""
tags: []
${p.pages === undefined ? '' : `pages: ${p.pages}\n`}origin: ${JSON.stringify(originalName)}
# Added by npm run add and pre-filled from the file: check every field, run
# npm run audit, then remove this line to publish the document.
needsReview: true
---
`;
}

export interface Added {
  document: string;
  sidecar: string;
}

export async function addDocuments(contentDir: string, files: string[], collection: string): Promise<Added[]> {
  if (files.length === 0) throw new Error('name the files to add: npm run add -- <file…> --collection <name>');
  if (!collection) throw new Error('name the collection: npm run add -- <file…> --collection <name>');
  const collectionFile = path.join(contentDir, 'collections', `${collection}.md`);
  if (!(await stat(collectionFile).catch(() => undefined))) {
    throw new Error(`there is no collection "${collection}": create ${collectionFile} with at least a title first`);
  }
  const plans = files.map((file) => {
    const extension = path.extname(file).slice(1).toLowerCase();
    if (!typeForExtension(extension)) {
      throw new Error(`${file}: ".${extension}" files are not a supported document type (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`);
    }
    const name = suggestSegment(path.basename(file, path.extname(file)));
    const problem = checkSegment(name);
    if (problem) throw new Error(`${file}: ${problem.message}`);
    const dir = path.join(contentDir, 'documents', collection);
    return { file, document: path.join(dir, `${name}.${extension === 'jpeg' ? 'jpg' : extension}`), sidecar: path.join(dir, `${name}.md`) };
  });
  // Check every target before writing anything: all or nothing.
  const targets = new Set<string>();
  for (const p of plans) {
    for (const target of [p.document, p.sidecar]) {
      if (targets.has(target)) throw new Error(`${p.file}: two files would be added as ${target}; rename one`);
      targets.add(target);
      if (await stat(target).catch(() => undefined)) throw new Error(`${target} already exists; it was left as it was (nothing was added)`);
    }
  }
  // Read every file before writing anything: one unreadable file adds none.
  const filled: Prefill[] = [];
  for (const p of plans) {
    filled.push(
      await prefill(p.file).catch((e) => {
        throw new Error(`${p.file}: cannot read it (${(e as Error).message}); check the file (nothing was added)`);
      }),
    );
  }
  const written: string[] = [];
  try {
    for (const [i, p] of plans.entries()) {
      await mkdir(path.dirname(p.document), { recursive: true });
      await copyFile(p.file, p.document, 1 /* COPYFILE_EXCL */);
      written.push(p.document);
      await writeFile(p.sidecar, sidecarFor(filled[i]!, path.basename(p.file)), { flag: 'wx' });
      written.push(p.sidecar);
    }
  } catch (e) {
    // A write failed (disk full, a file appeared meanwhile): take back what this run wrote, and only that.
    await Promise.all(written.map((f) => rm(f, { force: true })));
    throw new Error(`${(e as Error).message}; nothing was added`, { cause: e });
  }
  return plans.map((p) => ({ document: p.document, sidecar: p.sidecar }));
}
