/**
 * The OCR figures' worker thread: reads its share of the generated scans
 * with Trove's own engine (ocr/engine.ts: tesseract.js, the settings the
 * build uses), one page after another, and posts each page's text.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { closeOcr, recognize } from '../pipeline/processors/ocr/engine.ts';

const { files, languages } = workerData as { files: string[]; languages: string[] };
for (const file of files) {
  const page = await recognize(await readFile(file), languages);
  parentPort!.postMessage({ kind: 'page', file, text: page.text });
}
await closeOcr();
parentPort!.postMessage({ kind: 'done' });
