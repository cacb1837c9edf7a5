/**
 * Which acceptances apply to a document, and whether one accepts a finding.
 *
 * An acceptance accepts a finding when the rule is the same and every scope
 * it gives holds: the page, the e-mail field, and the value (`match`). A
 * finding without a value or a field is never accepted by an acceptance
 * that asks for one: what was not compared is not accepted.
 *
 * An e-mail's attachments are documents of their own, with no sidecar: the
 * message's acceptances do not reach them (accepting the addresses in a
 * message's headers must not let a sheet of addresses attached to it
 * through). Only an acceptance written for the attachment, with
 * `attachment: <its file name>` in the message's sidecar, applies to it, and
 * only to it.
 */
import type { CollectionEntry, DocumentEntry } from '../content/discover.ts';
import type { CollectionAcceptance, DocumentAcceptance } from '../../schemas/audit.ts';
import type { EmailField, Finding } from './types.ts';
import { matcherOf, type ValueMatcher } from '../../lib/value-match.ts';

export interface Acceptance {
  rule: string;
  reason: string;
  reviewer?: string;
  page?: number;
  field?: EmailField;
  match?: string[];
  /** The file it is written in (a sidecar or a collection file). */
  in: string;
  /** The same for every document it reaches: the file and its place in the file's list. */
  key: string;
  matcher?: ValueMatcher;
}

/** The identity of the `index`th acceptance written in `file`. */
export function acceptanceKey(file: string, index: number): string {
  return `${file}\u0000${index}`;
}

/** An acceptance as written in a sidecar or a collection file. */
export type WrittenAcceptance = CollectionAcceptance & Partial<Pick<DocumentAcceptance, 'page' | 'attachment'>>;

function acceptance(a: WrittenAcceptance, file: string, index: number): Acceptance {
  return {
    rule: a.rule,
    reason: a.reason,
    reviewer: a.reviewer,
    page: a.page,
    field: a.field,
    match: a.match,
    in: file,
    key: acceptanceKey(file, index),
    matcher: a.match ? matcherOf(a.match) : undefined,
  };
}

export interface AcceptanceHome {
  /** The document whose sidecar the acceptances are written in: the document itself, or an attachment's message. */
  root: DocumentEntry;
  /** For an attachment, its names from the outside in; empty for the document itself. */
  attachment: string[];
}

/** Where a document's acceptances are written: its own sidecar, or for an attachment its message's; undefined when that message is not among the documents. */
export function acceptanceHome(entry: DocumentEntry, byId: Map<string, DocumentEntry>): AcceptanceHome | undefined {
  const names: string[] = [];
  let current: DocumentEntry | undefined = entry;
  while (current?.attachmentOf) {
    names.unshift(current.attachmentOf.name);
    current = byId.get(current.attachmentOf.id);
  }
  return current && { root: current, attachment: names };
}

const sameNames = (a: readonly string[] | undefined, b: readonly string[]) => (a ?? []).length === b.length && b.every((name, i) => a![i] === name);

/** The sidecar's acceptances that apply to the document at `home`: its own, or, for an attachment, those written for that attachment. */
export function documentAcceptances(home: AcceptanceHome | undefined): Acceptance[] {
  if (!home) return [];
  return home.root.meta.audit.flatMap((a, i) => (sameNames(a.attachment, home.attachment) ? [acceptance(a, home.root.sidecarFile, i)] : []));
}

/** Where an attachment's own acceptances are written: its entry under its message's `attachments:`. */
export function attachmentAcceptanceFile(entry: Pick<DocumentEntry, 'sidecarFile' | 'attachmentOf'>): string {
  return `${entry.sidecarFile} › attachments: ${JSON.stringify(entry.attachmentOf?.name ?? '')}`;
}

/** An attachment's own acceptances (its `attachments:` entry's `audit`); none for a document that is no attachment. */
export function ownAttachmentAcceptances(entry: Pick<DocumentEntry, 'sidecarFile' | 'attachmentOf' | 'meta'>): Acceptance[] {
  if (!entry.attachmentOf) return [];
  return (entry.meta.audit ?? []).map((a, i) => acceptance(a, attachmentAcceptanceFile(entry), i));
}

/** A collection's acceptances: they apply to every document of the collection, attachments included. */
export function collectionAcceptances(collection: CollectionEntry): Acceptance[] {
  return collection.meta.audit.map((a, i) => acceptance(a, collection.file, i));
}

export function accepts(a: Acceptance, f: Finding): boolean {
  if (a.rule !== f.rule) return false;
  if (a.page !== undefined && a.page !== f.page) return false;
  if (a.field !== undefined && a.field !== f.field) return false;
  if (a.matcher && (f.value === undefined || !a.matcher(f.value))) return false;
  return true;
}

/** How narrowly an acceptance is scoped: a finding is credited to the narrowest one that accepts it. */
function narrowness(a: Acceptance): number {
  return (a.match ? 4 : 0) + (a.field ? 2 : 0) + (a.page !== undefined ? 1 : 0);
}

/** The acceptance credited with a finding: the document's own before the collection's, the narrowest first. */
export function acceptanceFor(f: Finding, own: Acceptance[], shared: Acceptance[]): Acceptance | undefined {
  for (const list of [own, shared]) {
    let best: Acceptance | undefined;
    for (const a of list) if (accepts(a, f) && (!best || narrowness(a) > narrowness(best))) best = a;
    if (best) return best;
  }
  return undefined;
}
