/**
 * What the download's rebuild removed from the pages, gathered into one
 * `removed` finding per page and rule (a page with forty images that all
 * carry EXIF gives one finding listing them, not forty).
 */
import type { Finding } from '../../audit/types.ts';

export type RemovedRule = 'page-metadata' | 'page-private-data' | 'replacement-text' | 'content-comments' | 'undrawn-content' | 'transparent-colour';

/** Items listed in one finding's evidence before the rest are only counted. */
const MAX_ITEMS = 12;
const MAX_ITEM_CHARS = 120;

export class RemovedFindings {
  private readonly items = new Map<string, { rule: RemovedRule; page: number; items: string[]; more: number }>();

  add(rule: RemovedRule, page: number, item: string): void {
    const key = `${page}\u0000${rule}`;
    let entry = this.items.get(key);
    if (!entry) {
      entry = { rule, page, items: [], more: 0 };
      this.items.set(key, entry);
    }
    const text = item.length > MAX_ITEM_CHARS ? `${item.slice(0, MAX_ITEM_CHARS - 1)}…` : item;
    if (entry.items.includes(text)) return;
    if (entry.items.length < MAX_ITEMS) entry.items.push(text);
    else entry.more++;
  }

  findings(): Finding[] {
    return [...this.items.values()]
      .sort((a, b) => a.page - b.page)
      .map((e) => ({ rule: e.rule, page: e.page, evidence: e.items.join('; ') + (e.more > 0 ? `; and ${e.more} more` : '') }));
  }
}
