/** Reading PDFs back in tests, with the real pdf.js set up as the pipeline sets it up. */
import { readFile } from 'node:fs/promises';
import { openPdf } from '../../src/pipeline/processors/pdfjs.ts';

export interface PdfReadBack {
  pages: string[];
  info: Record<string, unknown>;
  hasXmp: boolean;
  attachments: string[];
}

export async function readPdf(file: string): Promise<PdfReadBack> {
  const { pdf, close } = await openPdf(new Uint8Array(await readFile(file)), 100_000_000);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
    }
    const { info, metadata } = await pdf.getMetadata();
    const raw = (await pdf.getAttachments()) as unknown;
    const attachments = raw instanceof Map ? [...raw.keys()] : Object.keys(raw ?? {});
    return { pages, info: info as Record<string, unknown>, hasXmp: Boolean(metadata), attachments };
  } finally {
    await close();
  }
}
