/**
 * Browse facets for readers without JavaScript: documents (and stories) by
 * source, year, type and tag, each with a stable slug for its page
 * `browse/<facet>/<slug>/`. Pure and browser-safe.
 */
import type { MessageKey } from '../i18n/index.ts';
import { TYPE_LABELS } from './format.ts';
import type { DocumentSummary, SiteData, StorySummary } from './model.ts';

export type FacetKind = 'source' | 'year' | 'type' | 'tag';

/** The interface's words for each facet (src/i18n/). */
export const FACET_KEYS = { source: 'facetSource', year: 'facetYear', type: 'facetType', tag: 'facetTag' } as const satisfies Record<FacetKind, MessageKey>;

export interface FacetValue {
  kind: FacetKind;
  value: string;
  slug: string;
  documents: DocumentSummary[];
  stories: StorySummary[];
}

/** A URL-safe slug of any label: `U.S. Court of Appeals` → `u-s-court-of-appeals`. */
export function facetSlug(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'other';
}

export function browsePath(kind: FacetKind, slug?: string): string {
  return slug ? `browse/${kind}/${slug}/` : 'browse/';
}

function group(
  kind: FacetKind,
  documents: DocumentSummary[],
  stories: StorySummary[],
  valuesOfDoc: (d: DocumentSummary) => string[],
  valuesOfStory: (s: StorySummary) => string[],
): FacetValue[] {
  const byValue = new Map<string, FacetValue>();
  const entry = (value: string) => {
    let e = byValue.get(value);
    if (!e) byValue.set(value, (e = { kind, value, slug: '', documents: [], stories: [] }));
    return e;
  };
  for (const d of documents) for (const v of new Set(valuesOfDoc(d))) entry(v).documents.push(d);
  for (const s of stories) for (const v of new Set(valuesOfStory(s))) entry(v).stories.push(s);
  const values = [...byValue.values()].sort((a, b) =>
    kind === 'year' ? b.value.localeCompare(a.value) : a.value.localeCompare(b.value, 'en', { sensitivity: 'base' }),
  );
  // Distinct labels can share a slug ("A.B." and "A B"): number the later ones.
  const used = new Set<string>();
  for (const v of values) {
    let slug = facetSlug(v.value);
    for (let n = 2; used.has(slug); n++) slug = `${facetSlug(v.value)}-${n}`;
    used.add(slug);
    v.slug = slug;
  }
  return values;
}

/** `typeName`: what a document type is called (the interface's word; English by default). */
export function browseFacets(
  site: Pick<SiteData, 'documents' | 'stories'>,
  typeName: (type: DocumentSummary['type']) => string = (t) => TYPE_LABELS[t] ?? t,
): Record<FacetKind, FacetValue[]> {
  const { documents, stories } = site;
  return {
    source: group(
      'source',
      documents,
      [],
      (d) => (d.source ? [d.source] : []),
      () => [],
    ),
    year: group(
      'year',
      documents,
      stories,
      (d) => (d.year ? [d.year] : []),
      (s) => [s.date.slice(0, 4)],
    ),
    type: group(
      'type',
      documents,
      [],
      (d) => [typeName(d.type)],
      () => [],
    ),
    tag: group(
      'tag',
      documents,
      stories,
      (d) => d.tags,
      (s) => s.tags,
    ),
  };
}
