/**
 * The text rules over a document cut into sections (text files, see
 * processors/text.ts): each section on its own, and each cut between two
 * sections, so that a value the cut splits ("202-456-" at the end of one
 * section, "1414" at the start of the next) is still found. Such a value
 * is reported on the section where it starts.
 */
import { rulesFor } from './rules/index.ts';
import type { Finding, TextRuleOptions } from './types.ts';

/** Characters on either side of a cut that are read together: longer than any value the rules find. */
const AROUND_CUT = 200;

export function auditSections(sections: { pageNumber: number; text: string }[], options?: TextRuleOptions): Finding[] {
  const check = (pageNumber: number, text: string) => rulesFor('text').flatMap((rule) => rule.check(pageNumber, text, undefined, options));
  const findings: Finding[] = [];
  for (const [i, section] of sections.entries()) {
    findings.push(...check(section.pageNumber, section.text));
    const next = sections[i + 1];
    if (!next) continue;
    const tail = section.text.slice(-AROUND_CUT);
    const head = next.text.slice(0, AROUND_CUT);
    // What either side holds alone is found in its own section: only what spans the cut is new.
    const oneSide = new Set([...check(section.pageNumber, tail), ...check(next.pageNumber, head)].map(valueOf));
    for (const f of check(section.pageNumber, `${tail}\n${head}`)) if (!oneSide.has(valueOf(f))) findings.push(f);
  }
  return findings;
}

const valueOf = (f: Finding) => `${f.rule}\u0000${f.value ?? f.evidence}`;
