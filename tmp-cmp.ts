import { readFile } from 'node:fs/promises';
import { execSync } from 'node:child_process';
import { openPdf } from './src/pipeline/processors/pdfjs.ts';
import { renderPixels, renderedOperatorList, scaleFor } from './src/pipeline/processors/pdf-render.ts';
import { isTextOnWhite, overWhite } from './src/pipeline/processors/pdf-text-on-white.ts';
import { fontsOf } from './src/pipeline/processors/pdf-visibility.ts';
const files = execSync("find /work/shared/corpus /work/main/content /work/main/tests/fixtures /tmp/prof/content -iname '*.pdf'").toString().trim().split('\n');
let n = 0, worst = 0, diffpx = 0;
for (const f of files) {
  let o; try { o = await openPdf(new Uint8Array(await readFile(f)), 1e8); } catch { continue; }
  for (let p = 1; p <= Math.min(o.pdf.numPages, 6); p++) {
    try {
      const page = await o.pdf.getPage(p);
      const s = scaleFor(page, 1000);
      const t = await renderPixels(page, o.pdf, s, 'text-only');
      const ops = renderedOperatorList(page)!;
      const fonts = fontsOf(page);
      if (!isTextOnWhite(ops, (x) => fonts.type3(x))) continue;
      const d = overWhite(t); const r = await renderPixels(page, o.pdf, s);
      let m = 0, c = 0;
      for (let i = 0; i < d.data.length; i++) { const x = Math.abs(d.data[i]! - r.data[i]!); if (x > m) m = x; if (x > 2) c++; }
      n++; if (m > worst) { worst = m; console.log('worst', m, c, f, p); } diffpx += c;
    } catch (e) { break; }
  }
  await o.close();
}
console.log({ derivable: n, worst, diffpx });
