/**
 * What the audit prints: a problem per blocking finding (rule, file, page,
 * box, e-mail field, evidence, and how to fix or accept it) and a short
 * summary. Found text goes through withhold.ts, so that with `CI` set
 * nothing a document hides is printed; the JSON report keeps it.
 */
import type { Problem } from '../errors.ts';
import type { AuditReport, JudgedFinding } from './gate.ts';
import { ruleInfo } from './rules/index.ts';
import { FOUND_BOX_RULES, FOUND_TEXT_RULES, groupFindings, TEXT_RULES } from './finding-groups.ts';
import { printable, printableEvidence, withholdsText } from './withhold.ts';

/** Past this length a value is not offered as a `match:` to copy: the editor should look at the finding first. */
const MAX_SUGGESTED_MATCH = 120;
/** Values of a broad acceptance listed in the summary; the report has all. */
const LISTED_VALUES = 10;

function where(f: JudgedFinding): string {
  // A table's finding is in a row and a column; its page is only the page of rows.
  if (f.row !== undefined) return `row ${f.row}${f.column !== undefined ? `, column ${JSON.stringify(f.column)}` : ''}`;
  return [f.page ? `page ${f.page}` : '', f.box ? `at [${f.box.x}, ${f.box.y}, ${f.box.width}, ${f.box.height}]` : '', f.field ? `(${f.field})` : '']
    .filter(Boolean)
    .join(' ');
}

/** The acceptance to copy into the sidecar, scoped as narrowly as the finding allows. */
function acceptanceToCopy(f: JudgedFinding, withhold: boolean): string {
  const parts = [`rule: ${f.rule}`, 'reason: "…"', 'reviewer: "…"'];
  if (f.page) parts.push(`page: ${f.page}`);
  if (f.field) parts.push(`field: ${f.field}`);
  if (f.value !== undefined && f.value.length <= MAX_SUGGESTED_MATCH) parts.push(`match: ${withhold ? '"…"' : JSON.stringify(f.value)}`);
  const audit = `audit: [{ ${parts.join(', ')} }]`;
  // An attachment's acceptances go in its entry under the message's `attachments:`.
  return f.acceptIn.attachment ? `attachments: [{ name: ${attachmentName(f, withhold)}, ${audit} }]` : audit;
}

const attachmentName = (f: JudgedFinding, withhold: boolean) => (withhold ? '"…"' : yamlList(f.acceptIn.attachment!));

/** For a finding in an attachment: the entry that withholds the attachment. */
function withholdToCopy(f: JudgedFinding, withhold: boolean): string {
  return f.acceptIn.attachment
    ? ` To withhold the attachment, add to ${f.acceptIn.file}: attachments: [{ name: ${attachmentName(f, withhold)}, withhold: b6 }].`
    : '';
}

const yamlList = (names: string[]) => (names.length === 1 ? JSON.stringify(names[0]) : `[${names.map((n) => JSON.stringify(n)).join(', ')}]`);

/** Examples given for a group of findings; the report has them all. */
const EXAMPLES = 3;
/** Groups of findings printed as problems; past this, one line says how many more, so the output stays short whatever the count. */
export const MAX_GROUPS = 40;

/**
 * The blocking findings as problems: one per finding when a document has
 * one of a rule (and column), else one per document, rule and column (a
 * table's) with the count, a few examples and the one line that fixes them
 * all, the largest groups first. At most MAX_GROUPS problems, then one that
 * says how many more and where they all are.
 */
export function blockingProblems(report: AuditReport, withhold = withholdsText(), reportFile?: string): Problem[] {
  const ordered = groupFindings(report.findings.filter((f) => f.status === 'blocking'));
  const all = ordered.map((g) => (g.length === 1 ? single(g[0]!, withhold) : grouped(g, withhold)));
  if (all.length <= MAX_GROUPS) return all.map((p) => ({ ...p, audit: true }));
  const rest = ordered.slice(MAX_GROUPS);
  const findings = rest.reduce((n, g) => n + g.length, 0);
  const documents = new Set(rest.map((g) => g[0]!.file)).size;
  return [
    ...all.slice(0, MAX_GROUPS).map((p) => ({ ...p, audit: true })),
    {
      file: reportFile ?? 'the audit report',
      message: `and ${findings.toLocaleString('en')} more blocking finding${findings === 1 ? '' : 's'} in ${rest.length} more group${rest.length === 1 ? '' : 's'} (${documents} document${documents === 1 ? '' : 's'}), not listed here`,
      hint: `every finding, with the line to redact or accept it, is in ${reportFile ? reportFile.replace(/\.json$/, '.html') : '.trove/audit-report.html'} (and ${reportFile ?? '.trove/audit-report.json'})`,
      audit: true,
    },
  ];
}

function single(f: JudgedFinding, withhold: boolean): Problem {
  const place = where(f);
  return {
    file: f.file,
    message: `[${f.rule}] ${place ? `${place}: ` : ''}${printableEvidence(f, withhold)}`,
    hint: `${ruleInfo(f.rule)?.fix ?? ''}.${withholdToCopy(f, withhold)} To accept, add to ${f.acceptIn.file}: ${acceptanceToCopy(f, withhold)}`,
  };
}

function grouped(g: JudgedFinding[], withhold: boolean): Problem {
  const f = g[0]!;
  const rows = g.filter((x) => x.row !== undefined).map((x) => x.row!);
  const pages = [...new Set(g.filter((x) => x.page !== undefined).map((x) => x.page!))];
  const span =
    rows.length > 0
      ? ` in column ${JSON.stringify(f.column)} (rows ${Math.min(...rows).toLocaleString('en')}–${Math.max(...rows).toLocaleString('en')})`
      : pages.length > 1
        ? ` on ${pages.length} pages (${Math.min(...pages)}–${Math.max(...pages)})`
        : '';
  const examples = g
    .slice(0, EXAMPLES)
    .map((x) => {
      const place = x.row !== undefined ? `row ${x.row}` : where(x);
      return `${place ? `${place}: ` : ''}${printableEvidence(x, withhold)}`;
    })
    .join('; ');
  // An attachment takes its message's redactText: the line goes in the message's sidecar.
  const attachment = f.acceptIn.attachment ? ' (it reaches the message and its attachments)' : '';
  const redact = TEXT_RULES.has(f.rule)
    ? f.column !== undefined
      ? `redactText: [{ rule: ${f.rule}, column: ${JSON.stringify(f.column)}, reason: b6 }] (or withhold the column: redactColumns: [${JSON.stringify(f.column)}])`
      : `redactText: [{ rule: ${f.rule}, reason: b6 }]`
    : FOUND_BOX_RULES.has(f.rule) || FOUND_TEXT_RULES.has(f.rule)
      ? 'redactFoundBoxes: b6'
      : undefined;
  const audit = `audit: [{ rule: ${f.rule}, reason: "…", reviewer: "…" }]`;
  const accept = f.acceptIn.attachment ? `attachments: [{ name: ${attachmentName(f, withhold)}, ${audit} }]` : audit;
  return {
    file: f.file,
    message: `[${f.rule}] ${g.length.toLocaleString('en')} findings${span}, e.g. ${examples}`,
    hint: `${ruleInfo(f.rule)?.fix ?? ''}.${withholdToCopy(f, withhold)} ${redact ? `To redact them all (the reason code is yours to choose), add to ${f.acceptIn.file}${attachment}: ${redact}; to` : 'To'} accept them all once reviewed: ${accept}`,
  };
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
  const names = report.personNames.reduce((n, d) => n + d.names.length, 0);
  if (names > 0)
    lines.push(
      `  ${names} person name${names === 1 ? '' : 's'} in ${report.personNames.length} document${report.personNames.length === 1 ? '' : 's'}, listed in the report to review (not blocking)`,
    );
  if (reportFile)
    lines.push(`  full report: ${reportFile} (every finding), ${reportFile.replace(/\.json$/, '.html')} (to work through, with crops of the pages)`);
  return lines;
}
