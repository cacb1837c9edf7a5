/**
 * What a rendered markdown file may point to, and the check that a `doc:`
 * link or an embed points to a document (and page) that is there: the
 * vocabulary render.ts and embeds.ts share.
 */
import type { DocumentType } from '../../schemas/document.ts';
import type { Problem } from '../errors.ts';

export interface KnownDocument {
  pageCount?: number;
  /** Its type and, for tables, row count: cards say "12 pages", "3 messages" or "1,200 rows" as the document page does. */
  type?: DocumentType;
  rowCount?: number;
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
      hint: `check the id: it is the path under content/documents/ without the extension`,
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
