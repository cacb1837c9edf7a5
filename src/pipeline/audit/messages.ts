/**
 * What the audit prints: a problem per blocking finding (rule, file, page,
 * box, e-mail field, evidence, and how to fix or accept it) and a short
 * summary. Found text goes through withhold.ts, so that with `CI` set
 * nothing a document hides is printed; the JSON report keeps it.
 */
import type { Problem } from '../errors.ts';
import type { AuditReport, JudgedFinding } from './gate.ts';
import { ruleInfo } from './rules/index.ts';
import { printable, printableEvidence, withholdsText } from './withhold.ts';

/** Past this length a value is not offered as a `match:` to copy: the editor should look at the finding first. */
const MAX_SUGGESTED_MATCH = 120;
/** Values of a broad acceptance listed in the summary; the report has all. */
const LISTED_VALUES = 10;

function where(f: JudgedFinding): string {
  return [f.page ? `page ${f.page}` : '', f.box ? `at [${f.box.x}, ${f.box.y}, ${f.box.width}, ${f.box.height}]` : '', f.field ? `(${f.field})` : '']
    .filter(Boolean)
    .join(' ');
}

/** The acceptance to copy into the sidecar, scoped as narrowly as the finding allows. */
function acceptanceToCopy(f: JudgedFinding, withhold: boolean): string {
  const parts = [`rule: ${f.rule}`, 'reason: "…"', 'reviewer: "…"'];
  if (f.acceptIn.attachment) parts.push(`attachment: ${withhold ? '"…"' : yamlList(f.acceptIn.attachment)}`);
  if (f.page) parts.push(`page: ${f.page}`);
  if (f.field) parts.push(`field: ${f.field}`);
  if (f.value !== undefined && f.value.length <= MAX_SUGGESTED_MATCH) parts.push(`match: ${withhold ? '"…"' : JSON.stringify(f.value)}`);
  return `audit: [{ ${parts.join(', ')} }]`;
}

const yamlList = (names: string[]) => (names.length === 1 ? JSON.stringify(names[0]) : `[${names.map((n) => JSON.stringify(n)).join(', ')}]`);

export function blockingProblems(report: AuditReport, withhold = withholdsText()): Problem[] {
  return report.findings
    .filter((f) => f.status === 'blocking')
    .map((f) => {
      const place = where(f);
      return {
        file: f.file,
        message: `[${f.rule}] ${place ? `${place}: ` : ''}${printableEvidence(f, withhold)}`,
        hint: `${ruleInfo(f.rule)?.fix ?? ''}. To accept, add to ${f.acceptIn.file}: ${acceptanceToCopy(f, withhold)}`,
      };
    });
}

function scope(a: { page?: number; field?: string; attachment?: string[] }, withhold: boolean): string {
  return [
    a.attachment ? ` in attachment ${printable(yamlList(a.attachment), withhold)}` : '',
    a.page ? ` on page ${a.page}` : '',
    a.field ? ` in field ${a.field}` : '',
  ].join('');
}

function broadLine(b: AuditReport['broadAcceptances'][number], withhold: boolean): string {
  const head = `  note: ${b.file} accepts "${b.rule}"${scope(b, withhold)} without match, and let ${b.values.length} different values through`;
  const listed =
    b.values.slice(0, LISTED_VALUES).join(', ') +
    (b.values.length > LISTED_VALUES ? `, and ${b.values.length - LISTED_VALUES} more (see the full report)` : '');
  return `${head}: ${printable(listed, withhold)}; if each was reviewed, list them under match:, else narrow the acceptance`;
}

/** A short terminal summary: one line per rule, then acceptances to look at again, and notes. */
export function summaryLines(report: AuditReport, reportFile?: string, withhold = withholdsText()): string[] {
  const { counts } = report;
  const lines = [
    `audit: ${report.documents} documents; ${counts.blocking} blocking, ${counts.accepted} accepted, ${counts.redacted} redacted, ${counts.removed} removed by rebuilding`,
  ];
  for (const r of report.byRule) {
    const parts = (['blocking', 'accepted', 'redacted', 'removed'] as const).filter((s) => r[s] > 0).map((s) => `${r[s]} ${s}`);
    lines.push(`  ${r.rule.padEnd(20)} ${parts.join(', ')}`);
  }
  for (const u of report.unusedAcceptances) {
    const match = u.match ? ` matching ${printable(u.match.join(' or '), withhold)}` : '';
    lines.push(`  note: ${u.file} accepts "${u.rule}"${scope(u, withhold)}${match} but nothing was found: remove the acceptance if the file was fixed`);
  }
  for (const b of report.broadAcceptances) lines.push(broadLine(b, withhold));
  for (const t of report.textRedactions) {
    // The text or pattern is what must not be published; a rule's name is not.
    const what = `entry ${t.index + 1} (${t.what.startsWith('rule:') ? t.what : printable(t.what, withhold)})`;
    if (t.matches === 0)
      lines.push(
        `  note: ${t.file}: redactText ${what} matched nothing in the ${t.file.endsWith('site.yml') ? 'site' : 'documents it applies to'}: check its spelling (a misspelt name is a name published), or remove it`,
      );
    else lines.push(`  redactText ${what} (${t.reason}, ${t.file}): ${t.matches} removed in ${t.documents} document${t.documents === 1 ? '' : 's'}`);
  }
  for (const n of report.notes) lines.push(`  note: ${n.file}: ${n.note}`);
  if (reportFile) lines.push(`  full report: ${reportFile}`);
  return lines;
}
