/**
 * `npm run mirror-kit`: packs the built site (TROVE_OUT, default dist/) and
 * its manifest into one archive next to it, `<site>-<date>.tar.gz`, and
 * writes a `.torrent` of the archive whose web seeds are the site's URL and
 * the mirrors listed in content/site.yml (BitTorrent clients fetch
 * `<seed>/<archive name>`, so publish the archive beside index.html). The
 * folder is verified against its manifest first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import createTorrent from 'create-torrent';
import { create as createTar } from 'tar';
import { MANIFEST, SIGNATURE, siteKey, verifyCopy } from '../src/signing/trove-verify.mjs';
import { listSiteFiles } from '../src/build/steps/manifest.ts';
import { projectFolders } from '../src/pipeline/folders.ts';

const folders = projectFolders();
const outDir = folders.out;
const manifestText = await readFile(path.join(outDir, MANIFEST), 'utf8').catch(() => undefined);
if (!manifestText) {
  console.error(`mirror-kit: ${path.relative(process.cwd(), outDir) || outDir}/${MANIFEST} not found; run \`npm run build\` first`);
  process.exit(1);
}
const manifest = JSON.parse(manifestText) as {
  site: { title: string; url: string | null; mirrors?: string[] };
  builtAt: string;
  troveVersion: string;
  kit: { base: string; archive: string; torrent: string };
};

// The key the project publishes is the one the copy must carry: pinned from site.yml, not taken from the manifest.
const check = await verifyCopy(outDir, { ...siteKey(path.join(folders.content, 'site.yml')), progress: process.stderr });
if (check.exit === 1 || check.exit === 4 || check.exit === 6) {
  console.error(
    `mirror-kit: ${outDir} does not match its manifest (${check.error ?? `${check.altered?.length} altered, ${check.missing?.length} missing, ${check.extra?.length} extra`}); rebuild it`,
  );
  process.exit(1);
}
if (check.signature?.state !== 'valid') console.warn(`mirror-kit: warning: ${check.signature?.detail}`);

const parent = path.dirname(outDir);
const archive = path.join(parent, manifest.kit.archive);
const files = [...(await listSiteFiles(outDir)), MANIFEST, ...(check.signature?.state === 'absent' ? [] : [SIGNATURE])];
await createTar({ gzip: { level: 9 }, cwd: outDir, file: archive, portable: true, prefix: manifest.kit.base, mtime: new Date(manifest.builtAt) }, files);

const seeds = [manifest.site.url, ...(manifest.site.mirrors ?? [])].filter((u): u is string => Boolean(u)).map((u) => (u.endsWith('/') ? u : `${u}/`));
const torrent: Buffer = await new Promise((resolve, reject) =>
  createTorrent(
    archive,
    {
      name: manifest.kit.archive,
      urlList: seeds,
      announceList: [],
      createdBy: `Trove ${manifest.troveVersion}`,
      creationDate: new Date(manifest.builtAt),
      comment: `${manifest.site.title}, built ${manifest.builtAt}. Verify the unpacked folder with: node trove-verify.mjs <folder>`,
    },
    (err: Error | null, t: Buffer) => (err ? reject(err) : resolve(t)),
  ),
);
await writeFile(path.join(parent, manifest.kit.torrent), torrent);

console.log(`Mirror kit written:
  ${path.relative(process.cwd(), archive)}  (${files.length} files)
  ${path.relative(process.cwd(), path.join(parent, manifest.kit.torrent))}  (web seeds: ${seeds.length ? seeds.join(', ') : 'none: set url and mirrors in content/site.yml'})
Publish the archive beside index.html at each seed URL, so BitTorrent clients can fetch it from there.`);
