/**
 * The pipeline from content/ to site data: discover → process documents →
 * render markdown and resolve references → write site data. Every step adds
 * to one list of problems; if there are any, the build fails once with all
 * of them and writes nothing, so the previous site data stays as it was.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CollectionSummary, DocumentDetail, DocumentSummary, SiteData, StorySummary } from '../lib/model.ts';
import { collectionPath, documentPath, storyPath } from '../lib/urls.ts';
import { discover } from './content/discover.ts';
import { BuildError, type Problem } from './errors.ts';
import { renderMarkdown } from './markdown/render.ts';
import type { KnownDocument } from './markdown/references.ts';
import type { PoolOptions } from './documents/pool.ts';
import type { EmailAttachment, EmailMessage } from './processors/types.ts';
import { processDocuments, type ProcessedDocument } from './documents/process-documents.ts';
import { isPublished } from './content/publishable.ts';
import { SiteDataWriter, siteDataDir } from './site/site-data.ts';
import { emptyStats, stage, type BuildStats } from './stats/build-stats.ts';
import { inShard, type Shard } from './documents/shard.ts';
import { unappliableRedactions } from './redact/unappliable.ts';
import { DerivativeCache } from './cache/derivative-cache.ts';
import { fingerprint, parsePublicKey } from '../signing/trove-verify.mjs';
import { judge, type AuditReport } from './audit/gate.ts';
import { blockingProblems, summaryLines } from './audit/messages.ts';
import { writeAuditReport } from './audit/report.ts';

export interface PipelineOptions {
  contentDir: string;
  /** Working folder: `cache/` (derivatives) and `site/` (site data) live here. */
  workDir: string;
  now?: Date;
  pool?: PoolOptions;
  log?: (line: string) => void;
  /** Counts and times of this run are added here (a fresh record when not given). */
  stats?: BuildStats;
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

export function cacheDirOf(workDir: string): string {
  return path.join(path.resolve(workDir), 'cache');
}

/** Discovery, document processing and the audit: what both the build and `npm run audit` do. */
async function discoverProcessAudit(options: PipelineOptions, problems: Problem[]) {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const stats = options.stats;
  const content = await stage(stats, 'discover', () => discover(options.contentDir, problems));
  const documents = content.documents.filter((d) => isPublished(d.meta, now));
  const stories = content.stories.filter((s) => isPublished(s.meta, now));
  const cacheDir = cacheDirOf(options.workDir);
  const processed = await processDocuments(documents, { cacheDir, pool: options.pool, log, stats, audit: content.site }, problems);

  const { audit, auditReportFile } = await stage(stats, 'audit', async () => {
    const audit = judge(processed, content.collections, now);
    return { audit, auditReportFile: await writeAuditReport(audit, options.workDir) };
  });
  for (const line of summaryLines(audit, path.relative(process.cwd(), auditReportFile))) log(line);
  problems.push(...blockingProblems(audit));
  problems.push(...unappliableRedactions(processed));
  return { now, log, content, stories, cacheDir, processed, audit, auditReportFile };
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
  await processDocuments(documents, { cacheDir: cacheDirOf(options.workDir), pool: options.pool, log: options.log, stats, audit: content.site }, problems);
  return { problems, stats, selected: documents.length };
}

/** `npm run audit`: the audit alone. Problems (blocking findings and content errors) are returned, not thrown. */
export async function runAudit(options: PipelineOptions): Promise<{ audit: AuditReport; auditReportFile: string; problems: Problem[] }> {
  const problems: Problem[] = [];
  const { audit, auditReportFile } = await discoverProcessAudit(options, problems);
  return { audit, auditReportFile, problems };
}

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
  const { stats } = options;
  const started = performance.now();

  const known = new Map<string, KnownDocument>();
  for (const id of content.invalidDocumentIds) known.set(id, { invalid: true });
  for (const d of content.documents) known.set(d.id, { unpublished: !isPublished(d.meta, now) });
  for (const p of processed) {
    const noted = p.entry.meta.pages;
    if (noted !== undefined && noted !== p.result.pageCount) {
      problems.push({
        file: p.entry.sidecarFile,
        message: `the sidecar says the document has ${noted} pages, but ${p.entry.file} has ${p.result.pageCount}`,
        hint: 'if the file was replaced on purpose, review the sidecar and update or remove "pages"',
      });
    }
    known.set(p.entry.id, {
      pageCount: p.result.pageCount,
      type: p.entry.type,
      ...(p.result.table ? { rowCount: p.result.table.rowCount } : {}),
      title: p.entry.meta.title,
      thumbnail: p.result.thumbnail,
      pages: p.result.pages.map((page) => ({ widthPx: page.widthPx, heightPx: page.heightPx, noImage: page.noImage })),
    });
  }

  const storySummaries: StorySummary[] = [];
  const citedBy = new Map<string, Map<string, { title: string; pages: Set<number> }>>();
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
    storySummaries.push({
      slug: story.slug,
      title: story.meta.title,
      date: story.meta.date,
      authors: story.meta.authors,
      summary: story.meta.summary,
      tags: story.meta.tags,
      html,
      citedDocumentIds: [...new Set(citations.map((c) => c.documentId))],
    });
  }

  const collections: CollectionSummary[] = content.collections.map((c) => ({
    slug: c.slug,
    title: c.meta.title,
    source: c.meta.source,
    description: c.meta.description,
    introHtml: renderMarkdown(c.body.markdown, {
      file: c.file,
      startLine: c.body.startLine,
      pagePath: collectionPath(c.slug),
      documents: known,
      problems,
    }).html,
    documentIds: processed.filter((p) => p.entry.collection === c.slug).map((p) => p.entry.id),
  }));

  const summaries: DocumentSummary[] = [];
  const links = emailLinks(processed);
  await writer.begin();
  for (const p of processed) {
    const { entry, result } = p;
    summaries.push({
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
    });
    const detail: DocumentDetail = {
      id: entry.id,
      descriptionHtml: renderMarkdown(entry.body.markdown, {
        file: entry.sidecarFile,
        startLine: entry.body.startLine,
        pagePath: documentPath(entry.id),
        documents: known,
        problems,
      }).html,
      pages: result.pages.map((page) => (page.email ? { ...page, thread: links.thread(entry.id, page.pageNumber, page.email) } : page)),
      ...(result.attachments ? { attachments: links.attachmentsOf(entry.id, result.attachments) } : {}),
      ...(result.table ? { table: { ...result.table, rowsDir: path.join(new DerivativeCache(cacheDir).entryDir(p.cacheKey), 'rows') } } : {}),
      citedBy: [...(citedBy.get(entry.id) ?? new Map()).entries()].map(([slug, v]) => ({
        slug,
        title: v.title,
        pageNumbers: [...v.pages].sort((a, b) => a - b),
      })),
    };
    // Once problems are known the data will not be used: stop writing, keep checking.
    if (problems.length === 0) await writer.writeDetail(detail);
    // The text is in the detail file now; keeping it for every document would grow with the collection.
    p.result = { ...result, pages: result.pages.map((page) => ({ ...page, text: '', email: undefined })) };
  }

  if (problems.length > 0) {
    throw new BuildError(problems);
  }

  const data: SiteData = {
    site: {
      title: content.site.title,
      description: content.site.description,
      language: content.site.language,
      publisher: content.site.publisher,
      url: content.site.url,
      mirrors: content.site.mirrors,
      publicKey: content.site.publicKey,
      fingerprint: content.site.publicKey ? fingerprint(parsePublicKey(content.site.publicKey)) : undefined,
    },
    builtAt: now.toISOString(),
    troveVersion: troveVersion(),
    collections,
    documents: summaries,
    stories: storySummaries.sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title)),
  };
  await writer.commit(data);
  stats.stages['site-data'] = performance.now() - started;
  return { audit, auditReportFile, data, processed, cacheDir, dataDir: siteDataDir(options.workDir), stats };
}

export function troveVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

/**
 * How e-mails link to each other and to their attachments: replies found by
 * Message-ID / In-Reply-To among all published messages, and each
 * attachment's own document (when its type could be published).
 */
function emailLinks(processed: ProcessedDocument[]) {
  const byMessageId = new Map<string, { id: string; page: number; subject: string }>();
  const attachmentDocs = new Map<string, string>();
  for (const p of processed) {
    for (const page of p.result.pages) {
      if (page.email?.messageId) byMessageId.set(page.email.messageId, { id: p.entry.id, page: page.pageNumber, subject: page.email.subject });
    }
    if (p.entry.attachmentOf) attachmentDocs.set(`${p.entry.attachmentOf.id}\u0000${p.entry.attachmentOf.file}`, p.entry.id);
  }
  const repliesTo = new Map<string, { id: string; page: number; subject: string }[]>();
  for (const p of processed) {
    for (const page of p.result.pages) {
      const parent = page.email?.inReplyTo;
      if (!parent || !byMessageId.has(parent)) continue;
      const list = repliesTo.get(parent) ?? [];
      list.push({ id: p.entry.id, page: page.pageNumber, subject: page.email!.subject });
      repliesTo.set(parent, list);
    }
  }
  return {
    thread(_id: string, _page: number, email: EmailMessage) {
      return {
        inReplyTo: email.inReplyTo ? byMessageId.get(email.inReplyTo) : undefined,
        replies: email.messageId ? (repliesTo.get(email.messageId) ?? []) : [],
      };
    },
    attachmentsOf(id: string, attachments: EmailAttachment[]) {
      return attachments.map((a) => ({ page: a.page, filename: a.filename, bytes: a.bytes, id: attachmentDocs.get(`${id}\u0000${a.file}`) }));
    },
  };
}
