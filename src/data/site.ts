/**
 * Build-time access to the site data the pipeline wrote. Pages call these
 * from their front matter; nothing here reaches the browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from 'virtual:trove/data';
import type { DocumentDetail, DocumentSummary, SiteData } from '../lib/model.ts';

let cached: SiteData | undefined;

export function getSite(): SiteData {
  cached ??= JSON.parse(readFileSync(path.join(dataDir, 'site.json'), 'utf8')) as SiteData;
  return cached;
}

export function getDocumentDetail(id: string): DocumentDetail {
  return JSON.parse(readFileSync(path.join(dataDir, 'documents', `${id}.json`), 'utf8')) as DocumentDetail;
}

export function documentsOf(collection: string): DocumentSummary[] {
  return getSite().documents.filter((d) => d.collection === collection);
}

export function getDocument(id: string): DocumentSummary | undefined {
  return getSite().documents.find((d) => d.id === id);
}
