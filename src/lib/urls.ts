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

/** The anchor of one page of a document page: `page-3`. */
export function pageAnchor(pageNumber: number): string {
  return `page-${pageNumber}`;
}

/** A document page URL path, optionally pointing at one page. */
export function documentPageUrl(documentId: string, pageNumber?: number): string {
  const base = documentPath(documentId);
  return pageNumber === undefined ? base : `${base}#${pageAnchor(pageNumber)}`;
}

/** Page image of one page, relative to the site root. */
export function pageImagePath(documentId: string, pageNumber: number): string {
  return `${documentPath(documentId)}pages/${pageNumber}.webp`;
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
