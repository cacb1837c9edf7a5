/**
 * Office files (docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, rtf): converted
 * to PDF by LibreOffice (headless, with a throwaway profile), then processed
 * exactly like a PDF: text, page images, audit, a rebuilt download. The
 * converted PDF, never the Office file, is what gets published. Without
 * LibreOffice the document fails, naming the package to install.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DocumentError } from '../errors.ts';
import { pdfProcessor } from './pdf.ts';
import type { ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

const run = promisify(execFile);

export const OFFICE_PACKAGES = 'libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui';

let soffice: Promise<string | undefined> | undefined;

/** The LibreOffice binary, if installed. */
export function findLibreOffice(): Promise<string | undefined> {
  soffice ??= (async () => {
    // TROVE_SOFFICE=none behaves as if LibreOffice were not installed (tests, or to refuse Office files).
    if (process.env.TROVE_SOFFICE === 'none') return undefined;
    for (const candidate of [process.env.TROVE_SOFFICE, 'soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].filter(Boolean) as string[]) {
      try {
        await run(candidate, ['--version'], { timeout: 60_000 });
        return candidate;
      } catch {}
    }
    return undefined;
  })();
  return soffice;
}

export const officeProcessor: Processor = {
  type: 'office',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const binary = await findLibreOffice();
    if (!binary) {
      throw new DocumentError(
        'Office files are converted to PDF with LibreOffice, which is not installed',
        `install it (Debian/Ubuntu: apt-get install ${OFFICE_PACKAGES}), or convert the file to PDF yourself and add the PDF instead`,
      );
    }
    const work = await mkdtemp(path.join(tmpdir(), 'trove-office-'));
    // Conversion reports no pages: tell the pool it is alive so the stall limit does not stop it.
    const alive = setInterval(() => progress(0, 0), 10_000);
    try {
      const profile = path.join(work, 'profile');
      const out = path.join(work, 'out');
      await mkdir(out);
      try {
        await run(
          binary,
          [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', out, job.absPath],
          { timeout: 10 * 60_000, maxBuffer: 4 * 1024 * 1024 },
        );
      } catch (e) {
        throw new DocumentError(`LibreOffice could not convert the file: ${String((e as Error).message).split('\n')[0]}`, 'check that the file opens in an Office program; re-save it, or export it to PDF');
      }
      const pdf = (await readdir(out)).find((f) => f.toLowerCase().endsWith('.pdf'));
      if (!pdf) throw new DocumentError('LibreOffice produced no PDF from this file', 'check that the file opens in an Office program; re-save it, or export it to PDF');
      clearInterval(alive);
      const result = await pdfProcessor.process({ ...job, type: 'pdf', absPath: path.join(out, pdf) }, progress);
      return { ...result, type: 'office' };
    } finally {
      clearInterval(alive);
      await rm(work, { recursive: true, force: true });
    }
  },
};
