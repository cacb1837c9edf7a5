/**
 * `about/files/index.html`: a plain page linking every file of the site
 * (Pagefind's index, downloads, the manifest and its signature included).
 * Link-following mirror tools (`wget --mirror`) find files only through
 * links; with this page, such a copy is complete and verifies.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST, SIGNATURE } from '../../signing/trove-verify.mjs';
import { ABOUT_PATH, relativeUrl } from '../../lib/urls.ts';
import { withPolicy } from './csp.ts';
import { listSiteFiles } from './manifest.ts';
import type { StepContext } from '../step.ts';

export const FILE_INDEX_PATH = `${ABOUT_PATH}files/`;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function writeFileIndex({ outDir, pipeline }: StepContext): Promise<void> {
  const self = `${FILE_INDEX_PATH}index.html`;
  const files = [...(await listSiteFiles(outDir)).filter((f) => f !== self), MANIFEST, SIGNATURE];
  const items = files
    .map((f) => `<li><a href="${escape(relativeUrl(FILE_INDEX_PATH, f.split('/').map(encodeURIComponent).join('/')))}">${escape(f)}</a></li>`)
    .join('\n');
  const { site } = pipeline.data;
  const html = `<!doctype html>
<html lang="${escape(site.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>All files · ${escape(site.title)}</title></head>
<body>
<p><a href="${relativeUrl(FILE_INDEX_PATH, 'index.html')}">${escape(site.title)}</a> › <a href="../index.html">About</a></p>
<h1>All files of this site</h1>
<p>Every file of this copy, for mirroring tools that follow links. Check a copy with <code>node trove-verify.mjs &lt;folder or URL&gt;</code>.</p>
<ul>
${items}
</ul>
</body>
</html>
`;
  await mkdir(path.join(outDir, FILE_INDEX_PATH), { recursive: true });
  await writeFile(path.join(outDir, self), withPolicy(html));
}
