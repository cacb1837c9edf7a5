/**
 * The safety gate: judges every finding of every document against the
 * sidecar's and the collection's acceptances (see acceptances.ts), for
 * messages.ts to turn what still blocks into build problems, all at once,
 * naming the document file.
 *
 *   blocking  content that would reach the site: stops the build
 *   accepted  an editor reviewed it and said why (sidecar or collection)
 *   redacted  a declared or found-box redaction removed it
 *   removed   Trove's rebuild of the file removes it (reported only)
 */
import type { CollectionEntry, DocumentEntry } from '../content/discover.ts';
import type { ProcessResult } from '../processors/types.ts';
import {
  acceptanceFor,
  acceptanceHome,
  accepts,
  attachmentAcceptanceFile,
  ownAttachmentAcceptances,
  acceptanceKey,
  collectionAcceptances,
  documentAcceptances,
  type Acceptance,
  type WrittenAcceptance,
} from './acceptances.ts';
import { RULES, ruleInfo } from './rules/index.ts';
import type { EmailField, Finding } from './types.ts';
import { valueKey } from '../../lib/value-match.ts';
import type { PersonNames } from './person-names.ts';

export type Status = 'blocking' | 'accepted' | 'redacted' | 'removed';

export interface JudgedFinding extends Finding {
  document: string;
  file: string;
  status: Status;
  acceptance?: { reason: string; reviewer?: string; in: string; match?: string[]; field?: EmailField };
  /** Where an acceptance of this finding would be written: the sidecar, and for an e-mail's attachment its names. */
  acceptIn: { file: string; attachment?: string[] };
}

/** An acceptance without `match` that let more than one distinct value through: the editor reviewed one, perhaps not all. */
export interface BroadAcceptance {
  file: string;
  rule: string;
  page?: number;
  field?: EmailField;
  /** Each distinct value once, as first found. */
  values: string[];
  /** Findings it accepted, with or without a value. */
  findings: number;
}

export interface AuditReport {
  generatedAt: string;
  documents: number;
  counts: Record<Status, number>;
  byRule: { rule: string; severity: string; blocking: number; accepted: number; redacted: number; removed: number }[];
  findings: JudgedFinding[];
  /** Acceptances that matched no finding: the file was fixed, or the acceptance is misspelt. */
  unusedAcceptances: { file: string; rule: string; page?: number; field?: EmailField; match?: string[]; attachment?: string[] }[];
  broadAcceptances: BroadAcceptance[];
  /** Documents whose download had to be made differently (e.g. fully rasterized). */
  notes: { document: string; file: string; note: string }[];
  /** Every `redactText` entry that reached a document: how many matches it removed, in how many documents (0: check its spelling). */
  textRedactions: TextRedactionUse[];
  /** Person names in each document's published text, to review: never blocking (audit/person-names.ts). */
  personNames: { document: string; file: string; names: { name: string; pages: number[] }[]; partial?: boolean }[];
  /** Whether names were read (by `npm run audit`; a build does not read them). */
  personNamesRead: boolean;
}

/** One `redactText` entry, where it is written, and what it removed. */
export interface TextRedactionUse {
  file: string;
  /** Its place in the file's `redactText` list, from 0. */
  index: number;
  /** What it matches, as written: `text: "…"`, `pattern: '…'` or `rule: pii-phone`, with `column` if any. */
  what: string;
  reason: string;
  matches: number;
  /** Documents it removed something from. */
  documents: number;
}

export interface AuditedDocument {
  entry: DocumentEntry;
  result: ProcessResult;
}

/** `names`: each document's person names, when they were read (by `npm run audit`; a build reads none). */
export function judge(documents: AuditedDocument[], collections: CollectionEntry[], now = new Date(), names?: ReadonlyMap<string, PersonNames>): AuditReport {
  const findings: JudgedFinding[] = [];
  const sharedBySlug = new Map(collections.map((c) => [c.slug, collectionAcceptances(c)]));
  const byId = new Map(documents.map((d) => [d.entry.id, d.entry]));
  const credited = new Map<string, { acceptance: Acceptance; found: Finding[] }>();
  const matched = new Set<string>();
  for (const { entry, result } of documents) {
    const home = acceptanceHome(entry, byId);
    const own = [...documentAcceptances(home), ...ownAttachmentAcceptances(entry)];
    const shared = sharedBySlug.get(entry.collection) ?? [];
    const acceptIn = { file: home?.root.sidecarFile ?? entry.sidecarFile, ...(home?.attachment.length ? { attachment: home.attachment } : {}) };
    for (const f of result.findings) {
      const base = { ...f, document: entry.id, file: entry.file, acceptIn };
      if (ruleInfo(f.rule)?.severity === 'removed') {
        findings.push({ ...base, status: 'removed' });
        continue;
      }
      if (f.resolvedBy === 'redaction') {
        findings.push({ ...base, status: 'redacted' });
        continue;
      }
      // Every acceptance that would accept the finding has matched, though only the narrowest is credited with it.
      for (const m of [...own, ...shared]) if (accepts(m, f)) matched.add(m.key);
      const a = acceptanceFor(f, own, shared);
      if (!a) {
        findings.push({ ...base, status: 'blocking' });
        continue;
      }
      const use = credited.get(a.key) ?? { acceptance: a, found: [] };
      use.found.push(f);
      credited.set(a.key, use);
      findings.push({ ...base, status: 'accepted', acceptance: { reason: a.reason, reviewer: a.reviewer, in: a.in, match: a.match, field: a.field } });
    }
  }
  const counts: Record<Status, number> = { blocking: 0, accepted: 0, redacted: 0, removed: 0 };
  for (const f of findings) counts[f.status]++;
  const byRule = RULES.map((r) => {
    const of = findings.filter((f) => f.rule === r.id);
    const n = (s: Status) => of.filter((f) => f.status === s).length;
    return { rule: r.id, severity: r.severity, blocking: n('blocking'), accepted: n('accepted'), redacted: n('redacted'), removed: n('removed') };
  }).filter((r) => r.blocking + r.accepted + r.redacted + r.removed > 0);
  const notes = [
    ...documents.filter((d) => d.result.downloadNote).map((d) => ({ document: d.entry.id, file: d.entry.file, note: d.result.downloadNote! })),
    ...unreadPictures(documents),
  ];
  const textRedactions = textRedactionUses(documents);
  return {
    generatedAt: now.toISOString(),
    documents: documents.length,
    counts,
    byRule,
    findings,
    unusedAcceptances: unusedAcceptances(documents, collections, matched),
    broadAcceptances: broadAcceptances(credited),
    notes,
    textRedactions,
    personNamesRead: names !== undefined,
    personNames: documents.flatMap((d) => {
      const found = names?.get(d.entry.id);
      return found ? [{ document: d.entry.id, file: d.entry.file, ...found }] : [];
    }),
  };
}

/** Types whose pictures `redactText` reaches only through OCR. */
const PICTURES = new Set(['image', 'pdf', 'office']);

/**
 * Documents `redactText` reaches whose pictures it cannot read, since their
 * OCR is off (`ocr: false`): a name printed in a scan or a photo is
 * published as it is. A note, since the editor may have checked them.
 */
function unreadPictures(documents: AuditedDocument[]): AuditReport['notes'] {
  return documents
    .filter((d) => (d.entry.textRedactions?.length ?? 0) > 0 && d.entry.meta.ocr === false && PICTURES.has(d.entry.type))
    .map((d) => ({
      document: d.entry.id,
      file: d.entry.file,
      note: `redactText cannot see into its pictures (scans, photos): its OCR is off (ocr: false), so what they show is published as it is; turn OCR on, or check them and declare boxes`,
    }));
}

/** What each `redactText` entry removed, over every document it reached (the documents' results count matches per entry). */
function textRedactionUses(documents: AuditedDocument[]): TextRedactionUse[] {
  const uses = new Map<string, TextRedactionUse>();
  for (const { entry, result } of documents) {
    (entry.textRedactions ?? []).forEach((r, i) => {
      const key = `${r.in}\u0000${r.index}`;
      const what = [
        r.text !== undefined ? `text: ${JSON.stringify(r.text)}` : r.pattern !== undefined ? `pattern: ${JSON.stringify(r.pattern)}` : `rule: ${r.rule}`,
        r.column !== undefined ? `column: ${JSON.stringify(r.column)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const use = uses.get(key) ?? { file: r.in, index: r.index, what, reason: r.reason, matches: 0, documents: 0 };
      const n = result.textRedactions?.[i] ?? 0;
      use.matches += n;
      if (n > 0) use.documents++;
      uses.set(key, use);
    });
  }
  return [...uses.values()].sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index);
}

/** Every acceptance written in a sidecar or collection file that accepted nothing. */
function unusedAcceptances(documents: AuditedDocument[], collections: CollectionEntry[], matched: Set<string>): AuditReport['unusedAcceptances'] {
  const unused: AuditReport['unusedAcceptances'] = [];
  const lists: { file: string; audit: WrittenAcceptance[] }[] = [
    // An attachment has no sidecar of its own: its acceptances are in its message's, under `audit:` with
    // `attachment:` (counted with the message's) or under its `attachments:` entry (counted here).
    ...documents.map((d) =>
      d.entry.attachmentOf ? { file: attachmentAcceptanceFile(d.entry), audit: d.entry.meta.audit } : { file: d.entry.sidecarFile, audit: d.entry.meta.audit },
    ),
    ...collections.map((c) => ({ file: c.file, audit: c.meta.audit })),
  ];
  for (const { file, audit } of lists) {
    audit.forEach((a, i) => {
      if (matched.has(acceptanceKey(file, i))) return;
      unused.push({ file, rule: a.rule, page: a.page, field: a.field, match: a.match, attachment: a.attachment });
    });
  }
  return unused;
}

function broadAcceptances(credited: Map<string, { acceptance: Acceptance; found: Finding[] }>): BroadAcceptance[] {
  const broad: BroadAcceptance[] = [];
  for (const { acceptance: a, found } of credited.values()) {
    if (a.match) continue;
    const values = new Map<string, string>();
    for (const f of found) if (f.value !== undefined && !values.has(valueKey(f.value))) values.set(valueKey(f.value), f.value);
    if (values.size < 2) continue;
    broad.push({ file: a.in, rule: a.rule, page: a.page, field: a.field, values: [...values.values()], findings: found.length });
  }
  return broad;
}
