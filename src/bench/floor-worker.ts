/**
 * The benchmark's floor: pdf.js alone rasterizing pages, as the PDF
 * processor renders them (same width, same canvas, pdf.js kept warm across
 * documents) but nothing else: no text, no audit, no pixels read back, no
 * encoding. Runs in a worker thread; the parent splits the files.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { AnnotationMode } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from '../pipeline/processors/pdfjs.ts';

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: unknown };
  destroy(cc: unknown): void;
}

const { files, widthPx } = workerData as { files: string[]; widthPx: number };
let pages = 0;
for (const file of files) {
  const { pdf, close } = await openPdf(new Uint8Array(await readFile(file)), 100_000_000);
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const unit = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: Math.min(widthPx / unit.width, (widthPx * 8) / unit.height) });
      const factory = pdf.canvasFactory as CanvasFactory;
      const cc = factory.create(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
      await page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport, annotationMode: AnnotationMode.DISABLE }).promise;
      factory.destroy(cc);
      page.cleanup();
      pages++;
      parentPort!.postMessage({ kind: 'page' });
    }
  } finally {
    await close();
  }
}
parentPort!.postMessage({ kind: 'done', pages });
