/**
 * Writes and reads the site data pages are built from (`<workDir>/site/`):
 * `site.json` (everything listings need) and `documents/<id>.json` (page
 * texts, one file per document so no page has to load the whole collection).
 * Written into a fresh folder and swapped in whole, so readers never see a
 * half-written mix of two builds.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentDetail, SiteData } from '../lib/model.ts';

export function siteDataDir(workDir: string): string {
  return path.join(path.resolve(workDir), 'site');
}

export async function writeSiteData(workDir: string, data: SiteData, details: DocumentDetail[]): Promise<void> {
  const target = siteDataDir(workDir);
  const fresh = `${target}.new-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(path.join(fresh, 'documents'), { recursive: true });
  await writeFile(path.join(fresh, 'site.json'), JSON.stringify(data));
  for (const detail of details) {
    const file = path.join(fresh, 'documents', `${detail.id}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(detail));
  }
  await rm(old, { recursive: true, force: true });
  await rename(target, old).catch(() => {});
  await rename(fresh, target);
  await rm(old, { recursive: true, force: true });
}

export async function readSiteData(dataDir: string): Promise<SiteData> {
  return JSON.parse(await readFile(path.join(dataDir, 'site.json'), 'utf8')) as SiteData;
}

export async function readDocumentDetail(dataDir: string, id: string): Promise<DocumentDetail> {
  return JSON.parse(await readFile(path.join(dataDir, 'documents', `${id}.json`), 'utf8')) as DocumentDetail;
}
