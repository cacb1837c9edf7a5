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
import { checkReference, landingOf, type Citation, type MarkdownContext } from './references.ts';
import { checkUrls } from './urls.ts';
import { isDocRef, parseDocRef } from '../../lib/refs.ts';
import { pageLink } from '../../lib/urls.ts';

export function renderMarkdown(markdown: string, ctx: MarkdownContext): { html: string; citations: Citation[] } {
  const citations: Citation[] = [];
  const processor = remark()
    .use(remarkDirective)
    .use(() => (tree: Root) => {
      checkUrls(tree, { file: ctx.file, problems: ctx.problems, lineOf: (node) => lineOf(node, ctx) });
      resolveLinks(tree, ctx, citations);
      citations.push(...resolveEmbeds(tree, markdown, ctx));
    })
    .use(remarkRehype)
    .use(rehypeStringify);
  const html = String(processor.processSync(markdown));
  return { html, citations };
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
    const what = `the link "${link.url}"`;
    const known = checkReference(
      what,
      documentId,
      parsed.ref.rowNumber === undefined && parsed.ref.messageNumber === undefined ? pageNumber : undefined,
      ctx,
      lineOf(link, ctx),
    );
    const landing = known && landingOf(what, parsed.ref, known, ctx, lineOf(link, ctx));
    if (!landing) return;
    citations.push({ documentId, pageNumber: landing.pageNumber });
    link.url = pageLink(ctx.pagePath, landing.url);
  });
}
