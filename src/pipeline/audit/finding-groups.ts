/**
 * How findings are grouped for an editor to work through (the build's
 * problems, audit/messages.ts, and the report page, audit/report-html.ts):
 * by document, rule, table column and e-mail field (the addresses in the
 * headers are often accepted, those in the body rarely), largest first,
 * since one line fixes each group. And which rules one line can redact
 * all at once.
 */
import { TEXT_RULE_IDS } from '../../schemas/audit-names.ts';

/** Rules whose boxes `redactFoundBoxes` burns in as redactions (processors/pdf.ts). */
export const FOUND_BOX_RULES: ReadonlySet<string> = new Set(['text-under-box', 'dark-annotation', 'unapplied-redaction']);
/** Rules whose text `redactFoundBoxes` removes without burning a box: the reader saw nothing there. */
export const FOUND_TEXT_RULES: ReadonlySet<string> = new Set(['invisible-text']);
/** Rules whose findings `redactText` with `rule:` removes. */
export const TEXT_RULES: ReadonlySet<string> = new Set(TEXT_RULE_IDS);

/**
 * The findings in groups of one document, rule, column and field, the
 * largest group first. (Generic, so that this module imports nothing of
 * the gate: the PDF processor reads its rule sets, and what it imports is
 * part of its cache key.)
 */
export function groupFindings<F extends { file: string; rule: string; column?: string; field?: string }>(findings: readonly F[]): F[][] {
  const groups = new Map<string, F[]>();
  for (const f of findings) {
    const key = `${f.file}\u0000${f.rule}\u0000${f.column ?? ''}\u0000${f.field ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}
