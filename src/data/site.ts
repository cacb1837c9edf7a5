/**
 * Build-time access to the site data the pipeline wrote. Pages call these
 * from their front matter; nothing here reaches the browser.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from 'virtual:trove/data';
import { uiFor, type Ui } from '../i18n/index.ts';
import { browseFacets, browsePath, type FacetKind } from '../lib/browse.ts';
import { TYPE_KEYS } from '../lib/format.ts';
import type { DocumentDetail, DocumentSummary, SiteData } from '../lib/model.ts';

let cached: { data: SiteData; mtimeMs: number } | undefined;

/** The site data; re-read when the pipeline rewrote it (in `npm run dev`). */
export function getSite(): SiteData {
  const file = path.join(dataDir, 'site.json');
  const mtimeMs = statSync(file).mtimeMs;
  if (!cached || cached.mtimeMs !== mtimeMs) cached = { data: JSON.parse(readFileSync(file, 'utf8')) as SiteData, mtimeMs };
  return cached.data;
}

let lastDetail: { id: string; mtimeMs: number; detail: DocumentDetail } | undefined;

/** One document's detail (page texts). The last one read is kept: the parts of a long document are built one after another. */
export function getDocumentDetail(id: string): DocumentDetail {
  const file = path.join(dataDir, 'documents', `${id}.json`);
  const mtimeMs = statSync(file).mtimeMs;
  if (lastDetail?.id !== id || lastDetail.mtimeMs !== mtimeMs) {
    lastDetail = { id, mtimeMs, detail: JSON.parse(readFileSync(file, 'utf8')) as DocumentDetail };
  }
  return lastDetail.detail;
}

export function documentsOf(collection: string): DocumentSummary[] {
  return getSite().documents.filter((d) => d.collection === collection);
}

export function getDocument(id: string): DocumentSummary | undefined {
  return getSite().documents.find((d) => d.id === id);
}

/** The interface (translated words, dates, direction) of the site's language. */
export function getUi(): Ui {
  return uiFor(getSite().site.language);
}

let facetIndex: { data: SiteData; slugs: Map<string, string> } | undefined;

/** The browse page of a source, year, type or tag value (`browse/tag/<slug>/`), for linking it wherever it is named. */
export function facetLink(kind: FacetKind, value: string): string {
  const data = getSite();
  if (facetIndex?.data !== data) {
    const slugs = new Map<string, string>();
    for (const values of Object.values(browseFacets(data, typeNameOf(getUi()))))
      for (const f of values) slugs.set(`${f.kind}\u0000${f.value}`, browsePath(f.kind, f.slug));
    facetIndex = { data, slugs };
  }
  return facetIndex.slugs.get(`${kind}\u0000${value}`) ?? browsePath(kind);
}

/** What each document type is called in the interface's language. */
export function typeNameOf(ui: Ui): (type: DocumentSummary['type']) => string {
  return (type) => ui.t(TYPE_KEYS[type]);
}
