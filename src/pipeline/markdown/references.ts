/**
 * What a rendered markdown file may point to, and the check that a `doc:`
 * link or an embed points to a document (and page) that is there: the
 * vocabulary render.ts and embeds.ts share.
 */
import type { DocumentType } from '../../schemas/document.ts';
import type { Problem } from '../errors.ts';
import type { DocRef } from '../../lib/refs.ts';
import { closestOf } from '../../lib/edit-distance.ts';
import { documentPageUrl, tablePagePath, tableRowUrl } from '../../lib/urls.ts';

export interface KnownDocument {
  pageCount?: number;
  /** Its type and, for tables, row count: cards say "12 pages", "3 messages" or "1,200 rows" as the document page does. */
  type?: DocumentType;
  rowCount?: number;
  /** Tables: rows on a page of rows, to find the page that holds a cited row. */
  rowsPerPage?: number;
  /** What embeds show: title, thumbnail and page image sizes. */
  title?: string;
  thumbnail?: { widthPx: number; heightPx: number };
  pages?: { widthPx: number; heightPx: number; noImage?: boolean }[];
  /** Set when the document exists in content/ but is left out (draft or embargo). */
  unpublished?: boolean;
  /** Set when its sidecar is invalid: that problem is reported already, so links to it are not. */
  invalid?: boolean;
}

export interface MarkdownContext {
  /** The markdown file, relative to the working directory. */
  file: string;
  /** 1-based line of the file where the markdown starts. */
  startLine: number;
  /** Site path of the page the HTML appears on, e.g. `stories/my-story/`. */
  pagePath: string;
  documents: ReadonlyMap<string, KnownDocument>;
  problems: Problem[];
}

export interface Citation {
  documentId: string;
  pageNumber?: number;
}

/**
 * Checks a reference to a document (and page) from `what` at `line`: the
 * document exists, is published, and has the page. Reports a problem and
 * returns undefined otherwise (also, silently, for a document whose own
 * sidecar is invalid: that is reported already).
 */
export function checkReference(
  what: string,
  documentId: string,
  pageNumber: number | undefined,
  ctx: MarkdownContext,
  line: number | undefined,
): KnownDocument | undefined {
  const known = ctx.documents.get(documentId);
  if (!known) {
    ctx.problems.push({
      file: ctx.file,
      line,
      message: `${what} points to document "${documentId}", which does not exist`,
      hint: didYouMean(documentId, ctx.documents) ?? `check the id: it is the path under content/documents/ without the extension`,
    });
    return undefined;
  }
  if (known.invalid) return undefined;
  if (known.unpublished) {
    ctx.problems.push({
      file: ctx.file,
      line,
      message: `${what} points to document "${documentId}", which is a draft, embargoed or awaiting review`,
      hint: 'publish the document first (remove draft or needsReview, or wait for publishAt), or remove the link',
    });
    return undefined;
  }
  if (pageNumber !== undefined && known.pageCount !== undefined && pageNumber > known.pageCount) {
    ctx.problems.push({
      file: ctx.file,
      line,
      message: `${what} points to page ${pageNumber}, but "${documentId}" has ${known.pageCount} page${known.pageCount === 1 ? '' : 's'}`,
    });
    return undefined;
  }
  return known;
}

/** "did you mean …?" for a document id one or two letters off, or the same name in another collection. */
function didYouMean(documentId: string, documents: ReadonlyMap<string, KnownDocument>): string | undefined {
  const ids = [...documents.keys()];
  const name = documentId.split('/').pop()!;
  const guess = closestOf(documentId, ids) ?? ids.find((id) => id.split('/').pop() === name);
  return guess ? `did you mean "${guess}"? (the id is the path under content/documents/ without the extension)` : undefined;
}

const TYPE_NAMES: Record<DocumentType, string> = {
  pdf: 'a PDF',
  image: 'an image',
  text: 'a text document',
  table: 'a table',
  email: 'an e-mail',
  office: 'an Office file',
};

/**
 * Where a checked reference lands (site path with its anchor) and the page
 * it cites: `#page=N` is a page, a table's Nth page of rows; `#row=N` the
 * page of rows that holds the row, at the row; `#message=N` a message of a
 * mailbox. A target the document does not have is a problem (returns
 * undefined).
 */
export function landingOf(
  what: string,
  ref: DocRef,
  known: KnownDocument,
  ctx: MarkdownContext,
  line: number | undefined,
): { url: string; pageNumber?: number } | undefined {
  const { documentId } = ref;
  const problem = (message: string, hint?: string) => {
    ctx.problems.push({ file: ctx.file, line, message: `${what} ${message}`, ...(hint ? { hint } : {}) });
    return undefined;
  };
  const kind = known.type ? TYPE_NAMES[known.type] : 'a document';
  if (ref.rowNumber !== undefined) {
    if (known.type !== 'table' || known.rowCount === undefined || !known.rowsPerPage)
      return problem(
        `points to row ${ref.rowNumber}, but "${documentId}" is ${kind}, not a table`,
        `use #page=N for its pages${known.type === 'email' ? ', or #message=N' : ''}`,
      );
    if (ref.rowNumber > known.rowCount)
      return problem(
        `points to row ${ref.rowNumber}, but "${documentId}" has ${known.rowCount.toLocaleString('en')} row${known.rowCount === 1 ? '' : 's'}`,
        'rows are numbered as the table pages show them, from 1',
      );
    return { url: tableRowUrl(documentId, ref.rowNumber, known.rowsPerPage), pageNumber: Math.ceil(ref.rowNumber / known.rowsPerPage) };
  }
  if (ref.messageNumber !== undefined) {
    if (known.type !== 'email') return problem(`points to message ${ref.messageNumber}, but "${documentId}" is ${kind}, not an e-mail`, 'use #page=N');
    if (known.pageCount !== undefined && ref.messageNumber > known.pageCount)
      return problem(`points to message ${ref.messageNumber}, but "${documentId}" has ${known.pageCount} message${known.pageCount === 1 ? '' : 's'}`);
    return { url: documentPageUrl(documentId, ref.messageNumber), pageNumber: ref.messageNumber };
  }
  if (ref.pageNumber !== undefined && known.type === 'table') return { url: tablePagePath(documentId, ref.pageNumber), pageNumber: ref.pageNumber };
  return { url: documentPageUrl(documentId, ref.pageNumber), pageNumber: ref.pageNumber };
}
