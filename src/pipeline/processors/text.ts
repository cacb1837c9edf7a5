/**
 * Plain text and markdown documents (`.txt`, `.markdown`; `.md` files are
 * sidecars). The file is decoded whatever its encoding, cleaned of control
 * characters, and cut into page-like sections at line ends, so long files
 * get anchors and search records per section like PDF pages. Sections have
 * text and no image. The download is the cleaned text in UTF-8.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rulesFor } from '../audit/rules/index.ts';
import type { Finding } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import { decodeText, sanitizeText } from '../text/encoding.ts';
import { writeGenericThumbnail } from './thumbnail.ts';
import type { PageResult, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

/** Longest section, in characters. */
export const SECTION_CHARS = 3000;

/** Cuts text into sections of at most `max` characters, at line ends where possible. */
export function sections(text: string, max = SECTION_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    let rest = `${line}\n`;
    while (rest.length > max) {
      if (current) {
        out.push(current);
        current = '';
      }
      out.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    if (current.length + rest.length > max) {
      out.push(current);
      current = '';
    }
    current += rest;
  }
  if (current.trim()) out.push(current);
  return out.map((s) => s.replace(/\s+$/, ''));
}

export const textProcessor: Processor = {
  type: 'text',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const bytes = await readFile(job.absPath);
    if (bytes.byteLength === 0) throw new DocumentError('the file is empty (0 bytes)', 'replace it with the real document');
    const { text } = decodeText(bytes);
    const clean = sanitizeText(text);
    if (!clean.trim()) throw new DocumentError('the file has no text', 'check that it is the right file');
    const parts = sections(clean);
    const pages: PageResult[] = parts.map((t, i) => ({ pageNumber: i + 1, widthPx: 0, heightPx: 0, text: t, noImage: true }));
    const findings: Finding[] = [];
    for (const page of pages) for (const rule of rulesFor('text')) findings.push(...rule.check(page.pageNumber, page.text));
    await mkdir(job.outDir, { recursive: true });
    const extension = path.extname(job.absPath).slice(1).toLowerCase() === 'markdown' ? 'markdown' : 'txt';
    await writeFile(path.join(job.outDir, `download.${extension}`), clean.endsWith('\n') ? clean : `${clean}\n`);
    const thumbnail = await writeGenericThumbnail(path.join(job.outDir, 'thumb.webp'), job.options, 'text');
    progress(pages.length, pages.length);
    return { type: 'text', pageCount: pages.length, pages, thumbnail, downloadExtension: extension, findings };
  },
};
