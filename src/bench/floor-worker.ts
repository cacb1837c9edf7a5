/**
 * The benchmark's floor: pdf.js alone rasterizing pages, as the PDF
 * processor renders them (same width, same canvas, pdf.js kept warm across
 * documents) but nothing else: no text, no audit, no encoding. Runs in a
 * worker thread; the parent splits the files.
 *
 * @napi-rs/canvas (Skia) records drawing calls and paints them only when
 * pixels are first read: `render()` resolving means pdf.js has drawn, not
 * that any pixel exists (the paint, a good part of a page's time, happens
 * at the first read). Reading one pixel makes Skia paint the whole page,
 * so the floor is a real rasterization; the page's pixels are not copied out.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { AnnotationMode } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from '../pipeline/processors/pdfjs.ts';

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: { getImageData(x: number, y: number, w: number, h: number): unknown } };
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
      cc.context.getImageData(0, 0, 1, 1);
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
