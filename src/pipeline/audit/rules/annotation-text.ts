/**
 * `annotation-text`: annotations that carry text of their own: comments,
 * pop-ups, free text, and form field values. Trove drops annotations when it
 * rebuilds the file, so the editor must decide: is the text meant to be
 * published (then flatten it into the page and export again), or not (then
 * accept that it is dropped)?
 */
import { roundBox } from '../geometry.ts';
import type { Finding, Rule } from '../types.ts';
import { areasOf } from './dark-annotation.ts';
import { clip } from './text-under-box.ts';

export const annotationText: Rule = {
  id: 'annotation-text',
  severity: 'blocking',
  title: 'an annotation carries text: a comment, pop-up or filled-in form field',
  fix: 'if the text should be published, flatten the annotations or form into the page and export again; if not, accept the finding (annotations are dropped from what Trove publishes)',
  input: 'pdf-page',
  check({ pageNumber, annotations, space }) {
    const findings: Finding[] = [];
    for (const a of annotations) {
      if (a.subtype === 'Redact' || a.subtype === 'Link') continue;
      const value = fieldText(a.fieldValue);
      const comment = a.contentsObj?.str?.trim();
      const text = value
        ? `form field ${a.fieldName ? `"${a.fieldName}" ` : ''}= "${clip(value)}"`
        : comment
          ? `${a.subtype ?? 'annotation'}: "${clip(comment)}"`
          : undefined;
      if (!text) continue;
      // Pop-ups repeat their parent's text: report the parent only.
      if (a.subtype === 'Popup') continue;
      const author = a.titleObj?.str?.trim();
      findings.push({
        rule: 'annotation-text',
        page: pageNumber,
        box: areasOf(a, space)[0] && roundBox(areasOf(a, space)[0]),
        evidence: author ? `${text} (by ${clip(author, 40)})` : text,
        value: value ?? comment,
      });
    }
    return findings;
  },
};

function fieldText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() && v.trim() !== 'Off' ? v.trim() : undefined;
  if (Array.isArray(v)) return fieldText(v.filter((x) => typeof x === 'string').join(', '));
  return undefined;
}
