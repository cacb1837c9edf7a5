/**
 * `unapplied-redaction`: a `/Redact` annotation that marks text for removal
 * but was never applied. The text is still in the file; dropping the mark
 * (as Trove does with every annotation) would publish it.
 */
import { coverage, roundBox, textOf } from '../geometry.ts';
import type { Finding, Rule } from '../types.ts';
import { areasOf } from './dark-annotation.ts';
import { clip } from './text-under-box.ts';

export const unappliedRedaction: Rule = {
  id: 'unapplied-redaction',
  severity: 'blocking',
  title: 'a redaction was marked but never applied: the text under it is still in the file',
  fix: 'apply the redactions in the tool that marked them and export again, or declare the same boxes under `redactions` (or `redactFoundBoxes: <reason>`)',
  input: 'pdf-page',
  check({ pageNumber, glyphs, annotations, space }) {
    const findings: Finding[] = [];
    for (const a of annotations) {
      if (a.subtype !== 'Redact') continue;
      const areas = areasOf(a, space);
      const under = glyphs.filter((g) => areas.some((b) => coverage(g.box, b) >= 0.5));
      const covered = under.some((g) => g.char.trim() !== '') ? under : [];
      for (const box of areas.length > 0 ? areas : [undefined]) {
        findings.push({
          rule: 'unapplied-redaction',
          page: pageNumber,
          box: box && roundBox(box),
          evidence: covered.length > 0 ? `marked for redaction: "${clip(textOf(covered))}"` : 'a redaction mark (no text under it)',
          ...(covered.length > 0 ? { value: textOf(covered) } : {}),
        });
      }
    }
    return findings;
  },
};
