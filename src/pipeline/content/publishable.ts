/**
 * What may be published now: drafts, documents still marked `needsReview`
 * (as `npm run add` leaves them) and entries embargoed until a future
 * `publishAt` are left out of the build entirely.
 */
export interface Publishable {
  draft: boolean;
  needsReview?: boolean;
  publishAt?: string;
}

export function isPublished(meta: Publishable, now: Date): boolean {
  if (meta.draft || meta.needsReview) return false;
  if (meta.publishAt && Date.parse(meta.publishAt) > now.getTime()) return false;
  return true;
}
