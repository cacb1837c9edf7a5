/**
 * Plain text and markdown documents (`.txt`, `.markdown`; `.md` files are
 * sidecars). The file is decoded whatever its encoding, cleaned of control
 * characters (a form feed becomes a line break), and cut into page-like
 * sections at line ends, so long files get anchors and search records per
 * section like PDF pages; the audit also reads across each cut. Sections have
 * text and no image. `redactText` applies to the whole text first. The
 * download is the cleaned, redacted text in UTF-8.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { auditSections } from '../audit/text-sections.ts';
import { DocumentError } from '../errors.ts';
import { decodeText, sanitizeText } from './text/encoding.ts';
import { writeGenericThumbnail } from './thumbnail.ts';
import { TextRedactor, textRedactionCounts } from '../redact/text-redactor.ts';
import type { PageResult, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

/** Longest section, in characters. */
export const SECTION_CHARS = 3000;

/** Cuts text into sections of at most `max` characters, at line ends where possible, else between words. */
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
      // Between words if there is a space in the second half of the piece, so a word or a number stays whole.
      const space = rest.lastIndexOf(' ', max - 1);
      const cut = space > max / 2 ? space + 1 : max;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
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
    // A form feed is a page break: it ends a line, not nothing (which would join the words, or a number's digits, on either side).
    const clean = sanitizeText(text.replace(/\f/g, '\n'));
    if (!clean.trim()) throw new DocumentError('the file has no text', 'check that it is the right file');
    // Redacted before it is cut into sections: a name across a cut is still found, and the download is the same text.
    const redactor = new TextRedactor(job.redaction?.texts ?? [], job.audit);
    const published = redactor.redact(clean);
    const parts = sections(published);
    const pages: PageResult[] = parts.map((t, i) => ({ pageNumber: i + 1, widthPx: 0, heightPx: 0, text: t, noImage: true }));
    const findings = auditSections(pages, job.audit);
    await mkdir(job.outDir, { recursive: true });
    const extension = path.extname(job.absPath).slice(1).toLowerCase() === 'markdown' ? 'markdown' : 'txt';
    await writeFile(path.join(job.outDir, `download.${extension}`), published.endsWith('\n') ? published : `${published}\n`);
    const thumbnail = await writeGenericThumbnail(path.join(job.outDir, 'thumb.webp'), job.options, 'text');
    progress(pages.length, pages.length);
    return { type: 'text', pageCount: pages.length, pages, thumbnail, downloadExtension: extension, findings, ...textRedactionCounts(redactor) };
  },
};
