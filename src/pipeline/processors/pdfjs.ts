/**
 * Opening PDFs with pdfjs-dist in Node, and turning its exceptions into
 * reasons an editor can act on. Node-only.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DocumentError } from '../errors.ts';

const require = createRequire(import.meta.url);
const pdfjsRoot = `${path.dirname(require.resolve('pdfjs-dist/package.json'))}/`;

export interface OpenedPdf {
  pdf: PDFDocumentProxy;
  /** Releases everything pdf.js holds for this document. Always call it. */
  close(): Promise<void>;
}

export async function openPdf(data: Uint8Array, maxImagePixels: number): Promise<OpenedPdf> {
  if (data.byteLength === 0) {
    throw new DocumentError('the file is empty (0 bytes)', 'replace it with the real document');
  }
  const task = getDocument({
    data,
    standardFontDataUrl: `${pdfjsRoot}standard_fonts/`,
    cMapUrl: `${pdfjsRoot}cmaps/`,
    cMapPacked: true,
    wasmUrl: `${pdfjsRoot}wasm/`,
    iccUrl: `${pdfjsRoot}iccs/`,
    enableXfa: false,
    maxImageSize: maxImagePixels,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    return { pdf, close: () => task.destroy() };
  } catch (e) {
    await task.destroy().catch(() => {});
    throw explainPdfError(e);
  }
}

export function explainPdfError(e: unknown): Error {
  if (e instanceof DocumentError) return e;
  const err = e as { name?: string; message?: string; code?: number };
  const detail = String(err?.message ?? e)
    .split('\n')[0]
    ?.slice(0, 200);
  switch (err?.name) {
    case 'PasswordException':
      return new DocumentError(
        'the PDF is encrypted and needs a password to open',
        'publish a decrypted copy (for example `qpdf --decrypt --password=... in.pdf out.pdf`)',
      );
    case 'InvalidPDFException':
      return new DocumentError(
        `the file is not a readable PDF (corrupt or truncated): ${detail}`,
        'check that the file is complete; re-export or repair it (for example with `qpdf in.pdf out.pdf`)',
      );
    case 'MissingPDFException':
    case 'ResponseException':
    case 'UnknownErrorException':
    case 'FormatError':
      return new DocumentError(
        `pdf.js could not read the PDF: ${detail}`,
        'the file may be damaged; re-export or repair it (for example with `qpdf in.pdf out.pdf`)',
      );
    default:
      return new DocumentError(
        `pdf.js failed on this PDF: ${detail}`,
        'the file may be damaged; re-export or repair it (for example with `qpdf in.pdf out.pdf`)',
      );
  }
}

/** pdf.js's own version, part of every cache key. */
export function pdfjsVersion(): string {
  return (require('pdfjs-dist/package.json') as { version: string }).version;
}
