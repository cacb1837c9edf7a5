/**
 * The safety gate: judges every finding of every document against the
 * sidecar's and the collection's acceptances, and turns what still blocks
 * into build problems, all at once, naming the document file.
 *
 *   blocking  content that would reach the site: stops the build
 *   accepted  an editor reviewed it and said why (sidecar or collection)
 *   redacted  a declared or found-box redaction removed it
 *   removed   Trove's rebuild of the file removes it (reported only)
 */
import type { CollectionEntry, DocumentEntry } from '../discover.ts';
import type { Problem } from '../errors.ts';
import type { ProcessResult } from '../processors/types.ts';
import { RULES, ruleInfo } from './rules/index.ts';
import type { Finding } from './types.ts';

export type Status = 'blocking' | 'accepted' | 'redacted' | 'removed';

export interface JudgedFinding extends Finding {
  document: string;
  file: string;
  status: Status;
  acceptance?: { reason: string; reviewer?: string; in: string };
}

export interface AuditReport {
  generatedAt: string;
  documents: number;
  counts: Record<Status, number>;
  byRule: { rule: string; severity: string; blocking: number; accepted: number; redacted: number; removed: number }[];
  findings: JudgedFinding[];
  /** Acceptances that matched no finding: the file was fixed, or the acceptance is misspelt. */
  unusedAcceptances: { file: string; rule: string; page?: number }[];
  /** Documents whose download had to be made differently (e.g. fully rasterized). */
  notes: { document: string; file: string; note: string }[];
}

export interface AuditedDocument {
  entry: DocumentEntry;
  result: ProcessResult;
}

export function judge(documents: AuditedDocument[], collections: CollectionEntry[], now = new Date()): AuditReport {
  const findings: JudgedFinding[] = [];
  const unused: AuditReport['unusedAcceptances'] = [];
  const collectionBySlug = new Map(collections.map((c) => [c.slug, c]));
  const usedCollectionRules = new Set<string>();
  for (const { entry, result } of documents) {
    const collection = collectionBySlug.get(entry.collection);
    const usedOwn = new Set<number>();
    for (const f of result.findings) {
      const info = ruleInfo(f.rule);
      const base = { ...f, document: entry.id, file: entry.file };
      if (info?.severity === 'removed') {
        findings.push({ ...base, status: 'removed' });
        continue;
      }
      if (f.resolvedBy === 'redaction') {
        findings.push({ ...base, status: 'redacted' });
        continue;
      }
      const own = entry.meta.audit.findIndex((a) => a.rule === f.rule && (a.page === undefined || a.page === f.page));
      if (own !== -1) {
        usedOwn.add(own);
        const a = entry.meta.audit[own];
        findings.push({ ...base, status: 'accepted', acceptance: { reason: a.reason, reviewer: a.reviewer, in: entry.sidecarFile } });
        continue;
      }
      const shared = collection?.meta.audit.find((a) => a.rule === f.rule);
      if (shared && collection) {
        usedCollectionRules.add(`${collection.slug}\u0000${f.rule}`);
        findings.push({ ...base, status: 'accepted', acceptance: { reason: shared.reason, reviewer: shared.reviewer, in: collection.file } });
        continue;
      }
      findings.push({ ...base, status: 'blocking' });
    }
    entry.meta.audit.forEach((a, i) => {
      if (!usedOwn.has(i)) unused.push({ file: entry.sidecarFile, rule: a.rule, page: a.page });
    });
  }
  for (const c of collections) {
    for (const a of c.meta.audit) if (!usedCollectionRules.has(`${c.slug}\u0000${a.rule}`)) unused.push({ file: c.file, rule: a.rule });
  }
  const counts: Record<Status, number> = { blocking: 0, accepted: 0, redacted: 0, removed: 0 };
  for (const f of findings) counts[f.status]++;
  const byRule = RULES.map((r) => {
    const of = findings.filter((f) => f.rule === r.id);
    const n = (s: Status) => of.filter((f) => f.status === s).length;
    return { rule: r.id, severity: r.severity, blocking: n('blocking'), accepted: n('accepted'), redacted: n('redacted'), removed: n('removed') };
  }).filter((r) => r.blocking + r.accepted + r.redacted + r.removed > 0);
  const notes = documents
    .filter((d) => d.result.downloadNote)
    .map((d) => ({ document: d.entry.id, file: d.entry.file, note: d.result.downloadNote! }));
  return { generatedAt: now.toISOString(), documents: documents.length, counts, byRule, findings, unusedAcceptances: unused, notes };
}

export function blockingProblems(report: AuditReport, sidecarOf: (file: string) => string | undefined): Problem[] {
  return report.findings
    .filter((f) => f.status === 'blocking')
    .map((f) => {
      const info = ruleInfo(f.rule);
      const where = [f.page ? `page ${f.page}` : '', f.box ? `at [${f.box.x}, ${f.box.y}, ${f.box.width}, ${f.box.height}]` : '']
        .filter(Boolean)
        .join(' ');
      const sidecar = sidecarOf(f.file);
      return {
        file: f.file,
        message: `[${f.rule}] ${where ? `${where}: ` : ''}${f.evidence}`,
        hint: `${info?.fix ?? ''}${sidecar ? `. To accept, add to ${sidecar}: audit: [{ rule: ${f.rule}, reason: "…", reviewer: "…"${f.page ? `, page: ${f.page}` : ''} }]` : ''}`,
      };
    });
}

/** A short terminal summary: one line per rule, then the unused acceptances. */
export function summaryLines(report: AuditReport, reportFile?: string): string[] {
  const { counts } = report;
  const lines = [
    `audit: ${report.documents} documents; ${counts.blocking} blocking, ${counts.accepted} accepted, ${counts.redacted} redacted, ${counts.removed} removed by rebuilding`,
  ];
  for (const r of report.byRule) {
    const parts = (['blocking', 'accepted', 'redacted', 'removed'] as const).filter((s) => r[s] > 0).map((s) => `${r[s]} ${s}`);
    lines.push(`  ${r.rule.padEnd(20)} ${parts.join(', ')}`);
  }
  for (const u of report.unusedAcceptances) {
    lines.push(`  note: ${u.file} accepts "${u.rule}"${u.page ? ` on page ${u.page}` : ''} but nothing was found: remove the acceptance if the file was fixed`);
  }
  for (const n of report.notes) lines.push(`  note: ${n.file}: ${n.note}`);
  if (reportFile) lines.push(`  full report: ${reportFile}`);
  return lines;
}
