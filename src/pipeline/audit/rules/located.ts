/**
 * Findings of the text rules, with their place on the page when the page
 * has one. A value found again on the same page is one finding when the
 * text has no place (tables, e-mail), and one per place when it has: each
 * occurrence needs its own redaction box.
 */
import type { Finding, TextLocator } from '../types.ts';

export function located(locate: TextLocator | undefined) {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  return {
    findings,
    /** Adds `finding` for the match `text[start, end)`, unless `key` was already found at the same place. */
    add(key: string, start: number, end: number, finding: Finding): void {
      const box = locate?.(start, end);
      const id = box ? `${key}\u0000${box.x},${box.y},${box.width},${box.height}` : key;
      if (seen.has(id)) return;
      seen.add(id);
      // A text rule's evidence is the value it found, unless the rule says otherwise: acceptances' `match` compares it.
      const valued = { ...finding, value: finding.value ?? finding.evidence };
      findings.push(box ? { ...valued, box } : valued);
    },
  };
}
