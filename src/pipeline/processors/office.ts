/**
 * Office files (docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, rtf): converted
 * to PDF by LibreOffice (headless, with a throwaway profile), then processed
 * exactly like a PDF: text, page images, audit, a rebuilt download. The
 * converted PDF, never the Office file, is what gets published. Without
 * LibreOffice the document fails, naming the package to install.
 *
 * An Office file can ask for content from elsewhere while it is opened:
 * a linked (not embedded) image on a web server is a tracking beacon
 * against the publisher, and one linked from the local disk pulls a file of
 * the build machine into the published PDF. So LibreOffice runs without
 * network access (in a network namespace of its own, `unshare -rn`), and its
 * throwaway profile blocks linked content, link updates and macros.
 *
 * Before converting, the file's tracked changes and comments are counted
 * (processors/office/markup.ts) for the audit: LibreOffice would publish a tracked
 * deletion struck through. A zip package (docx, xlsx, pptx, odt, ods, odp)
 * is read directly; any other file (doc, xls, ppt, rtf) is first written as
 * OpenDocument by LibreOffice, which is then both what is inspected and
 * what is converted to PDF, so the audit sees what LibreOffice read.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { rulesFor } from '../audit/rules/index.ts';
import type { Finding, OfficeMarkupInput } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import { officeMarkup } from './office/markup.ts';
import { isZip, UnreadablePackageError } from './office/zip-entries.ts';
import { processPdfJob } from './pdf.ts';
import type { JobAnswer, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

const run = promisify(execFile);

export const OFFICE_PACKAGES = 'libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui';

let soffice: Promise<string | undefined> | undefined;
let isolation: Promise<string[] | string> | undefined;

/**
 * The profile every conversion starts from. `BlockUntrustedRefererLinks`
 * keeps linked images and other linked content out (they would be fetched,
 * or read from disk); "update links when loading" is never (Writer 0,
 * Calc 1: their enumerations differ), and macros never run. PDF export
 * leaves comments and speaker notes out, whatever LibreOffice's defaults
 * become (a sheet set to print its notes still prints them: the audit's
 * `office-comments` finding covers that).
 */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportNotes" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportNotesPages" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportOnlyNotesPages" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/**
 * The command prefix that runs LibreOffice without network access, or why
 * there is none. `unshare -rn` (util-linux) needs no privileges where the
 * kernel allows unprivileged user namespaces (the default on Debian 11+).
 * TROVE_OFFICE_NETWORK=allow runs LibreOffice as it is, with the network.
 */
export function officeIsolation(): Promise<string[] | string> {
  isolation ??= (async () => {
    if (process.env.TROVE_OFFICE_NETWORK === 'allow') return [];
    try {
      await run('unshare', ['-rn', 'true'], { timeout: 30_000 });
      return ['unshare', '-rn'];
    } catch (e) {
      return String((e as Error).message).split('\n')[0];
    }
  })();
  return isolation;
}

/** The LibreOffice binary, if installed. */
export function findLibreOffice(): Promise<string | undefined> {
  soffice ??= (async () => {
    // TROVE_SOFFICE=none behaves as if LibreOffice were not installed (tests, or to refuse Office files).
    if (process.env.TROVE_SOFFICE === 'none') return undefined;
    for (const candidate of [process.env.TROVE_SOFFICE, 'soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].filter(
      Boolean,
    ) as string[]) {
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
    const answer = await processOfficeJob({ ...job, part: undefined }, progress);
    if (answer.kind !== 'result') throw new Error(`a whole-document Office job answered "${answer.kind}"`);
    return answer.result;
  },
};

/** Where a long Office file's conversion waits in the job's folder for the parts to read it (see documents/split-document.ts). */
export const CONVERTED_PDF = 'converted.pdf';

/**
 * Converts the file and processes the PDF whole; or, when the job allows
 * splitting (`job.part.splitAbove`) and the PDF is long, keeps the PDF in the
 * job's folder and answers with its page count and place, for the parts to
 * read as a PDF.
 */
export async function processOfficeJob(job: ProcessJob, progress: ProgressFn): Promise<JobAnswer> {
  const binary = await findLibreOffice();
  if (!binary) {
    throw new DocumentError(
      'Office files are converted to PDF with LibreOffice, which is not installed',
      `install it (Debian/Ubuntu: apt-get install ${OFFICE_PACKAGES}), or convert the file to PDF yourself and add the PDF instead`,
    );
  }
  const isolated = await officeIsolation();
  if (typeof isolated === 'string') {
    throw new DocumentError(
      `LibreOffice must run without network access (an Office file can make it fetch linked content), and \`unshare -rn\` failed here: ${isolated}`,
      'install util-linux and allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; in a container, one that permits unshare), or set TROVE_OFFICE_NETWORK=allow to convert with network access (linked content stays blocked by the LibreOffice profile), or convert the file to PDF yourself',
    );
  }
  const work = await mkdtemp(path.join(tmpdir(), 'trove-office-'));
  // Conversion reports no pages: tell the pool it is alive so the stall limit does not stop it.
  const alive = setInterval(() => progress(0, 0), 10_000);
  try {
    const profile = path.join(work, 'profile');
    await mkdir(path.join(profile, 'user'), { recursive: true });
    await writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
    const convert = (source: string, format: string, outDir: string) => convertFile([...isolated, binary], profile, source, format, outDir);
    const { source, findings } = await inspected(job.absPath, (format) => convert(job.absPath, format, path.join(work, 'odf')));
    const pdf = await convert(source, 'pdf', path.join(work, 'out'));
    clearInterval(alive);
    const splitAbove = job.part?.kind === 'whole' ? job.part.splitAbove : undefined;
    const answer = await processPdfJob({ ...job, type: 'pdf', absPath: pdf, part: { kind: 'whole', splitAbove } }, progress);
    if (answer.kind === 'result') return { kind: 'result', result: { ...answer.result, type: 'office', findings: [...findings, ...answer.result.findings] } };
    if (answer.kind !== 'split') throw new Error(`a whole-document PDF job answered "${answer.kind}"`);
    // Long: the parts read the conversion from the job's folder (documents/split-document.ts removes it after).
    const converted = path.join(job.outDir, CONVERTED_PDF);
    await mkdir(job.outDir, { recursive: true });
    await copyFile(pdf, converted);
    return { ...answer, source: converted, findings };
  } finally {
    clearInterval(alive);
    await rm(work, { recursive: true, force: true });
  }
}

/** OpenDocument format LibreOffice writes a file that is not a zip package in, before it is inspected: by the kind its extension says. */
function openDocumentFormat(file: string): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  return ['xls', 'xlsx', 'ods'].includes(ext) ? 'ods' : ['ppt', 'pptx', 'odp'].includes(ext) ? 'odp' : 'odt';
}

/**
 * The file to convert to PDF and the audit's findings on its tracked
 * changes and comments. A zip package is read as it is; anything else, or
 * a zip the reader refuses but LibreOffice might open, is first written as
 * OpenDocument by `toOpenDocument`, and that is read and converted.
 */
async function inspected(file: string, toOpenDocument: (format: string) => Promise<string>): Promise<{ source: string; findings: Finding[] }> {
  const head = new Uint8Array(4);
  const handle = await open(file);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (isZip(head)) {
    try {
      return { source: file, findings: officeFindings(await officeMarkup(file)) };
    } catch (e) {
      if (!(e instanceof UnreadablePackageError)) throw e;
    }
  }
  const source = await toOpenDocument(openDocumentFormat(file));
  return { source, findings: officeFindings(await officeMarkup(source)) };
}

function officeFindings(markup: OfficeMarkupInput): Finding[] {
  return rulesFor('office').flatMap((rule) => rule.check(markup));
}

/** Has LibreOffice convert `source` to `format` in `outDir`; returns the file it wrote. */
async function convertFile(command: string[], profile: string, source: string, format: string, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const [program, ...args] = command;
  try {
    await run(
      program!,
      [
        ...args,
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        format,
        '--outdir',
        outDir,
        source,
      ],
      { timeout: 10 * 60_000, maxBuffer: 4 * 1024 * 1024 },
    );
  } catch (e) {
    throw new DocumentError(
      `LibreOffice could not convert the file: ${String((e as Error).message).split('\n')[0]}`,
      'check that the file opens in an Office program; re-save it, or export it to PDF',
    );
  }
  const written = (await readdir(outDir)).find((f) => f.toLowerCase().endsWith(`.${format}`));
  if (!written)
    throw new DocumentError(
      `LibreOffice produced no ${format.toUpperCase()} from this file`,
      'check that the file opens in an Office program; re-save it, or export it to PDF',
    );
  return path.join(outDir, written);
}
