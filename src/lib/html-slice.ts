/**
 * The HTML build in slices (src/build/html-slices.ts): each slice is an Astro
 * process of its own that renders the pages of some documents, so no
 * process's memory grows with the whole collection. A document's pages
 * (its page, parts, pages of rows and embed) belong to the slice its id
 * hashes to; the pages that are not a document's (home, collections,
 * browse, stories, search, about, 404) to the first. Pages without
 * parameters are rendered by every slice, and the build keeps the first
 * slice's copy (they are the same bytes).
 */

/** `TROVE_HTML_SLICE=i/n`, set by the build in each slice's process (`0/1`, the whole site, when unset). */
export const SLICE_VARIABLE = 'TROVE_HTML_SLICE';

export interface HtmlSlice {
  /** From 0. */
  index: number;
  count: number;
}

export function currentSlice(env: NodeJS.ProcessEnv = process.env): HtmlSlice {
  const raw = env[SLICE_VARIABLE];
  if (!raw) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const slice = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!slice || !(slice.count >= 1 && slice.index < slice.count))
    throw new Error(`${SLICE_VARIABLE} must be "index/count" with index below count, not "${raw}"`);
  return slice;
}

/** The slice a document's pages belong to: a hash of its id (FNV-1a), so it does not depend on the other documents. */
export function sliceOf(documentId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < documentId.length; i++) {
    hash ^= documentId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** Whether this process renders document `id`'s pages. */
export function rendersDocument(documentId: string, slice: HtmlSlice = currentSlice()): boolean {
  return slice.count === 1 || sliceOf(documentId, slice.count) === slice.index;
}

/** Whether this process renders the pages that are not a document's. */
export function rendersSharedPages(slice: HtmlSlice = currentSlice()): boolean {
  return slice.index === 0;
}
