/**
 * Turns discovered documents into cached derivatives: hash the bytes, look
 * the key up in the cache, and process only what is missing, in the worker
 * pool. Failures become Problems naming the document file.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkSegment } from '../../lib/ids.ts';
import { typeForExtension } from '../processors/registry.ts';
import type { DocumentEntry } from '../content/discover.ts';
import { cacheKey, DerivativeCache, hashFile, sofficeVersion, toolVersions } from '../cache/derivative-cache.ts';
import type { Problem } from '../errors.ts';
import { WorkerPool, type PoolOptions } from './pool.ts';
import { partPagesFromEnv, runDocument } from './split-document.ts';
import { Progress } from '../stats/progress.ts';
import { forEachLimited } from './concurrency.ts';
import { addWorkerTimes, stage, type BuildStats } from '../stats/build-stats.ts';
import { renderOptions, type EmailAttachment, type ProcessResult, type RedactionRequest, type RenderOptions } from '../processors/types.ts';
import { withholdsText } from '../audit/withhold.ts';
import { ocrEngineVersion } from '../processors/ocr/engine.ts';
import { DEFAULT_OCR_LANGUAGES } from '../../lib/ocr-languages.ts';
import type { TextRuleOptions } from '../audit/types.ts';
import { DEFAULT_PHONE_REGIONS } from '../../lib/phone-regions.ts';
import { rowRanges } from '../../schemas/audit.ts';
import { ownSettings, requestOf, textRedactorOf } from './attachment-settings.ts';

export interface ProcessedDocument {
  entry: DocumentEntry;
  sha256: string;
  bytes: number;
  cacheKey: string;
  result: ProcessResult;
  /** True when this build did the work (false: served from cache). */
  processed: boolean;
}

export interface ProcessOptions {
  cacheDir: string;
  render?: RenderOptions;
  pool?: PoolOptions;
  log?: (line: string) => void;
  /** Filled with counts and times when given. */
  stats?: BuildStats;
  /** Pages per part of a long PDF (see documents/split-document.ts); TROVE_PART_PAGES or 50 when not given. */
  pdfPartPages?: number;
  /** The site's settings for the text rules (site.yml's `phoneRegions`); the defaults when not given. */
  audit?: TextRuleOptions;
  /** Told how many documents are to be processed, once the cache was looked up (then again for attachments, if any). */
  onPlan?: (toProcess: number) => void;
}

export async function processDocuments(entries: DocumentEntry[], options: ProcessOptions, problems: Problem[]): Promise<ProcessedDocument[]> {
  const cache = new DerivativeCache(options.cacheDir);
  const abandoned = await cache.removeAbandoned();
  if (abandoned > 0) options.log?.(`removed ${abandoned} unfinished cache folder${abandoned === 1 ? '' : 's'} left by builds no longer running`);
  // Attachments of e-mails are documents too; an attached message's own attachments as well (two levels).
  const first = await processOnce(entries, options, problems);
  // An attachment that cannot be processed (corrupt, encrypted) is not published, and the
  // e-mail page says so; it does not stop the build, since no editor chose the file.
  const skipped: Problem[] = [];
  const second = await processOnce(attachmentEntries(first, cache), options, skipped);
  const third = await processOnce(attachmentEntries(second, cache), options, skipped);
  for (const p of skipped) options.log?.(`not published: ${p.file}: ${p.message}`);
  return [...first, ...second, ...third].sort((a, b) => a.entry.id.localeCompare(b.entry.id));
}

/** A document entry for each attachment of the processed e-mails whose type Trove can publish. */
export function attachmentEntries(parents: ProcessedDocument[], cache: DerivativeCache): DocumentEntry[] {
  const out: DocumentEntry[] = [];
  for (const parent of parents) {
    const redact = textRedactorOf(parent.entry);
    for (const a of parent.result.attachments ?? []) {
      if (a.withheld) continue;
      const extension = path.extname(a.file).slice(1).toLowerCase();
      const type = typeForExtension(extension);
      if (!type) continue;
      const name = `${parent.entry.id.split('/')[1]}--${path.basename(a.file, path.extname(a.file))}`;
      if (checkSegment(name)) continue;
      const own = ownSettings(parent.entry, a.filename, redact);
      out.push({
        id: `${parent.entry.collection}/${name}`,
        collection: parent.entry.collection,
        absPath: path.join(cache.entryDir(parent.cacheKey), a.file),
        file: `${parent.entry.file} (${attachmentLabel(a, parent.result.attachments!)})`,
        // Written in the message's sidecar, under `attachment:` (see audit/acceptances.ts).
        sidecarFile: parent.entry.sidecarFile,
        extension,
        type,
        meta: {
          ...parent.entry.meta,
          title: a.filename,
          description: `Attached to “${parent.entry.meta.title}”${parent.result.pageCount > 1 ? `, message ${a.page}` : ''}.`,
          pages: undefined,
          // An attachment never takes its message's acceptances or redactions: accepting the addresses in a
          // message must not let a sheet of addresses attached to it through. Only its own entry applies.
          ...own.meta,
        },
        body: { markdown: '', startLine: 1 },
        attachmentOf: { id: parent.entry.id, page: a.page, file: a.file, name: a.filename },
        ...(own.textRedactions.length > 0 ? { textRedactions: own.textRedactions } : {}),
      });
    }
  }
  return out;
}

/**
 * How messages name an attachment: by its file name, or with `CI` set by its
 * place, since a file name can be the very thing the audit found
 * (`jane-roe-ssn-….pdf`) and CI logs are often public (see audit/withhold.ts).
 */
function attachmentLabel(a: EmailAttachment, all: EmailAttachment[]): string {
  if (!withholdsText()) return `attachment "${a.filename}"`;
  const ofMessage = all.filter((b) => b.page === a.page);
  return `attachment ${ofMessage.indexOf(a) + 1} of message ${a.page}`;
}

/** A document's content hash and cache key, and its cached result when there is one. */
export interface Lookup {
  entry: DocumentEntry;
  sha256: string;
  bytes: number;
  key: string;
  cached?: ProcessResult;
}

/** Hashes each entry's bytes and looks its key up in the cache, a few files at a time. */
export async function lookup(entries: DocumentEntry[], cache: DerivativeCache, render: RenderOptions, audit?: TextRuleOptions): Promise<Lookup[]> {
  const tools = new Map<DocumentEntry['type'], Record<string, string>>();
  for (const type of new Set(entries.map((e) => e.type))) {
    tools.set(type, type === 'office' ? { ...toolVersions(type), soffice: await sofficeVersion() } : toolVersions(type));
  }
  const out: Lookup[] = [];
  await forEachLimited(entries, 16, async (entry) => {
    const [sha256, info] = await Promise.all([hashFile(entry.absPath), stat(entry.absPath)]);
    const key = documentCacheKey(entry, sha256, render, tools.get(entry.type)!, audit);
    out.push({ entry, sha256, bytes: info.size, key, cached: await cache.get(key) });
  });
  return out;
}

async function processOnce(entries: DocumentEntry[], options: ProcessOptions, problems: Problem[]): Promise<ProcessedDocument[]> {
  if (entries.length === 0) return [];
  const cache = new DerivativeCache(options.cacheDir);
  const render = options.render ?? renderOptions();
  const stats = options.stats;
  const found = await stage(stats, 'hash', () => lookup(entries, cache, render, options.audit));
  const out: ProcessedDocument[] = [];
  const todo: Lookup[] = [];
  for (const l of found) {
    if (l.cached) out.push({ entry: l.entry, sha256: l.sha256, bytes: l.bytes, cacheKey: l.key, result: l.cached, processed: false });
    else todo.push(l);
  }
  if (stats) {
    stats.documents.total += entries.length;
    stats.documents.cached += out.length;
    for (const p of out) stats.pages.total += p.result.pageCount;
  }
  options.log?.(`documents: ${entries.length} in content, ${out.length} cached, ${todo.length} to process`);
  options.onPlan?.(todo.length);
  if (todo.length === 0) return out;

  const partPages = options.pdfPartPages ?? partPagesFromEnv();
  const pool = new WorkerPool(options.pool);
  if (stats) stats.workers = pool.size;
  const progress = new Progress({ label: 'processing documents', total: todo.length, unit: 'docs' });
  const started = performance.now();
  const pages = pageProgress(progress, todo.length, started);
  try {
    // A few jobs more than workers in flight: the pool never waits, and temporary folders are not made for all at once.
    await forEachLimited(todo, pool.size * 2, async ({ entry, sha256, bytes, key }) => {
      const tmp = await cache.begin(key);
      const reOcr = reOcrOf(entry);
      const job = {
        type: entry.type,
        absPath: entry.absPath,
        outDir: tmp,
        options: render,
        redaction: redactionOf(entry),
        audit: textRuleOptions(options.audit),
        ocr: ocrOf(entry),
        ...(reOcr ? { reOcr } : {}),
      };
      const outcome = await runDocument(pool, job, (done, total, ocr) => pages.update(entry.id, done, total, ocr), partPages);
      pages.end(entry.id);
      progress.tick();
      if (outcome.ok) {
        if (stats) {
          stats.documents.processed++;
          stats.pages.total += outcome.result.pageCount;
          stats.pages.processed += outcome.result.pageCount;
          addWorkerTimes(stats, outcome.stages);
          const inStages = Object.values(outcome.stages).reduce((a, b) => a + (b ?? 0), 0);
          addWorkerTimes(stats, { other: Math.max(0, outcome.ms - inStages) });
        }
        await cache.commit(key, tmp, outcome.result);
        out.push({ entry, sha256, bytes, cacheKey: key, result: outcome.result, processed: true });
      } else {
        await cache.abandon(tmp);
        if (stats) stats.documents.failed++;
        problems.push({ file: entry.file, message: outcome.message, hint: outcome.hint });
      }
    });
  } finally {
    progress.finish();
    await pool.close();
    if (stats) stats.stages.process = (stats.stages.process ?? 0) + (performance.now() - started);
  }
  return out;
}

/**
 * The cache key of a document: its bytes, type, render options, tool
 * versions, what its sidecar redacts and the site's settings for the text
 * rules; nothing else. Editing a title, tags, a description or an
 * acceptance never reprocesses a document.
 */
export function documentCacheKey(
  entry: Pick<DocumentEntry, 'type' | 'meta' | 'textRedactions'>,
  sha256: string,
  render: RenderOptions,
  tools: Record<string, string>,
  audit?: TextRuleOptions,
): string {
  const ocr = ocrOf(entry);
  // Only for the types that read pictures: other keys stay as they were.
  const reOcr = reOcrOf(entry);
  const read = ocr === undefined ? undefined : ocr === false ? false : { languages: ocr, data: ocrEngineVersion(ocr), ...(reOcr ? { reOcr } : {}) };
  return cacheKey({ sha256, type: entry.type, options: render, tools, redaction: redactionOf(entry), audit: textRuleOptions(audit), ocr: read });
}

/** Types whose pages can be pictures of print: images, and PDFs (and Office files, as PDFs) with scanned pages. */
const READS_PICTURES = new Set<DocumentEntry['type']>(['image', 'pdf', 'office']);

/** The OCR languages a document's pictures are read in (false: none), for the types that have pictures to read; else undefined. */
export function ocrOf(entry: Pick<DocumentEntry, 'type' | 'meta'>): false | string[] | undefined {
  return READS_PICTURES.has(entry.type) ? (entry.meta.ocr ?? [...DEFAULT_OCR_LANGUAGES]) : undefined;
}

/** A PDF's (or Office file's) `reOcr` override, or undefined. */
export function reOcrOf(entry: Pick<DocumentEntry, 'type' | 'meta'>): 'always' | 'never' | undefined {
  return entry.type === 'pdf' || entry.type === 'office' ? entry.meta.reOcr : undefined;
}

/** The text rules' settings as they reach the worker and the key: the defaults when not given, regions sorted and once each. */
export function textRuleOptions(audit?: TextRuleOptions): TextRuleOptions {
  return { phoneRegions: [...new Set(audit?.phoneRegions ?? DEFAULT_PHONE_REGIONS)].sort() };
}

/**
 * What the sidecar (and, for `redactText`, the collection and site.yml) asks
 * to redact, or undefined when nothing (so the cache key of an unredacted
 * document is unchanged).
 */
export function redactionOf(entry: Pick<DocumentEntry, 'meta' | 'textRedactions'>): RedactionRequest | undefined {
  const { redactions, redactFoundBoxes, redactColumns, redactRows } = entry.meta;
  // An e-mail's attachments withheld by its sidecar (those of attached messages are their messages' to withhold).
  const withheld = (entry.meta.attachments ?? []).flatMap((a, setting) =>
    a.withhold && a.name.length === 1 ? [{ name: a.name[0]!, withhold: a.withhold, setting }] : [],
  );
  const texts = (entry.textRedactions ?? []).map(requestOf);
  if (redactions.length === 0 && !redactFoundBoxes && redactColumns.length === 0 && texts.length === 0 && redactRows.length === 0 && withheld.length === 0)
    return undefined;
  return {
    ...(withheld.length > 0 ? { attachments: withheld } : {}),
    ...(redactColumns.length > 0 ? { columns: redactColumns } : {}),
    ...(redactRows.length > 0 ? { rows: rowRanges(redactRows) } : {}),
    boxes: redactions.map((r) => ({ page: r.page, reason: r.reason, box: { x: r.box[0], y: r.box[1], width: r.box[2], height: r.box[3] } })),
    foundBoxesReason: redactFoundBoxes,
    ...(texts.length > 0 ? { texts } : {}),
  };
}

/**
 * Pages of the documents in progress, beside the document count: a few long
 * documents would otherwise show no movement for minutes. Once every
 * document left is in progress and has said how many pages it has, the time
 * left comes from their pages still to do. The page rate is counted from
 * the first page done, once a second has passed since: workers starting and
 * documents opening would otherwise make early estimates too long.
 */
export function pageProgress(progress: Progress, documents: number, started: number, clock = () => performance.now()) {
  let pagesDone = 0;
  let ocrDone = 0;
  let left = documents;
  let first: { at: number; pages: number } | undefined;
  const inFlight = new Map<string, { done: number; total: number; ocr: number }>();
  const show = () => {
    if (pagesDone === 0) return;
    const now = clock();
    const steady = first && now - first.at >= 1000 && pagesDone > first.pages;
    const rate = steady ? (pagesDone - first!.pages) / ((now - first!.at) / 1000) : pagesDone / ((now - started) / 1000);
    const pages = [...inFlight.values()];
    const known = rate > 0 && pages.length === left && pages.every((p) => p.total > 0 && p.total >= p.done);
    const pagesLeft = pages.reduce((sum, p) => sum + p.total - p.done, 0);
    // Pages read by OCR take seconds each: their count and rate say why a build of scans is slow.
    const ocr = ocrDone > 0 ? `, ${ocrDone} read by OCR (${(ocrDone / ((now - started) / 1000)).toFixed(1)}/s)` : '';
    progress.note(`${pagesDone} pages (${rate.toFixed(1)}/s)${ocr}`, known ? pagesLeft / rate : undefined);
  };
  return {
    update(id: string, done: number, total: number, ocr = 0): void {
      const page = inFlight.get(id) ?? { done: 0, total, ocr: 0 };
      pagesDone += done - page.done;
      ocrDone += Math.max(0, ocr - page.ocr);
      Object.assign(page, { done, total, ocr: Math.max(ocr, page.ocr) });
      inFlight.set(id, page);
      if (!first && pagesDone > 0) first = { at: clock(), pages: pagesDone };
      show();
    },
    end(id: string): void {
      inFlight.delete(id);
      left--;
      show();
    },
  };
}
