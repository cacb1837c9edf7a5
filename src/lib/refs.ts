/**
 * Parsing of document references in stories: `doc:<collection>/<name>` with an
 * optional `#page=N` (a page; for a table, its Nth page of rows), `#row=N`
 * (a table's row, numbered as its pages show it) or `#message=N` (a message
 * of a mailbox), all 1-based. Pure and browser-safe.
 */
import { checkDocumentId } from './ids.ts';
import { closestOf } from './edit-distance.ts';

export interface DocRef {
  documentId: string;
  /** 1-based page number, when the reference points at one page. */
  pageNumber?: number;
  /** Tables: the 1-based row, when the reference points at one. */
  rowNumber?: number;
  /** E-mail: the 1-based message of a mailbox, when the reference points at one. */
  messageNumber?: number;
}

/** What may follow `#`, and what each targets. */
const TARGETS = { page: 'pageNumber', row: 'rowNumber', message: 'messageNumber' } as const;

export type ParsedRef = { ok: true; ref: DocRef } | { ok: false; message: string };

export const DOC_SCHEME = 'doc:';

export function isDocRef(url: string): boolean {
  return url.trim().toLowerCase().startsWith(DOC_SCHEME);
}

/** Parses a `doc:` URL; the message of a failure can follow "file:line: ". */
export function parseDocRef(url: string): ParsedRef {
  const raw = url.trim();
  if (!isDocRef(raw)) return { ok: false, message: `"${raw}" is not a doc: reference` };
  const rest = raw.slice(DOC_SCHEME.length);
  const hashAt = rest.indexOf('#');
  let documentId = decodeSafely(hashAt === -1 ? rest : rest.slice(0, hashAt));
  const fragment = hashAt === -1 ? '' : rest.slice(hashAt + 1);
  documentId = documentId.replace(/^\/+|\/+$/g, '');
  const idProblem = checkDocumentId(documentId);
  if (idProblem) return { ok: false, message: `bad reference "${raw}": ${idProblem.message}` };
  if (fragment === '') return { ok: true, ref: { documentId } };
  const match = /^([a-z]+)=(\d{1,7})$/i.exec(fragment);
  const key = match?.[1]!.toLowerCase();
  if (!match || !(key! in TARGETS)) {
    const guess = match ? closest(key!) : undefined;
    const example = `doc:${documentId}#page=2`;
    return {
      ok: false,
      message: `bad reference "${raw}": the part after "#" must be page=N, row=N (tables) or message=N (mailboxes)${guess ? `: did you mean ${guess}=${match![2]}?` : `, e.g. ${example}`}`,
    };
  }
  const n = Number(match[2]);
  if (n < 1) return { ok: false, message: `bad reference "${raw}": ${key === 'page' ? 'pages' : `${key}s`} are numbered from 1` };
  return { ok: true, ref: { documentId, [TARGETS[key as keyof typeof TARGETS]]: n } };
}

/** The target a misspelt one most likely meant (two letters off, or a longer or shorter form of it), if any. */
function closest(key: string): string | undefined {
  const targets = Object.keys(TARGETS);
  return closestOf(key, targets, 2) ?? targets.find((t) => key.startsWith(t) || t.startsWith(key));
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
