/**
 * What may be published now: drafts and entries embargoed until a future
 * `publishAt` are left out of the build entirely.
 */
export interface Publishable {
  draft: boolean;
  publishAt?: string;
}

export function isPublished(meta: Publishable, now: Date): boolean {
  if (meta.draft) return false;
  if (meta.publishAt && Date.parse(meta.publishAt) > now.getTime()) return false;
  return true;
}
