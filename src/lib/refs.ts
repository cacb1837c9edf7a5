/**
 * Parsing of document references in stories: `doc:<collection>/<name>` with an
 * optional `#page=N` (1-based). Pure and browser-safe.
 */
import { checkDocumentId } from './ids.ts';

export interface DocRef {
  documentId: string;
  /** 1-based page number, when the reference points at one page. */
  pageNumber?: number;
}

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
  const match = /^page=(\d{1,6})$/.exec(fragment);
  if (!match) {
    return {
      ok: false,
      message: `bad reference "${raw}": the part after "#" must be page=N, e.g. doc:${documentId}#page=2`,
    };
  }
  const pageNumber = Number(match[1]);
  if (pageNumber < 1) {
    return { ok: false, message: `bad reference "${raw}": pages are numbered from 1` };
  }
  return { ok: true, ref: { documentId, pageNumber } };
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
