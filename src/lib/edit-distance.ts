/** "Did you mean …?": the candidate closest to a misspelt name (ids, field names, targets). Browser-safe. */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `wanted` (ignoring case), when it is at most
 * `maxEdits` edits away: by default a third of its length, from 1 to 4.
 */
export function closestOf(
  wanted: string,
  candidates: Iterable<string>,
  maxEdits = Math.min(4, Math.max(1, Math.floor(wanted.length / 3))),
): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(wanted.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= maxEdits ? best.c : undefined;
}
