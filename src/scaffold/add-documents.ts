/**
 * Adding documents: copies files into `content/documents/<collection>/` and
 * writes a sidecar for each, pre-filled from the file (title, date, page
 * count) and marked `needsReview: true`, so nothing is published before an
 * editor has looked at it. Refuses to overwrite a document or sidecar.
 */
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { checkSegment, suggestSegment } from '../lib/ids.ts';
import { openPdf } from '../pipeline/processors/pdfjs.ts';
import { SUPPORTED_EXTENSIONS, typeForExtension } from '../pipeline/processors/registry.ts';

export interface Prefill {
  title: string;
  date?: string;
  pages: number;
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

async function prefill(file: string): Promise<Prefill> {
  const type = typeForExtension(path.extname(file).slice(1).toLowerCase());
  const fallback = { title: titleFromFileName(file), date: dateFromFileName(file) };
  if (type === 'pdf') {
    const { pdf, close } = await openPdf(new Uint8Array(await readFile(file)), 100_000_000);
    try {
      const { info } = (await pdf.getMetadata()) as { info: Record<string, unknown> };
      const title = typeof info.Title === 'string' && info.Title.trim().length > 3 ? info.Title.trim() : fallback.title;
      return { title, date: fallback.date ?? pdfDate(info.CreationDate), pages: pdf.numPages };
    } finally {
      await close();
    }
  }
  await sharp(file).metadata();
  const exif = (await exifr.parse(file, ['DateTimeOriginal', 'CreateDate']).catch(() => undefined)) as { DateTimeOriginal?: Date; CreateDate?: Date } | undefined;
  const taken = exif?.DateTimeOriginal ?? exif?.CreateDate;
  return { title: fallback.title, date: fallback.date ?? (taken instanceof Date ? taken.toISOString().slice(0, 10) : undefined), pages: 1 };
}

export function sidecarFor(p: Prefill, originalName: string): string {
  return `---
title: ${JSON.stringify(p.title)}
${p.date ? `date: "${p.date}"` : '# date: "YYYY-MM-DD"'}
source: ""
description: ""
tags: []
pages: ${p.pages}
origin: ${JSON.stringify(originalName)}
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
  const added: Added[] = [];
  for (const p of plans) {
    const filled = await prefill(p.file).catch((e) => {
      throw new Error(`${p.file}: cannot read it (${(e as Error).message}); check the file`);
    });
    await mkdir(path.dirname(p.document), { recursive: true });
    await copyFile(p.file, p.document, 1 /* COPYFILE_EXCL */);
    await writeFile(p.sidecar, sidecarFor(filled, path.basename(p.file)), { flag: 'wx' });
    added.push({ document: p.document, sidecar: p.sidecar });
  }
  return added;
}
