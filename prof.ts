import { openPdf } from './src/pipeline/processors/pdfjs.ts';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
for (const file of ['/tmp/bench-c/documents/c001/doc-000001.pdf', 'dist/documents/appeals-courts/2020-12-22-calvary-chapel-of-bangor-v-mills/download.pdf']) {
const bytes = new Uint8Array(readFileSync(file));
const { pdf, close } = await openPdf(bytes.slice(), 1e8);
const page = await pdf.getPage(2);
const unit = page.getViewport({ scale: 1 });
const vp = page.getViewport({ scale: 1000 / unit.width });
const cc = pdf.canvasFactory.create(Math.round(vp.width), Math.round(vp.height));
await page.render({ canvas: cc.canvas, canvasContext: cc.context, viewport: vp, annotationMode: 0 }).promise;
const img = cc.context.getImageData(0, 0, cc.canvas.width, cc.canvas.height);
const raw = () => sharp(Buffer.from(img.data.buffer), { raw: { width: img.width, height: img.height, channels: 4 } }).removeAlpha();
const variants = {
  'webp q78 e4': () => raw().webp({ quality: 78 }),
  'webp q78 e2': () => raw().webp({ quality: 78, effort: 2 }),
  'webp q70 e2': () => raw().webp({ quality: 70, effort: 2 }),
  'webp q78 e1': () => raw().webp({ quality: 78, effort: 1 }),
  'webp lossless e0': () => raw().webp({ lossless: true, effort: 0 }),
  'webp lossless e1': () => raw().webp({ lossless: true, effort: 1 }),
  'webp nearLossless q60 e1': () => raw().webp({ nearLossless: true, quality: 60, effort: 1 }),
  'webp grey lossless e1': () => raw().toColourspace('b-w').webp({ lossless: true, effort: 1 }),
};
for (const [name, f] of Object.entries(variants)) {
  const t = performance.now(); let size = 0;
  for (let i = 0; i < 4; i++) size = (await f().toBuffer()).length;
  console.log(file.slice(-20), name, ((performance.now() - t) / 4).toFixed(0), 'ms', size);
}
await close();
}
