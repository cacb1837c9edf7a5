/**
 * The pipeline from content/ to site data: discover → process documents →
 * render markdown and resolve references → write site data. Every step adds
 * to one list of problems; if there are any, the build fails once with all
 * of them and writes nothing, so the previous site data stays as it was.
 * Each step is a function that returns its part; `pipeline()` composes them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CollectionSummary, DocumentDetail, DocumentSummary, SiteData, StorySummary } from '../lib/model.ts';
import { collectionPath, documentPath, storyPath } from '../lib/urls.ts';
import { discover, type Content, type StoryEntry } from './content/discover.ts';
import { BuildError, type Problem } from './errors.ts';
import { renderMarkdown } from './markdown/render.ts';
import type { KnownDocument } from './markdown/references.ts';
import type { PoolOptions } from './documents/pool.ts';
import { processDocuments, type ProcessedDocument } from './documents/process-documents.ts';
import { isPublished } from './content/publishable.ts';
import { SiteDataWriter } from './site/site-data.ts';
import { emailLinks, type EmailLinks } from './site/email-links.ts';
import { emptyStats, stage, type BuildStats } from './stats/build-stats.ts';
import { inShard, type Shard } from './documents/shard.ts';
import { unappliableRedactions } from './redact/unappliable.ts';
import { unknownAttachmentNames } from './documents/attachment-settings.ts';
import { DerivativeCache } from './cache/derivative-cache.ts';
import { fingerprint, parsePublicKey } from '../signing/trove-verify.mjs';
import { judge, type AuditReport } from './audit/gate.ts';
import { blockingProblems, summaryLines } from './audit/messages.ts';
import { writeAuditReport } from './audit/report.ts';
import { writeAuditHtml, type PageImages } from './audit/report-html.ts';
import { cachedPersonNames, type PersonNames } from './audit/person-names.ts';
import { workFolders } from './folders.ts';

export interface PipelineOptions {
  contentDir: string;
  /** Working folder: `cache/` (derivatives) and `site/` (site data) live here. */
  workDir: string;
  now?: Date;
  pool?: PoolOptions;
  log?: (line: string) => void;
  /** Counts and times of this run are added here (a fresh record when not given). */
  stats?: BuildStats;
  /** Told how many documents are to be processed (see ProcessOptions). */
  onPlan?: (toProcess: number) => void;
}

export interface PipelineResult {
  audit: AuditReport;
  auditReportFile: string;
  data: SiteData;
  /** Every published document; page texts are not kept here (they are in the site data, one file per document). */
  processed: ProcessedDocument[];
  cacheDir: string;
  /** The site data folder: `site.json` and one detail file (with page texts) per document. */
  dataDir: string;
  stats: BuildStats;
}

/** Which stories cite a document: by story slug, its title and the pages cited. */
type CitedBy = Map<string, Map<string, { title: string; pages: Set<number> }>>;

/**
 * Discovery, document processing and the audit: what both the build and
 * `npm run audit` do. The build audits what it publishes; the audit command
 * (`unpublished`) also what an editor has still to review: documents marked
 * `needsReview`, drafts and embargoed ones.
 */
async function discoverProcessAudit(options: PipelineOptions & { unpublished?: boolean; readNames?: boolean }, problems: Problem[]) {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const stats = options.stats;
  const content = await stage(stats, 'discover', () => discover(options.contentDir, problems));
  const documents = options.unpublished ? content.documents : content.documents.filter((d) => isPublished(d.meta, now));
  const stories = content.stories.filter((s) => isPublished(s.meta, now));
  const { cache: cacheDir } = workFolders(options.workDir);
  const processed = await processDocuments(documents, { cacheDir, pool: options.pool, log, stats, audit: content.site, onPlan: options.onPlan }, problems);

  const { audit, auditReportFile } = await stage(stats, 'audit', async () => {
    // `npm run audit` lists the person names in the text for review; a build does not read them (person-names.ts).
    const names = options.readNames ? await readPersonNames(processed, cacheDir) : undefined;
    const audit = judge(processed, content.collections, now, names);
    const auditReportFile = await writeAuditReport(audit, options.workDir);
    await writeAuditHtml(audit, options.workDir, pageImages(processed, cacheDir));
    return { audit, auditReportFile };
  });
  for (const line of summaryLines(audit, path.relative(process.cwd(), auditReportFile))) log(line);
  problems.push(...blockingProblems(audit, undefined, path.relative(process.cwd(), auditReportFile)));
  problems.push(...unappliableRedactions(processed));
  problems.push(...unknownAttachmentNames(processed));
  return { now, content, stories, cacheDir, processed, audit, auditReportFile };
}

/** Each document's person names, from its cache entry or read now (and kept there). */
async function readPersonNames(processed: ProcessedDocument[], cacheDir: string): Promise<Map<string, PersonNames>> {
  const cache = new DerivativeCache(cacheDir);
  const names = new Map<string, PersonNames>();
  for (const p of processed) {
    const found = await cachedPersonNames(cache.entryDir(p.cacheKey), p.result.pages);
    if (found) names.set(p.entry.id, found);
  }
  return names;
}

/** Where the audit report's crops come from: each processed document's page images in the cache. */
function pageImages(processed: ProcessedDocument[], cacheDir: string): PageImages {
  const cache = new DerivativeCache(cacheDir);
  const byId = new Map(processed.map((p) => [p.entry.id, p]));
  return (document, page) => {
    const p = byId.get(document);
    const result = p?.result.pages[page - 1];
    if (!p || !result?.boxScale || result.noImage) return undefined;
    return {
      file: path.join(cache.entryDir(p.cacheKey), 'pages', `${page}.webp`),
      boxScale: result.boxScale,
      widthPx: result.widthPx,
      heightPx: result.heightPx,
    };
  };
}

/**
 * `npm run build -- --shard i/n`: processes this shard's documents into the
 * cache and stops: no audit verdict, no site (the final build does those,
 * from the merged cache). Content errors are still problems, so a shard
 * fails as early as the build would.
 */
export async function runShard(options: PipelineOptions & { shard: Shard }): Promise<{ problems: Problem[]; stats: BuildStats; selected: number }> {
  const problems: Problem[] = [];
  const stats = options.stats ?? emptyStats();
  const now = options.now ?? new Date();
  const content = await stage(stats, 'discover', () => discover(options.contentDir, problems));
  const documents = content.documents.filter((d) => isPublished(d.meta, now) && inShard(d.id, options.shard));
  const { cache: cacheDir } = workFolders(options.workDir);
  await processDocuments(documents, { cacheDir, pool: options.pool, log: options.log, stats, audit: content.site }, problems);
  return { problems, stats, selected: documents.length };
}

/** How many audited documents a build would not publish yet, and why (the first reason that applies). */
export interface UnpublishedCounts {
  needsReview: number;
  draft: number;
  embargoed: number;
}

/**
 * `npm run audit`: the audit alone, of every document (`publishedOnly`: of
 * those the build would publish now). Problems (blocking findings and
 * content errors) are returned, not thrown.
 */
export async function runAudit(
  options: PipelineOptions & { publishedOnly?: boolean },
): Promise<{ audit: AuditReport; auditReportFile: string; problems: Problem[]; unpublished: UnpublishedCounts }> {
  const problems: Problem[] = [];
  const { audit, auditReportFile, content, now } = await discoverProcessAudit({ ...options, unpublished: !options.publishedOnly, readNames: true }, problems);
  const unpublished: UnpublishedCounts = { needsReview: 0, draft: 0, embargoed: 0 };
  if (!options.publishedOnly) {
    for (const { meta } of content.documents) {
      if (isPublished(meta, now)) continue;
      if (meta.needsReview) unpublished.needsReview++;
      else if (meta.draft) unpublished.draft++;
      else unpublished.embargoed++;
    }
  }
  return { audit, auditReportFile, problems, unpublished };
}

/** The whole pipeline. Any problem throws one BuildError listing them all, and no site data is written. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const stats = options.stats ?? emptyStats();
  const writer = new SiteDataWriter(options.workDir);
  try {
    return await stage(stats, 'pipeline', () => pipeline({ ...options, stats }, writer));
  } catch (e) {
    await writer.abandon();
    throw e;
  }
}

async function pipeline(options: PipelineOptions & { stats: BuildStats }, writer: SiteDataWriter): Promise<PipelineResult> {
  const problems: Problem[] = [];
  const { now, content, stories, cacheDir, processed, audit, auditReportFile } = await discoverProcessAudit(options, problems);
  const started = performance.now();
  problems.push(...pageCountProblems(processed));
  const known = knownDocuments(content, processed, now);
  const rendered = renderStories(stories, known, problems);
  const collections = collectionSummaries(content, processed, known, problems);
  await writer.begin();
  const documents = await writeDocuments(processed, {
    known,
    citedBy: rendered.citedBy,
    cacheDir,
    writer,
    problems,
    originalHashes: content.site.publishOriginalHashes,
  });
  if (problems.length > 0) throw new BuildError(problems);

  const data: SiteData = {
    site: siteInfo(content.site),
    builtAt: now.toISOString(),
    troveVersion: troveVersion(),
    collections,
    documents: documents.summaries,
    stories: rendered.stories,
  };
  await writer.commit(data);
  options.stats.stages['site-data'] = performance.now() - started;
  const { siteData: dataDir } = workFolders(options.workDir);
  return { audit, auditReportFile, data, processed: documents.processed, cacheDir, dataDir, stats: options.stats };
}

export function troveVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

/** A sidecar's `pages` that no longer matches its file: the file was replaced, and the sidecar may describe the old one. */
function pageCountProblems(processed: ProcessedDocument[]): Problem[] {
  return processed
    .filter((p) => p.entry.meta.pages !== undefined && p.entry.meta.pages !== p.result.pageCount)
    .map((p) => ({
      file: p.entry.sidecarFile,
      message: `the sidecar says the document has ${p.entry.meta.pages} pages, but ${p.entry.file} has ${p.result.pageCount}`,
      hint: 'if the file was replaced on purpose, review the sidecar and update or remove "pages"',
    }));
}

/** What markdown may refer to: every document in content/, with what links and embeds need of the published ones. */
function knownDocuments(content: Content, processed: ProcessedDocument[], now: Date): Map<string, KnownDocument> {
  const known = new Map<string, KnownDocument>();
  for (const id of content.invalidDocumentIds) known.set(id, { invalid: true });
  for (const d of content.documents) known.set(d.id, { unpublished: !isPublished(d.meta, now) });
  for (const { entry, result } of processed) {
    known.set(entry.id, {
      pageCount: result.pageCount,
      type: entry.type,
      ...(result.table ? { rowCount: result.table.rowCount, rowsPerPage: result.table.rowsPerPage } : {}),
      title: entry.meta.title,
      thumbnail: result.thumbnail,
      pages: result.pages.map((page) => ({ widthPx: page.widthPx, heightPx: page.heightPx, noImage: page.noImage })),
    });
  }
  return known;
}

/** Stories rendered, newest first, and which stories cite each document. */
function renderStories(stories: StoryEntry[], known: Map<string, KnownDocument>, problems: Problem[]): { stories: StorySummary[]; citedBy: CitedBy } {
  const summaries: StorySummary[] = [];
  const citedBy: CitedBy = new Map();
  for (const story of stories) {
    const { html, citations } = renderMarkdown(story.body.markdown, {
      file: story.file,
      startLine: story.body.startLine,
      pagePath: storyPath(story.slug),
      documents: known,
      problems,
    });
    for (const c of citations) {
      const byStory = citedBy.get(c.documentId) ?? new Map();
      const entry = byStory.get(story.slug) ?? { title: story.meta.title, pages: new Set<number>() };
      if (c.pageNumber) entry.pages.add(c.pageNumber);
      byStory.set(story.slug, entry);
      citedBy.set(c.documentId, byStory);
    }
    const { title, date, authors, summary, tags } = story.meta;
    summaries.push({ slug: story.slug, title, date, authors, summary, tags, html, citedDocumentIds: [...new Set(citations.map((c) => c.documentId))] });
  }
  summaries.sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  return { stories: summaries, citedBy };
}

function collectionSummaries(content: Content, processed: ProcessedDocument[], known: Map<string, KnownDocument>, problems: Problem[]): CollectionSummary[] {
  return content.collections.map((c) => ({
    slug: c.slug,
    title: c.meta.title,
    source: c.meta.source,
    description: c.meta.description,
    introHtml: renderMarkdown(c.body.markdown, { file: c.file, startLine: c.body.startLine, pagePath: collectionPath(c.slug), documents: known, problems })
      .html,
    documentIds: processed.filter((p) => p.entry.collection === c.slug).map((p) => p.entry.id),
  }));
}

interface DetailContext {
  known: Map<string, KnownDocument>;
  citedBy: CitedBy;
  cacheDir: string;
  writer: SiteDataWriter;
  problems: Problem[];
  /** site.yml's publishOriginalHashes: give each summary its source file's SHA-256. */
  originalHashes: boolean;
}

/**
 * Writes each document's detail file (with its page texts) and returns the
 * summaries, and the documents without their texts: the texts are in the
 * detail files, and keeping them for the rest of the build would grow with
 * the collection.
 */
async function writeDocuments(processed: ProcessedDocument[], ctx: DetailContext): Promise<{ summaries: DocumentSummary[]; processed: ProcessedDocument[] }> {
  const links = emailLinks(processed);
  const summaries: DocumentSummary[] = [];
  const withoutTexts: ProcessedDocument[] = [];
  for (const p of processed) {
    summaries.push(documentSummary(p, ctx.originalHashes));
    const detail = documentDetail(p, ctx, links);
    // Once problems are known the data will not be used: stop writing, keep checking.
    if (ctx.problems.length === 0) await ctx.writer.writeDetail(detail);
    withoutTexts.push({ ...p, result: { ...p.result, pages: p.result.pages.map((page) => ({ ...page, text: '', email: undefined })) } });
  }
  return { summaries, processed: withoutTexts };
}

function documentSummary({ entry, result, sha256 }: ProcessedDocument, originalHash: boolean): DocumentSummary {
  return {
    id: entry.id,
    ...(entry.attachmentOf ? { attachmentOf: entry.attachmentOf } : {}),
    collection: entry.collection,
    title: entry.meta.title,
    date: entry.meta.date,
    year: entry.meta.date?.slice(0, 4),
    source: entry.meta.source,
    description: entry.meta.description,
    tags: entry.meta.tags,
    license: entry.meta.license,
    type: entry.type,
    pageCount: result.pageCount,
    ...(result.table ? { rowCount: result.table.rowCount } : {}),
    thumbnail: result.thumbnail,
    downloadExtension: result.downloadExtension,
    extraDownloads: result.extraDownloads ?? [],
    bytes: result.download?.bytes ?? 0,
    sha256: result.download?.sha256 ?? '',
    ...(originalHash ? { originalSha256: sha256 } : {}),
  };
}

function documentDetail(p: ProcessedDocument, ctx: DetailContext, links: EmailLinks): DocumentDetail {
  const { entry, result } = p;
  const descriptionHtml = renderMarkdown(entry.body.markdown, {
    file: entry.sidecarFile,
    startLine: entry.body.startLine,
    pagePath: documentPath(entry.id),
    documents: ctx.known,
    problems: ctx.problems,
  }).html;
  return {
    id: entry.id,
    descriptionHtml,
    pages: result.pages.map((page) => (page.email ? { ...page, thread: links.thread(page.email) } : page)),
    ...(result.attachments ? { attachments: links.attachmentsOf(entry.id, result.attachments) } : {}),
    ...(result.table ? { table: { ...result.table, rowsDir: path.join(new DerivativeCache(ctx.cacheDir).entryDir(p.cacheKey), 'rows') } } : {}),
    citedBy: [...(ctx.citedBy.get(entry.id) ?? new Map()).entries()].map(([slug, v]) => ({
      slug,
      title: v.title,
      pageNumbers: [...v.pages].sort((a, b) => a - b),
    })),
  };
}

function siteInfo(site: Content['site']): SiteData['site'] {
  return {
    title: site.title,
    description: site.description,
    language: site.language,
    publisher: site.publisher,
    url: site.url,
    mirrors: site.mirrors,
    redactionReasons: site.redactionReasons,
    publicKey: site.publicKey,
    fingerprint: site.publicKey ? fingerprint(parsePublicKey(site.publicKey)) : undefined,
  };
}
