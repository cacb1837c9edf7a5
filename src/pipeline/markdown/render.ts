/**
 * Markdown of stories, collection introductions and document descriptions
 * to HTML. `doc:` links become relative links to document pages (and page
 * anchors); unknown documents, pages past the end, remote images and links
 * that could run a script (markdown/urls.ts) are problems with the file and
 * line. Raw HTML in markdown is dropped (remark-rehype's default), so
 * editors cannot inject scripts by accident.
 */
import type { Link, Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import { remark } from 'remark';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import { visit } from 'unist-util-visit';
import { resolveEmbeds } from './embeds.ts';
import { checkUrls } from './urls.ts';
import { isDocRef, parseDocRef } from '../../lib/refs.ts';
import { documentPageUrl, pageLink } from '../../lib/urls.ts';
import type { Problem } from '../errors.ts';

export interface KnownDocument {
  pageCount?: number;
  /** Its type and, for tables, row count: cards say "12 pages", "3 messages" or "1,200 rows" as the document page does. */
  type?: import('../../schemas/document.ts').DocumentType;
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

export function renderMarkdown(markdown: string, ctx: MarkdownContext): { html: string; citations: Citation[] } {
  const citations: Citation[] = [];
  const processor = remark()
    .use(remarkDirective)
    .use(() => (tree: Root) => {
      checkUrls(tree, { file: ctx.file, problems: ctx.problems, lineOf: (node) => lineOf(node, ctx) });
      resolveLinks(tree, ctx, citations);
      resolveEmbeds(tree, markdown, ctx, citations);
    })
    .use(remarkRehype)
    .use(rehypeStringify);
  const html = String(processor.processSync(markdown));
  return { html, citations };
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

/** The line in the markdown file of a node of the markdown that starts at `ctx.startLine`. */
function lineOf(node: { position?: { start: { line: number } } }, ctx: MarkdownContext): number | undefined {
  return node.position ? node.position.start.line + ctx.startLine - 1 : undefined;
}

function resolveLinks(tree: Root, ctx: MarkdownContext, citations: Citation[]): void {
  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'definition') return;
    const link = node as Link;
    if (!isDocRef(link.url)) return;
    const parsed = parseDocRef(link.url);
    if (!parsed.ok) {
      ctx.problems.push({ file: ctx.file, line: lineOf(link, ctx), message: parsed.message });
      return;
    }
    const { documentId, pageNumber } = parsed.ref;
    if (!checkReference(`the link "${link.url}"`, documentId, pageNumber, ctx, lineOf(link, ctx))) return;
    citations.push({ documentId, pageNumber });
    link.url = pageLink(ctx.pagePath, documentPageUrl(documentId, pageNumber));
  });
}
