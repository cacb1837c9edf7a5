/**
 * `about/files/index.html`: the page (src/pages/about/files/) linking every
 * file of the site (Pagefind's index, downloads, the manifest, and its
 * signature when the build signs it). Link-following mirror tools (`wget
 * --mirror`) find files only through links; with this page, such a copy is
 * complete and verifies. Astro writes the page in the site's layout with an
 * empty list; this step, which runs once every other file is written, fills
 * the list in. Only the body changes, so the page's policy (csp.ts, which
 * hashes the head's styles) still holds.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST, SIGNATURE } from '../../signing/trove-verify.mjs';
import { ABOUT_PATH, relativeUrl } from '../../lib/urls.ts';
import { loadSigningKey } from '../../signing/keys.ts';
import { listSiteFiles } from './manifest.ts';
import type { StepContext } from '../step.ts';

export const FILE_INDEX_PATH = `${ABOUT_PATH}files/`;

/** The empty list the page is built with. */
export const FILE_LIST_MARKER = '<ul class="file-list" id="file-list"></ul>';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function writeFileIndex({ outDir }: StepContext): Promise<void> {
  const self = `${FILE_INDEX_PATH}index.html`;
  const file = path.join(outDir, self);
  const page = await readFile(file, 'utf8');
  const at = page.indexOf(FILE_LIST_MARKER);
  if (at === -1) throw new Error(`${self} has no empty file list to fill in (src/pages/about/files/index.astro must keep ${FILE_LIST_MARKER})`);
  // The signature is written with the manifest, after this page, and only when the build signs.
  const signed = loadSigningKey(process.env, process.cwd()) !== undefined;
  const files = [...(await listSiteFiles(outDir)).filter((f) => f !== self), MANIFEST, ...(signed ? [SIGNATURE] : [])];
  const items = files
    .map((f) => `<li><a href="${escape(relativeUrl(FILE_INDEX_PATH, f.split('/').map(encodeURIComponent).join('/')))}">${escape(f)}</a></li>`)
    .join('\n');
  const list = `<ul class="file-list" id="file-list">\n${items}\n</ul>`;
  await writeFile(file, page.slice(0, at) + list + page.slice(at + FILE_LIST_MARKER.length));
}
