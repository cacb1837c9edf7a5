/**
 * The mirror kit's file names, from the site's title and build date:
 * `<site-slug>-<YYYY-MM-DD>.tar.gz` and `.torrent`. The manifest names them,
 * so a mirror that keeps the kit beside the site is not told they are extra.
 */
import { facetSlug } from '../lib/browse.ts';

export function mirrorKitNames(siteTitle: string, builtAt: string): { base: string; archive: string; torrent: string } {
  const base = `${facetSlug(siteTitle)}-${builtAt.slice(0, 10)}`;
  return { base, archive: `${base}.tar.gz`, torrent: `${base}.torrent` };
}
