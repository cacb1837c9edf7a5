/**
 * Adding documents: copies files (and the files under folders) into
 * `content/documents/<collection>/` and writes a sidecar for each,
 * pre-filled from the file (title, date, page count, as far as the type
 * tells them) and marked `needsReview: true`, so nothing is published
 * before an editor has looked at it. Refuses to overwrite a document or
 * sidecar; adds all the named files or none (every file is read before
 * anything is written); skips, with the reason, what a folder holds that
 * cannot be added; adds identical files once.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

/** A file found in a folder that was not added, and why. */
export interface Skipped {
  file: string;
  reason: string;
}

/** A file identical (byte for byte) to one added: it is added once, and its other places are noted in the sidecar's `origin`. */
export interface Duplicate {
  file: string;
  of: string;
}

export interface AddResult {
  added: Added[];
  skipped: Skipped[];
  duplicates: Duplicate[];
}

export interface AddOptions {
  /** Told of each file read (the script shows progress from it). */
  onRead?: (done: number, total: number) => void;
}

/** One file to add: where it is, whether it was named (all or nothing) or found in a folder (skipped when it cannot be added), and its name in the collection. */
interface Candidate {
  file: string;
  named: boolean;
  /** Its path inside the folder it was found in (its own name for a named file). */
  inFolder: string;
}

const ORIGINS_IN_SIDECAR = 20;

/**
 * Adds files, and every file under folders (walked in name order, keeping
 * their structure in the names: `bulletins/2020/memo.pdf` becomes
 * `bulletins--2020--memo`), to a collection. A file named on the command
 * line must be addable (all or nothing, as before). A file found in a
 * folder is skipped, with its reason, when it is hidden, a link, of a type
 * Trove does not publish, unreadable, or already in the collection; files
 * identical byte for byte are added once.
 */
export async function addDocuments(contentDir: string, inputs: string[], collection: string, options: AddOptions = {}): Promise<AddResult> {
  if (inputs.length === 0) throw new Error('name the files or folders to add: npm run add -- <file or folder…> --collection <name>');
  if (!collection) throw new Error('name the collection: npm run add -- <file or folder…> --collection <name>');
  const collectionFile = path.join(contentDir, 'collections', `${collection}.md`);
  if (!(await stat(collectionFile).catch(() => undefined))) {
    throw new Error(`there is no collection "${collection}": create ${collectionFile} with at least a title first`);
  }
  const skipped: Skipped[] = [];
  const candidates = await expand(inputs, skipped);
  const { plans, duplicates } = await planAdds(candidates, path.join(contentDir, 'documents', collection), skipped);
  // Read every file before writing anything: one unreadable named file adds none; one found in a folder is skipped.
  const filled: (Prefill | undefined)[] = [];
  for (const [i, p] of plans.entries()) {
    filled.push(
      await prefill(p.file).catch((e) => {
        if (p.named) throw new Error(`${p.file}: cannot read it (${(e as Error).message}); check the file (nothing was added)`);
        skipped.push({ file: p.file, reason: `cannot read it (${(e as Error).message})` });
        return undefined;
      }),
    );
    options.onRead?.(i + 1, plans.length);
  }
  return { added: await writeAdds(plans, filled), skipped, duplicates };
}

interface Plan {
  file: string;
  named: boolean;
  document: string;
  sidecar: string;
  /** Every place the same bytes were found, this file's first. */
  origins: string[];
}

/** Where each file goes, once per content (copies become origins of the first), and what cannot be added (thrown for a named file, skipped otherwise). */
async function planAdds(candidates: Candidate[], dir: string, skipped: Skipped[]): Promise<{ plans: Plan[]; duplicates: Duplicate[] }> {
  const plans: Plan[] = [];
  const duplicates: Duplicate[] = [];
  const byHash = new Map<string, Plan>();
  const targets = new Set<string>();
  for (const c of candidates) {
    const extension = path.extname(c.file).slice(1).toLowerCase();
    const fail = (reason: string) => {
      if (c.named) throw new Error(`${c.file}: ${reason}`);
      skipped.push({ file: c.file, reason });
    };
    if (!typeForExtension(extension)) {
      fail(`".${extension}" files are not a supported document type (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`);
      continue;
    }
    const name = nameOf(c.inFolder);
    const problem = checkSegment(name);
    if (problem) {
      fail(problem.message);
      continue;
    }
    const hash = await sha256(c.file);
    const first = byHash.get(hash);
    if (first) {
      duplicates.push({ file: c.file, of: first.file });
      first.origins.push(c.file);
      continue;
    }
    const plan: Plan = {
      file: c.file,
      named: c.named,
      document: path.join(dir, `${name}.${extension === 'jpeg' ? 'jpg' : extension}`),
      sidecar: path.join(dir, `${name}.md`),
      origins: [c.file],
    };
    const taken = [plan.document, plan.sidecar].find((t) => targets.has(t));
    if (taken) {
      fail(`it would be added as ${taken}, as another file is; rename one`);
      continue;
    }
    const existing = await Promise.all(
      [plan.document, plan.sidecar].map((t) =>
        stat(t).then(
          () => t,
          () => undefined,
        ),
      ),
    );
    const there = existing.find(Boolean);
    byHash.set(hash, plan);
    if (there) {
      if (c.named) throw new Error(`${there} already exists; it was left as it was (nothing was added)`);
      // Its copies elsewhere in the folder are copies of what is there, not new documents.
      skipped.push({ file: c.file, reason: 'already in the collection (added before; nothing was overwritten)' });
      continue;
    }
    targets.add(plan.document);
    targets.add(plan.sidecar);
    plans.push(plan);
  }
  return { plans, duplicates };
}

/** A file's name in the collection from its path in its folder: `bulletins/2020/Weekly Memo.pdf` → `bulletins--2020--weekly-memo`. */
function nameOf(inFolder: string): string {
  const parts = inFolder.split(/[\\/]/);
  parts[parts.length - 1] = path.basename(parts.at(-1)!, path.extname(parts.at(-1)!));
  return parts.map((part) => suggestSegment(part) || 'file').join('--');
}

/** Copies the files read and writes their sidecars; a failed write takes back what this run wrote, and only that. */
async function writeAdds(plans: Plan[], filled: (Prefill | undefined)[]): Promise<Added[]> {
  const added: Added[] = [];
  const written: string[] = [];
  try {
    for (const [i, p] of plans.entries()) {
      const fill = filled[i];
      if (!fill) continue;
      await mkdir(path.dirname(p.document), { recursive: true });
      await copyFile(p.file, p.document, 1 /* COPYFILE_EXCL */);
      written.push(p.document);
      await writeFile(p.sidecar, sidecarFor(fill, originOf(p.origins)), { flag: 'wx' });
      written.push(p.sidecar);
      added.push({ document: p.document, sidecar: p.sidecar });
    }
  } catch (e) {
    // Disk full, or a file appeared meanwhile.
    await Promise.all(written.map((f) => rm(f, { force: true })));
    throw new Error(`${(e as Error).message}; nothing was added`, { cause: e });
  }
  return added;
}

/** Where the file was found; for a file found in several places, each of them (the first ORIGINS_IN_SIDECAR). */
function originOf(origins: string[]): string {
  if (origins.length === 1) return origins[0]!;
  const listed = origins.slice(0, ORIGINS_IN_SIDECAR).join('; ');
  return `${listed}${origins.length > ORIGINS_IN_SIDECAR ? `; and ${origins.length - ORIGINS_IN_SIDECAR} more places` : ''} (the same file, byte for byte)`;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The files to add: named files as they are, folders walked (in name order), with what cannot be walked skipped. */
async function expand(inputs: string[], skipped: Skipped[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const input of inputs) {
    const info = await lstat(input).catch(() => undefined);
    if (!info) throw new Error(`${input}: no such file or folder (nothing was added)`);
    if (info.isDirectory()) await walk(input, '', out, skipped);
    else if (info.isSymbolicLink()) throw new Error(`${input}: it is a link; name the file it points to (nothing was added)`);
    else out.push({ file: input, named: true, inFolder: path.basename(input) });
  }
  return out;
}

async function walk(root: string, relative: string, out: Candidate[], skipped: Skipped[]): Promise<void> {
  const here = path.join(root, relative);
  const entries = (await readdir(here, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = relative ? path.join(relative, e.name) : e.name;
    const file = path.join(root, rel);
    if (e.name.startsWith('.')) skipped.push({ file, reason: 'hidden (its name starts with ".")' });
    // A link could point anywhere on the machine (a leak's folder is hostile input): never followed.
    else if (e.isSymbolicLink()) skipped.push({ file, reason: 'a link (links are not followed; add the file it points to by name)' });
    else if (e.isDirectory()) await walk(root, rel, out, skipped);
    else if (e.isFile()) out.push({ file, named: false, inFolder: rel });
    else skipped.push({ file, reason: 'not a regular file' });
  }
}
