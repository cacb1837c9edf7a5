/**
 * Where things live in the built site, as paths relative to the site root
 * (no leading slash), and how to link between them with relative URLs so the
 * folder works at any path and from a copy. Pure and browser-safe.
 *
 * Page numbers here are 1-based (`pageNumber`), as readers see them.
 */

/** Folder of the home page. */
export const HOME = '';

export function collectionPath(collection: string): string {
  return `collections/${collection}/`;
}

export function documentPath(documentId: string): string {
  return `documents/${documentId}/`;
}

export function storyPath(slug: string): string {
  return `stories/${slug}/`;
}

export const SEARCH_PATH = 'search/';

/** The "About this site / Verify a copy" page. */
export const ABOUT_PATH = 'about/';

/** Browse pages for readers without JavaScript (and everyone else). */
export const BROWSE_PATH = 'browse/';

/**
 * Embeddable views (`embed/<collection>/<name>/`): a document's pages in a
 * minimal frame, the only pages another site may show in an iframe; with
 * `#page-N`, that page alone. Outside documents/ so hosts can allow framing
 * for this folder only (src/build/steps/headers-file.ts).
 */
export const EMBED_ROOT = 'embed/';

export function embedPath(documentId: string): string {
  return `${EMBED_ROOT}${documentId}/`;
}

/** The anchor of one page of a document page: `page-3`. */
export function pageAnchor(pageNumber: number): string {
  return `page-${pageNumber}`;
}

/**
 * Long documents are split into parts of this many pages, each its own
 * HTML file, so no page grows without bound (a 2,000-page PDF is 40 parts,
 * not one 10 MB page). Part 1 is the document page itself.
 */
export const PAGES_PER_PART = 50;

/** The part (1-based) that shows a page. */
export function partOf(pageNumber: number): number {
  return Math.max(1, Math.ceil(pageNumber / PAGES_PER_PART));
}

/** How many parts a document of `pageCount` pages has. */
export function partCount(pageCount: number): number {
  return Math.max(1, Math.ceil(pageCount / PAGES_PER_PART));
}

/** The first and last page of a part. */
export function partRange(part: number, pageCount: number): { first: number; last: number } {
  return { first: (part - 1) * PAGES_PER_PART + 1, last: Math.min(pageCount, part * PAGES_PER_PART) };
}

/** Folder of one part of a document: the document page for part 1, `documents/<id>/part-<k>/` after. */
export function documentPartPath(documentId: string, part: number): string {
  return part <= 1 ? documentPath(documentId) : `${documentPath(documentId)}part-${part}/`;
}

/** A document page URL path, optionally pointing at one page (in the part that shows it). */
export function documentPageUrl(documentId: string, pageNumber?: number): string {
  if (pageNumber === undefined) return documentPath(documentId);
  return `${documentPartPath(documentId, partOf(pageNumber))}#${pageAnchor(pageNumber)}`;
}

/** Page image of one page, relative to the site root. */
export function pageImagePath(documentId: string, pageNumber: number): string {
  return `${documentPath(documentId)}pages/${pageNumber}.webp`;
}

/** A page image at full resolution (images larger than the page image), relative to the site root. */
export function fullPageImagePath(documentId: string, pageNumber: number): string {
  return `${documentPath(documentId)}pages/${pageNumber}-full.webp`;
}

/** The small image of one page, for a document's page grid, relative to the site root. */
export function pageThumbPath(documentId: string, pageNumber: number): string {
  return `${documentPath(documentId)}pages/${pageNumber}-thumb.webp`;
}

/** Thumbnail of a document (its first page), relative to the site root. */
export function thumbnailPath(documentId: string): string {
  return `${documentPath(documentId)}thumb.webp`;
}

/** One page of a table's rows (`documents/<id>/table/<n>/`); each row has the anchor `row-<n>`. */
export function tablePagePath(documentId: string, pageNumber: number): string {
  return `${documentPath(documentId)}table/${pageNumber}/`;
}

/** The link to one row of a table, by its 1-based number among the data rows. */
export function tableRowUrl(documentId: string, rowNumber: number, rowsPerPage: number): string {
  return `${tablePagePath(documentId, Math.ceil(rowNumber / rowsPerPage))}#row-${rowNumber}`;
}

/** The download of the published file, relative to the site root. */
export function downloadPath(documentId: string, extension: string): string {
  const name = documentId.split('/').pop() ?? 'document';
  return `${documentPath(documentId)}${name}.${extension}`;
}

/** The absolute address of `toPath` on the site at `siteUrl` (site.yml's `url`), or undefined when there is none. */
export function absoluteUrl(siteUrl: string | undefined, toPath: string): string | undefined {
  return siteUrl ? new URL(toPath, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href : undefined;
}

/** The path the site is served at: site.yml's `url`'s, else the host's root (where a page served at any address, the 404 page, links from). */
export function sitePathOf(siteUrl: string | undefined): string {
  return siteUrl ? new URL(siteUrl).pathname.replace(/\/?$/, '/') : '/';
}

/**
 * A relative URL from the page at `fromPath` (a folder path like
 * `stories/a/`, or '' for home) to `toPath` (relative to the site root,
 * possibly with `#fragment`). The result never starts with `/`.
 */
export function relativeUrl(fromPath: string, toPath: string): string {
  const depth = fromPath.split('/').filter(Boolean).length;
  const up = '../'.repeat(depth);
  const target = up + toPath;
  return target === '' ? './' : target.startsWith('#') ? `./${target}` : target;
}

/**
 * A link from the page at `fromPath` to another page (a folder path,
 * possibly with `#fragment`). It names `index.html` explicitly, so links
 * work from a copy opened straight from disk (`file://`), where a folder
 * is not resolved to its index page; web servers serve the same file.
 */
export function pageLink(fromPath: string, toPage: string): string {
  const [path, fragment] = splitFragment(toPage);
  const target = path === '' || path.endsWith('/') ? `${path}index.html` : path;
  return relativeUrl(fromPath, target) + fragment;
}

function splitFragment(url: string): [string, string] {
  const i = url.indexOf('#');
  return i === -1 ? [url, ''] : [url.slice(0, i), url.slice(i)];
}
