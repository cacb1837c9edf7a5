/**
 * Reads the content tree an editor wrote (see docs/editing.md) into plain
 * values, validating names, front matter and pairing of documents with
 * sidecars. Reads no document bytes: processing is a later step.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkSegment, documentIdFromPath } from '../../lib/ids.ts';
import { collectionSchema, type CollectionMeta } from '../../schemas/collection.ts';
import { documentSchema, type DocumentMeta, type DocumentType } from '../../schemas/document.ts';
import { siteSchema, type SiteConfig } from '../../schemas/site.ts';
import type { TextRedaction } from '../../schemas/audit.ts';
import { storySchema, type StoryMeta } from '../../schemas/story.ts';
import { validate } from './validate.ts';
import { BULK_FILE, readBulkMetadata, type BulkRow } from './bulk-metadata.ts';
import type { Problem } from '../errors.ts';
import { FrontMatterError, parseFrontMatter, parseYaml } from './front-matter.ts';
import { typeForExtension, SUPPORTED_EXTENSIONS } from '../processors/registry.ts';

export interface MarkdownBody {
  markdown: string;
  /** 1-based line where the body starts in its file. */
  startLine: number;
}

export interface CollectionEntry {
  slug: string;
  /** The collection file, relative to the working directory. */
  file: string;
  meta: CollectionMeta;
  body: MarkdownBody;
}

export interface DocumentEntry {
  id: string;
  collection: string;
  /** Absolute path of the document file. */
  absPath: string;
  /** The document file, relative to the working directory (for messages). */
  file: string;
  /** The sidecar, relative to the working directory. */
  sidecarFile: string;
  extension: string;
  type: DocumentType;
  meta: DocumentMeta;
  body: MarkdownBody;
  /** Set for an e-mail attachment published as a document: the message it came with, and its file name as the message gives it. */
  attachmentOf?: { id: string; page: number; file: string; name: string };
  /** The `redactText` entries that reach the document: site.yml's, its collection's, its sidecar's, each with where it is written. */
  textRedactions?: ScopedTextRedaction[];
}

/** A `redactText` entry with the file it is written in and its place in that file's list (its identity, for "matched nothing"). */
export type ScopedTextRedaction = TextRedaction & { in: string; index: number };

export interface StoryEntry {
  slug: string;
  file: string;
  /** The raw file text, for line look-ups. */
  source: string;
  meta: StoryMeta;
  body: MarkdownBody;
}

export interface Content {
  site: SiteConfig;
  collections: CollectionEntry[];
  documents: DocumentEntry[];
  stories: StoryEntry[];
  /** Documents whose sidecar or row is invalid: already reported, so links to them are not reported again. */
  invalidDocumentIds: Set<string>;
}

const rel = (p: string) => path.relative(process.cwd(), p) || '.';

export async function discover(contentDir: string, problems: Problem[]): Promise<Content> {
  const root = path.resolve(contentDir);
  const rootStat = await lstat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    problems.push({
      file: rel(root),
      message: 'the content folder does not exist',
      hint: 'create it with site.yml, collections/, documents/ and stories/ (see docs/editing.md), or set TROVE_CONTENT',
    });
    return { site: siteSchema.parse({ title: 'Trove' }), collections: [], documents: [], stories: [], invalidDocumentIds: new Set() };
  }
  const site = await readSite(root, problems);
  const { collections, slugs } = await readCollections(root, problems);
  const { documents, invalidIds } = await readDocuments(root, slugs, problems);
  const stories = await readStories(root, problems);
  const inherited = withTextRedactions(withOcrLanguages(documents, collections, site), collections, site, rel(path.join(root, 'site.yml')));
  return { site, collections, documents: inherited, stories, invalidDocumentIds: new Set(invalidIds) };
}

/** Each document's `redactText` entries as they apply: site.yml's, then its collection's, then its own. */
function withTextRedactions(documents: DocumentEntry[], collections: CollectionEntry[], site: SiteConfig, siteFile: string): DocumentEntry[] {
  const scoped = (list: TextRedaction[], file: string) => list.map((r, index) => ({ ...r, in: file, index }));
  const fromSite = scoped(site.redactText, siteFile);
  const byCollection = new Map(collections.map((c) => [c.slug, scoped(c.meta.redactText, c.file)]));
  return documents.map((d) => {
    const all = [...fromSite, ...(byCollection.get(d.collection) ?? []), ...scoped(d.meta.redactText, d.sidecarFile)];
    return all.length > 0 ? { ...d, textRedactions: all } : d;
  });
}

/** Each document's `ocr` as it applies: its own, else its collection's, else the site's. */
function withOcrLanguages(documents: DocumentEntry[], collections: CollectionEntry[], site: SiteConfig): DocumentEntry[] {
  const byCollection = new Map(collections.map((c) => [c.slug, c.meta.ocr]));
  return documents.map((d) => ({ ...d, meta: { ...d.meta, ocr: d.meta.ocr ?? byCollection.get(d.collection) ?? site.ocr } }));
}

/** content/site.yml, validated; its problems are added to `problems` and the defaults returned. */
export async function readSite(root: string, problems: Problem[]): Promise<SiteConfig> {
  const file = path.join(root, 'site.yml');
  const fallback = siteSchema.parse({ title: 'Trove' });
  const source = await readFile(file, 'utf8').catch(() => undefined);
  if (source === undefined) {
    problems.push({ file: rel(file), message: 'site.yml is missing', hint: 'create it with at least "title: <name of the site>"' });
    return fallback;
  }
  try {
    const data = parseYaml(source, 0);
    return validate(siteSchema, data, rel(file), source, problems) ?? fallback;
  } catch (e) {
    problems.push(fromFrontMatterError(rel(file), e));
    return fallback;
  }
}

/** Collections, and the slugs of every collection file (valid or not: an invalid one is reported once, not again per document). */
async function readCollections(root: string, problems: Problem[]): Promise<{ collections: CollectionEntry[]; slugs: Set<string> }> {
  const dir = path.join(root, 'collections');
  const out: CollectionEntry[] = [];
  const slugs = new Set<string>();
  for (const name of await listFiles(dir, problems)) {
    const file = path.join(dir, name);
    if (!name.endsWith('.md')) {
      problems.push({ file: rel(file), message: 'only <collection>.md files belong in collections/' });
      continue;
    }
    const slug = name.slice(0, -3);
    const nameProblem = checkSegment(slug);
    if (nameProblem) {
      problems.push({ file: rel(file), message: `collection name ${nameProblem.message}` });
      continue;
    }
    slugs.add(slug);
    const parsed = await readMarkdown(file, problems);
    if (!parsed) continue;
    const meta = validate(collectionSchema, parsed.data, rel(file), parsed.source, problems);
    if (meta) out.push({ slug, file: rel(file), meta, body: parsed.body });
  }
  return { collections: out.sort((a, b) => a.meta.title.localeCompare(b.meta.title)), slugs };
}

/** The documents of every collection folder, and the ids of those whose sidecar or row is invalid (reported already). */
async function readDocuments(root: string, collections: Set<string>, problems: Problem[]): Promise<{ documents: DocumentEntry[]; invalidIds: string[] }> {
  const base = path.join(root, 'documents');
  const documents: DocumentEntry[] = [];
  const invalidIds: string[] = [];
  for (const collection of await listDirs(base, problems)) {
    const dir = path.join(base, collection);
    if (!(await checkCollectionFolder(dir, collection, collections, problems))) continue;
    const folder = await readCollectionFolder(dir, collection, problems);
    for (const document of folder.documents) documents.push(document);
    for (const id of folder.invalidIds) invalidIds.push(id);
  }
  return { documents: documents.sort((a, b) => a.id.localeCompare(b.id)), invalidIds };
}

/** False when the folder's name cannot be a collection; a missing collection file or a subfolder is reported, and its documents are still read. */
async function checkCollectionFolder(dir: string, collection: string, collections: Set<string>, problems: Problem[]): Promise<boolean> {
  const nameProblem = checkSegment(collection);
  if (nameProblem) {
    problems.push({ file: rel(dir), message: `collection folder name ${nameProblem.message}` });
    return false;
  }
  if (!collections.has(collection)) {
    problems.push({
      file: rel(dir),
      message: `documents are in collection "${collection}", which has no collections/${collection}.md`,
      hint: `create content/collections/${collection}.md with at least a title`,
    });
  }
  for (const sub of await listDirs(dir, problems)) {
    problems.push({
      file: rel(path.join(dir, sub)),
      message: 'folders inside a collection are not supported',
      hint: `move its documents up into ${rel(dir)}/ (document ids are <collection>/<name>)`,
    });
  }
  return true;
}

/** What a collection folder holds besides its documents: the sidecars and the rows of its bulk metadata file. */
interface CollectionFolder {
  dir: string;
  collection: string;
  names: string[];
  sidecars: Set<string>;
  bulkPath: string;
  bulk: Map<string, BulkRow>;
  /** Some rows could not be read: a document without a sidecar may be described in one of them. */
  unreadableRows: boolean;
}

/** A document file of a supported type with a valid name, before its description is read. */
interface DocumentFile {
  id: string;
  /** The document's name within its collection: its id without the collection. */
  docName: string;
  absPath: string;
  extension: string;
  type: DocumentType;
}

async function readCollectionFolder(dir: string, collection: string, problems: Problem[]): Promise<{ documents: DocumentEntry[]; invalidIds: string[] }> {
  const names = await listFiles(dir, problems);
  const bulkPath = path.join(dir, BULK_FILE);
  const { rows: bulk, unreadableRows } = names.includes(BULK_FILE)
    ? await readBulkMetadata(bulkPath, rel(bulkPath), Object.keys(documentSchema.shape), problems)
    : { rows: new Map<string, BulkRow>(), unreadableRows: false };
  const folder: CollectionFolder = { dir, collection, names, sidecars: new Set(names.filter((n) => n.endsWith('.md'))), bulkPath, bulk, unreadableRows };
  const documents: DocumentEntry[] = [];
  const invalidIds: string[] = [];
  const described = new Set<string>();
  const used = new Set<string>();
  const seenIds = new Map<string, string>();
  for (const name of names) {
    if (name.endsWith('.md') || name === BULK_FILE) continue;
    const file = documentFile(folder, name, problems);
    if (!file) continue;
    const clash = seenIds.get(file.id);
    if (clash) {
      problems.push({ file: rel(file.absPath), message: `two files would publish as the same document "${file.id}" (also ${clash})`, hint: 'rename one of them' });
      continue;
    }
    seenIds.set(file.id, rel(file.absPath));
    if (bulk.has(name)) described.add(name);
    if (folder.sidecars.has(`${file.docName}.md`)) used.add(`${file.docName}.md`);
    const read = await readDocument(folder, name, file, problems);
    if (read === 'invalid') invalidIds.push(file.id);
    else if (read) documents.push(read);
  }
  reportOrphanSidecars(folder, used, problems);
  reportOrphanRows(folder, described, problems);
  return { documents, invalidIds };
}

/** The file's id and type, or undefined (reported) when it is not a supported document or its name cannot be an id. */
function documentFile(folder: CollectionFolder, name: string, problems: Problem[]): DocumentFile | undefined {
  const absPath = path.join(folder.dir, name);
  const extension = path.extname(name).slice(1).toLowerCase();
  const type = typeForExtension(extension);
  if (!type) {
    problems.push({
      file: rel(absPath),
      message: `".${extension || '(none)'}" files are not a supported document type`,
      hint: `supported: ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}; convert the file or remove it`,
    });
    return undefined;
  }
  const id = documentIdFromPath(`${folder.collection}/${name}`);
  const docName = id.split('/')[1] ?? '';
  const idProblem = checkSegment(docName);
  if (idProblem) {
    problems.push({ file: rel(absPath), message: `document file name ${idProblem.message}` });
    return undefined;
  }
  return { id, docName, absPath, extension, type };
}

/**
 * The document as its sidecar and its bulk metadata row describe it;
 * 'invalid' when either is invalid (reported already), undefined when it
 * has neither (reported here).
 */
async function readDocument(folder: CollectionFolder, name: string, file: DocumentFile, problems: Problem[]): Promise<DocumentEntry | 'invalid' | undefined> {
  const sidecarName = `${file.docName}.md`;
  const sidecarPath = path.join(folder.dir, sidecarName);
  const row = folder.bulk.get(name);
  if (!folder.sidecars.has(sidecarName) && !row) {
    // Perhaps described in a row that could not be read: that problem is reported already.
    if (folder.unreadableRows) return 'invalid';
    problems.push({
      file: rel(file.absPath),
      message: 'this document has no sidecar',
      hint: `create ${rel(sidecarPath)} with at least "title: ..." in its front matter, or describe it in a row of ${rel(folder.bulkPath)}`,
    });
    return undefined;
  }
  let parsed: { data: Record<string, unknown>; source: string; body: MarkdownBody } | undefined;
  if (folder.sidecars.has(sidecarName)) {
    parsed = await readMarkdown(sidecarPath, problems);
    if (!parsed) return 'invalid';
  }
  // The sidecar overrides the CSV row, field by field.
  const data = { ...(row?.fields ?? {}), ...(parsed?.data ?? {}) };
  const fromRow = (key: string) => (row && key in row.fields && !(parsed && key in parsed.data) ? { file: rel(folder.bulkPath), line: row.line } : undefined);
  const meta = validate(documentSchema, data, rel(parsed ? sidecarPath : folder.bulkPath), parsed?.source ?? '', problems, fromRow);
  if (!meta) return 'invalid';
  return {
    id: file.id,
    collection: folder.collection,
    absPath: file.absPath,
    file: rel(file.absPath),
    sidecarFile: rel(parsed ? sidecarPath : folder.bulkPath),
    extension: file.extension,
    type: file.type,
    meta,
    body: parsed?.body ?? { markdown: '', startLine: 1 },
  };
}

/** Sidecars that no document file claims (a document refused above, such as one of an unsupported type, still claims its sidecar). */
function reportOrphanSidecars(folder: CollectionFolder, used: Set<string>, problems: Problem[]): void {
  for (const sidecar of folder.sidecars) {
    if (!used.has(sidecar) && !folder.names.some((n) => n !== sidecar && documentIdFromPath(n) === sidecar.slice(0, -3))) {
      problems.push({
        file: rel(path.join(folder.dir, sidecar)),
        message: 'this sidecar has no document beside it',
        hint: `add the document file (e.g. ${sidecar.slice(0, -3)}.pdf) or remove the sidecar`,
      });
    }
  }
}

/** Bulk metadata rows that name no file of the folder. */
function reportOrphanRows(folder: CollectionFolder, described: Set<string>, problems: Problem[]): void {
  for (const row of folder.bulk.values()) {
    if (!described.has(row.file)) {
      problems.push({
        file: rel(folder.bulkPath),
        line: row.line,
        message: `this row describes "${row.file}", which is not in ${rel(folder.dir)}/`,
        hint: 'check the file name (with its extension), or remove the row',
      });
    }
  }
}

async function readStories(root: string, problems: Problem[]): Promise<StoryEntry[]> {
  const dir = path.join(root, 'stories');
  const out: StoryEntry[] = [];
  for (const name of await listFiles(dir, problems)) {
    const file = path.join(dir, name);
    if (!name.endsWith('.md')) {
      problems.push({ file: rel(file), message: 'only <slug>.md files belong in stories/' });
      continue;
    }
    const slug = name.slice(0, -3);
    const slugProblem = checkSegment(slug);
    if (slugProblem) {
      problems.push({ file: rel(file), message: `story file name ${slugProblem.message}` });
      continue;
    }
    const parsed = await readMarkdown(file, problems);
    if (!parsed) continue;
    const meta = validate(storySchema, parsed.data, rel(file), parsed.source, problems);
    if (meta) out.push({ slug, file: rel(file), source: parsed.source, meta, body: parsed.body });
  }
  return out;
}

async function readMarkdown(file: string, problems: Problem[]) {
  const source = await readFile(file, 'utf8');
  try {
    const { data, body, bodyStartLine } = parseFrontMatter(source);
    return { source, data, body: { markdown: body, startLine: bodyStartLine } };
  } catch (e) {
    problems.push(fromFrontMatterError(rel(file), e));
    return undefined;
  }
}

function fromFrontMatterError(file: string, e: unknown): Problem {
  if (e instanceof FrontMatterError) return { file, line: e.line, message: e.message, hint: e.hint };
  return { file, message: `could not read the front matter: ${(e as Error).message}` };
}

/** Regular files of a folder, sorted; hidden files skipped; links refused. */
async function listFiles(dir: string, problems: Problem[]): Promise<string[]> {
  return (await list(dir, problems)).filter((e) => e.kind === 'file').map((e) => e.name);
}

async function listDirs(dir: string, problems: Problem[]): Promise<string[]> {
  return (await list(dir, problems)).filter((e) => e.kind === 'dir').map((e) => e.name);
}

async function list(dir: string, problems: Problem[]): Promise<{ name: string; kind: 'file' | 'dir' }[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: { name: string; kind: 'file' | 'dir' }[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      // A link could point anywhere on the build machine; refuse rather than publish it.
      problems.push({ file: rel(full), message: 'symbolic links are not followed', hint: 'copy the file itself into content/' });
    } else if (entry.isDirectory()) {
      out.push({ name: entry.name, kind: 'dir' });
    } else if (entry.isFile()) {
      out.push({ name: entry.name, kind: 'file' });
    }
  }
  return out;
}

