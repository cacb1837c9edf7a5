/**
 * Embeds in stories, written as leaf directives on a line of their own:
 *
 *   ::document{id="appeals/calvary-chapel-v-mills"}          a document card
 *   ::page{id="appeals/calvary-chapel-v-mills" page=3}        one page image
 *
 * Each becomes a figure linking to the document (at the page), checked like
 * a `doc:` link. Unknown directives are problems with the file and line, so
 * a typo never shows up as stray text on the site.
 */
import type { Root } from 'mdast';
import type { LeafDirective, TextDirective, ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { documentPageUrl, pageImagePath, pageLink, relativeUrl, thumbnailPath } from '../../lib/urls.ts';
import { extentLabel, plural } from '../../lib/format.ts';
import { checkReference, type Citation, type KnownDocument, type MarkdownContext } from './references.ts';

type Directive = LeafDirective | TextDirective | ContainerDirective;

const EMBEDS = ['document', 'page'];

interface HastElement {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: (HastElement | { type: 'text'; value: string })[];
}

const el = (tagName: string, properties: Record<string, unknown>, children: HastElement['children'] = []): HastElement => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const text = (value: string) => ({ type: 'text' as const, value });

/** Turns the embeds of `tree` into figures and returns the documents and pages they cite. */
export function resolveEmbeds(tree: Root, markdown: string, ctx: MarkdownContext): Citation[] {
  const citations: Citation[] = [];
  visit(tree, (node, index, parent) => {
    if (node.type !== 'leafDirective' && node.type !== 'textDirective' && node.type !== 'containerDirective') return;
    const d = node as Directive;
    if (d.type === 'textDirective') {
      if (parent && index !== undefined) parent.children.splice(index, 1, { type: 'text', value: writtenText(d, markdown) } as never);
      return;
    }
    const line = d.position ? d.position.start.line + ctx.startLine - 1 : undefined;
    const target = embedTarget(d, ctx, line);
    const known =
      target &&
      checkReference(
        `the embed ::${d.name}{id="${target.id}"${target.pageNumber ? ` page=${target.pageNumber}` : ''}}`,
        target.id,
        target.pageNumber,
        ctx,
        line,
      );
    if (!target || !known) {
      replaceWith(d, el('span', {}));
      return;
    }
    citations.push({ documentId: target.id, pageNumber: target.pageNumber });
    const figure = target.pageNumber === undefined ? documentFigure(target.id, known, ctx) : pageFigure(target.id, target.pageNumber, known, ctx, line);
    replaceWith(d, figure ?? el('span', {}));
  });
  return citations;
}

/** ":30" in "10:30" or "no:5" is prose, not an embed: the text as written. */
function writtenText(d: TextDirective, markdown: string): string {
  const start = d.position?.start.offset;
  const end = d.position?.end.offset;
  return start !== undefined && end !== undefined ? markdown.slice(start, end) : `:${d.name}`;
}

/** The document (and page) an embed names, or undefined when it is not a well-formed embed (reported). */
function embedTarget(d: LeafDirective | ContainerDirective, ctx: MarkdownContext, line: number | undefined): { id: string; pageNumber?: number } | undefined {
  const fail = (message: string, hint?: string) => {
    ctx.problems.push({ file: ctx.file, line, message, hint });
    return undefined;
  };
  if (!EMBEDS.includes(d.name) || d.type !== 'leafDirective') {
    return fail(
      `unknown embed "${d.type === 'containerDirective' ? ':::' : '::'}${d.name}"`,
      'embeds are ::document{id="<collection>/<name>"} and ::page{id="<collection>/<name>" page=N}, each on a line of its own',
    );
  }
  const id = d.attributes?.id ?? '';
  if (!id) return fail(`::${d.name} needs the document's id: ::${d.name}{id="<collection>/<name>"${d.name === 'page' ? ' page=N' : ''}}`);
  if (d.name !== 'page') return { id };
  const pageNumber = Number(d.attributes?.page);
  if (!Number.isInteger(pageNumber) || pageNumber < 1) return fail(`::page{id="${id}"} needs a page number: page=N (found "${d.attributes?.page ?? ''}")`);
  return { id, pageNumber };
}

/** A document card: its thumbnail, title and extent, linking to the document. */
function documentFigure(id: string, known: KnownDocument, ctx: MarkdownContext): HastElement {
  const title = known.title ?? id;
  const href = pageLink(ctx.pagePath, documentPageUrl(id));
  const thumb = known.thumbnail;
  return el('figure', { className: ['embed', 'embed-document'] }, [
    // The caption's link names the document; the image's repeats it for the pointer only (one stop for a keyboard or a screen reader).
    el('a', { href, tabIndex: -1, ariaHidden: 'true' }, [
      el('img', { src: relativeUrl(ctx.pagePath, thumbnailPath(id)), width: thumb?.widthPx, height: thumb?.heightPx, alt: '', loading: 'lazy' }),
    ]),
    el('figcaption', {}, [
      el('a', { href }, [text(title)]),
      text(known.pageCount ? ` · ${known.type ? extentLabel(known.type, known.pageCount, known.rowCount) : plural(known.pageCount, 'page')}` : ''),
    ]),
  ]);
}

/** One page's image linking to the document at that page, or undefined (reported) for a document without page images. */
function pageFigure(id: string, pageNumber: number, known: KnownDocument, ctx: MarkdownContext, line: number | undefined): HastElement | undefined {
  const title = known.title ?? id;
  const href = pageLink(ctx.pagePath, documentPageUrl(id, pageNumber));
  const size = known.pages?.[pageNumber - 1];
  if (size?.noImage) {
    ctx.problems.push({
      file: ctx.file,
      line,
      message: `the embed ::page{id="${id}" page=${pageNumber}} shows a page image, but "${id}" is text without page images`,
      hint: `link to the section instead: [text](doc:${id}#page=${pageNumber})`,
    });
    return undefined;
  }
  return el('figure', { className: ['embed', 'embed-page'] }, [
    el('a', { href }, [
      el('img', {
        src: relativeUrl(ctx.pagePath, pageImagePath(id, pageNumber)),
        width: size?.widthPx,
        height: size?.heightPx,
        alt: `Page ${pageNumber} of ${title}`,
        loading: 'lazy',
      }),
    ]),
    el('figcaption', {}, [el('a', { href }, [text(`${title}, page ${pageNumber}`)])]),
  ]);
}

/** Makes remark-rehype emit `replacement` (a hast element) for the directive. */
function replaceWith(d: Directive, replacement: HastElement): void {
  const data = (d.data ??= {}) as Record<string, unknown>;
  data.hName = replacement.tagName;
  data.hProperties = replacement.properties;
  data.hChildren = replacement.children;
}
