/**
 * The last build step that writes: a manifest of every file in the site with its
 * size and SHA-256, plus the site's name, build time and Trove version
 * (`trove-manifest.json`), signed with the publisher's Ed25519 key when one
 * is configured (`trove-manifest.json.sig`, base64 of the signature of the
 * manifest's exact bytes). The key must match `publicKey` in site.yml.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST, MANIFEST_FORMAT, SIGNATURE } from '../../signing/trove-verify.mjs';
import { mirrorKitNames } from '../../mirror/kit-name.ts';
import { KEY_ENV, KEY_FILE_ENV, keyMismatch, loadSigningKey, signBytes } from '../../signing/keys.ts';
import type { StepContext } from '../step.ts';
import { forEachLimited } from '../../pipeline/documents/concurrency.ts';
import { Progress } from '../../pipeline/stats/progress.ts';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export async function listSiteFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((p) => p !== MANIFEST && p !== SIGNATURE)
    .sort();
}

async function describe(outDir: string, file: string): Promise<ManifestFile> {
  const full = path.join(outDir, file);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(full)) hash.update(chunk as Buffer);
  return { path: file, size: (await stat(full)).size, sha256: hash.digest('hex') };
}

export async function writeManifest({ outDir, pipeline, logger }: StepContext): Promise<void> {
  const { site, builtAt, troveVersion } = pipeline.data;
  // Checked when the build started too (build/start-checks.ts); again here, before anything is hashed.
  const key = loadSigningKey(process.env, process.cwd());
  const mismatch = key && keyMismatch(key, site);
  if (mismatch) throw new Error(mismatch);
  const names = await listSiteFiles(outDir);
  const files: ManifestFile[] = new Array(names.length);
  const progress = new Progress({ label: 'hashing files for the manifest', total: names.length, unit: 'files' });
  // In the listed order whatever order the hashes finish in: the manifest is sorted as before.
  await forEachLimited([...names.keys()], 8, async (i) => {
    files[i] = await describe(outDir, names[i]!);
    progress.tick();
  });
  progress.finish();
  const manifest = {
    format: MANIFEST_FORMAT,
    site: { title: site.title, url: site.url ?? null, publisher: site.publisher || null, mirrors: site.mirrors },
    builtAt,
    troveVersion,
    publicKey: site.publicKey ?? null,
    // What `npm run mirror-kit` makes of this build: allowed beside the site.
    kit: mirrorKitNames(site.title, builtAt),
    files,
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
  await writeFile(path.join(outDir, MANIFEST), bytes);
  if (key) {
    await writeFile(path.join(outDir, SIGNATURE), `${signBytes(key, bytes)}\n`);
    logger.info(`manifest of ${files.length} files signed with key ${key.fingerprint}`);
  } else {
    logger.info(`manifest of ${files.length} files, NOT signed: set ${KEY_FILE_ENV} (or ${KEY_ENV}) to the publisher's key; \`npm run keygen\` makes one`);
  }
}
