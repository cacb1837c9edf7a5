/**
 * Document and story identifiers. Pure and browser-safe.
 *
 * A document's id is its path under `content/documents/` without the extension,
 * always with forward slashes: `mn-fusion/2020-05-26-masks`. Ids become URL
 * paths and folder names in `dist/`, so they are restricted to a conservative
 * alphabet; anything else is rejected with a hint rather than silently slugged,
 * because a silently changed id would break every citation of the document.
 */

/** One path segment: lowercase letters, digits, `-`, `_` and `.` (not leading). */
const SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;

export interface IdProblem {
  /** What is wrong, in a sentence that can follow the file name. */
  message: string;
}

/** Checks one id segment (a collection or document name, or a story slug). */
export function checkSegment(segment: string): IdProblem | undefined {
  if (segment === '' || segment === '.' || segment === '..') {
    return { message: `"${segment}" is not a valid name` };
  }
  if (!SEGMENT.test(segment)) {
    return {
      message: `"${segment}" may use only lowercase letters, digits, "-", "_" and "." (not at the start); rename it, e.g. to "${suggestSegment(segment)}"`,
    };
  }
  return undefined;
}

/** A safe spelling of a name, offered in error messages. */
export function suggestSegment(segment: string): string {
  const s = segment
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
  return s || 'document';
}

/**
 * The document id for a path relative to `content/documents/`
 * (`mn-fusion/memo.pdf` → `mn-fusion/memo`). Only the last extension is removed.
 */
export function documentIdFromPath(relativePath: string): string {
  const posix = relativePath.split('\\').join('/');
  const lastSlash = posix.lastIndexOf('/');
  const lastDot = posix.lastIndexOf('.');
  return lastDot > lastSlash + 1 ? posix.slice(0, lastDot) : posix;
}

/** Checks a whole document id (`collection/name`); returns the first problem. */
export function checkDocumentId(id: string): IdProblem | undefined {
  const parts = id.split('/');
  if (parts.length !== 2) {
    return {
      message: `document id "${id}" must be <collection>/<name>: put the file directly in content/documents/<collection>/`,
    };
  }
  for (const part of parts) {
    const problem = checkSegment(part);
    if (problem) return problem;
  }
  return undefined;
}

/** The collection part of a document id. */
export function collectionOf(documentId: string): string {
  return documentId.split('/')[0] ?? '';
}
