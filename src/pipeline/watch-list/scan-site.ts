/**
 * Searches every file of a built site for the watch list's terms: file
 * names and contents (see file-text.ts), each file read once whatever the
 * number of terms. A hit names the file, the document or story it came
 * from where the path (or a search fragment's page) tells, and the term's
 * line in the watch list, never the term. Node-only.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { forEachLimited } from '../documents/concurrency.ts';
import { Progress } from '../stats/progress.ts';
import { fileKind, PdfText, readEmailFile, readGzipFile, readTextFile, type Sink } from './file-text.ts';
import type { WatchList } from './load.ts';
import { TermMatcher } from './matcher.ts';

export interface WatchHit {
  /** Path of the output file, relative to the site, with `/`. */
  file: string;
  /** `document <id>` or `story <slug>`, when the path or the search fragment tells. */
  from?: string;
  /** Lines of the watch list whose terms the file holds, ascending. */
  lines: number[];
}

export interface SiteOrigins {
  documentIds: readonly string[];
  storySlugs: readonly string[];
}

/** Files read at once: reading overlaps with pdf.js and the matching, which run on this thread. */
const CONCURRENCY = 8;

export async function scanSite(outDir: string, list: WatchList, origins: SiteOrigins, cacheDir: string): Promise<WatchHit[]> {
  const matcher = new TermMatcher(list.terms);
  const files = await listFiles(outDir);
  const pdfText = new PdfText(cacheDir);
  const from = originFinder(origins);
  const hits: WatchHit[] = [];
  const progress = new Progress({ label: 'searching the site for watch-list terms', total: files.length, unit: 'files' });
  await forEachLimited(files, CONCURRENCY, async (file) => {
    const scan = { text: matcher.scan(), other: matcher.scan() };
    const sink: Sink = (text, stream, apart) => {
      if (apart) scan[stream].break();
      scan[stream].feed(text);
      if (apart) scan[stream].break();
    };
    // The path is published too: a document named after its source is a hit.
    sink(file, 'other', true);
    const url = await readSiteFile(path.join(outDir, file), sink, pdfText);
    const lines = new Set([...scan.text.found, ...scan.other.found]);
    if (lines.size > 0) hits.push({ file, from: from(file) ?? (url !== undefined ? from(url) : undefined), lines: [...lines].sort((a, b) => a - b) });
    progress.tick();
  });
  progress.finish();
  await pruneStale(pdfText);
  return hits.sort((a, b) => a.file.localeCompare(b.file));
}

async function readSiteFile(full: string, sink: Sink, pdfText: PdfText): Promise<string | undefined> {
  const kind = fileKind(full);
  try {
    if (kind === 'pdf') await pdfText.read(full, sink);
    else if (kind === 'gzip') return readGzipFile(await readFile(full), sink);
    else if (kind === 'email') await readEmailFile(full, sink);
    else if (kind !== 'skip') await readTextFile(full, kind === 'markup', sink);
    return undefined;
  } catch (e) {
    // A file that cannot be searched cannot be said to be clean.
    throw new Error(`the watch list could not search ${full}: ${(e as Error).message}`, { cause: e });
  }
}

async function listFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The document or story a site path (or a page URL) belongs to: the longest document id it starts with. */
export function originFinder({ documentIds, storySlugs }: SiteOrigins): (sitePath: string) => string | undefined {
  const ids = new Set(documentIds);
  const slugs = new Set(storySlugs);
  return (sitePath) => {
    const parts = sitePath.replace(/^(?:\.\.?\/|\/)+/, '').split(/[/?#]/);
    if (parts[0] === 'stories' && parts[1] && slugs.has(unescaped(parts[1]))) return `story ${unescaped(parts[1])}`;
    if (parts[0] !== 'documents') return undefined;
    for (let end = parts.length; end > 2; end--) {
      const id = parts.slice(1, end).map(unescaped).join('/');
      if (ids.has(id)) return `document ${id}`;
    }
    return undefined;
  };
}

function unescaped(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Cached PDF texts no file of this build used, and caches of older versions. */
async function pruneStale(pdfText: PdfText): Promise<void> {
  const names = await readdir(pdfText.dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !pdfText.used.has(n)).map((n) => rm(path.join(pdfText.dir, n), { force: true })));
  const versions = await readdir(path.dirname(pdfText.dir)).catch(() => [] as string[]);
  await Promise.all(
    versions.filter((v) => v !== path.basename(pdfText.dir)).map((v) => rm(path.join(path.dirname(pdfText.dir), v), { recursive: true, force: true })),
  );
}
