/**
 * Writes and reads the site data pages are built from (`<workDir>/site/`):
 * `site.json` (everything listings need) and `documents/<id>.json` (page
 * texts, one file per document so no page has to load the whole collection).
 * Details are written one by one as they are made, so the build never holds
 * every document's text at once. Everything goes into a fresh folder that is
 * swapped in whole only when the build has no problems, so readers never see
 * a half-written mix of two builds and a failed build changes nothing.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentDetail, SiteData } from '../../lib/model.ts';
import { workFolders } from '../folders.ts';

export class SiteDataWriter {
  private readonly target: string;
  private readonly fresh: string;
  private readonly made = new Set<string>();

  constructor(workDir: string) {
    this.target = workFolders(workDir).siteData;
    this.fresh = `${this.target}.new-${process.pid}`;
  }

  async begin(): Promise<void> {
    await rm(this.fresh, { recursive: true, force: true });
    await mkdir(path.join(this.fresh, 'documents'), { recursive: true });
  }

  async writeDetail(detail: DocumentDetail): Promise<void> {
    const file = path.join(this.fresh, 'documents', `${detail.id}.json`);
    const dir = path.dirname(file);
    if (!this.made.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    await writeFile(file, JSON.stringify(detail));
  }

  /** Writes site.json and swaps the new data in. */
  async commit(data: SiteData): Promise<void> {
    await writeFile(path.join(this.fresh, 'site.json'), JSON.stringify(data));
    const old = `${this.target}.old-${process.pid}`;
    await rm(old, { recursive: true, force: true });
    await rename(this.target, old).catch(() => {});
    await rename(this.fresh, this.target);
    await rm(old, { recursive: true, force: true });
  }

  async abandon(): Promise<void> {
    await rm(this.fresh, { recursive: true, force: true });
  }
}

export async function readDocumentDetail(dataDir: string, id: string): Promise<DocumentDetail> {
  return JSON.parse(await readFile(path.join(dataDir, 'documents', `${id}.json`), 'utf8')) as DocumentDetail;
}
