/**
 * Declared redactions that cannot be applied. A box the build cannot burn
 * in must never pass silently: the editor believes the content is hidden.
 * Two cases, each a problem naming the sidecar that declares the box:
 *
 *   - the box is on a page past the document's end (a typo, or the file
 *     was replaced by a shorter one);
 *   - the document has no page images to burn into (text, tables, e-mail);
 *   - table rows or columns are withheld from a document that is no table.
 *
 * Boxes that fall outside a page that exists are the processors' to catch
 * (they know the page size). This check makes no derivatives and no
 * processor imports it (only run.ts does), so it is part of no cache key:
 * changing it reprocesses nothing.
 */
import type { DocumentEntry } from '../content/discover.ts';
import type { Problem } from '../errors.ts';
import type { DocumentType } from '../../schemas/document.ts';

/** Types whose pages are images that boxes are burned into (Office files are published as PDFs). */
const TAKES_BOXES = new Set<DocumentType>(['pdf', 'image', 'office']);

const KIND: Partial<Record<DocumentType, string>> = { text: 'a text document', table: 'a table', email: 'an e-mail' };

const INSTEAD: Partial<Record<DocumentType, string>> = {
  table:
    'withhold columns with `redactColumns`, rows with `redactRows`, or text with `redactText` (optionally with `column`), then remove the boxes from `redactions`',
  text: 'redact the words with `redactText` (boxes apply to PDFs, Office files and images), then remove the boxes from `redactions`',
  email: 'redact the words with `redactText`, or publish the message as a PDF and redact that; then remove the boxes from `redactions`',
};

export interface DeclaredRedactionsOf {
  entry: Pick<DocumentEntry, 'file' | 'sidecarFile' | 'type' | 'meta'>;
  result: { pageCount: number };
}

export function unappliableRedactions(documents: DeclaredRedactionsOf[]): Problem[] {
  const problems: Problem[] = [];
  for (const { entry, result } of documents) {
    for (const field of ['redactColumns', 'redactRows'] as const) {
      if (entry.type === 'table' || (entry.meta[field] ?? []).length === 0) continue;
      problems.push({
        file: entry.sidecarFile,
        message: `${field}: given, but ${entry.file} is ${KIND[entry.type] ?? `a${entry.type === 'image' || entry.type === 'office' ? 'n' : ''} ${entry.type} document`}, not a table: nothing was withheld`,
        hint: 'use `redactText` to redact text in any format, or `redactions` (boxes) on PDFs and images',
      });
    }
    const boxes = entry.meta.redactions;
    if (boxes.length === 0) continue;
    if (!TAKES_BOXES.has(entry.type)) {
      problems.push({
        file: entry.sidecarFile,
        message: `redactions: ${boxes.length} box${boxes.length === 1 ? '' : 'es'} declared, but ${entry.file} is ${KIND[entry.type] ?? `a ${entry.type} document`}, which has no page images to burn boxes into: nothing was redacted`,
        hint: INSTEAD[entry.type] ?? 'remove the boxes from `redactions` and remove the words from the file itself',
      });
      continue;
    }
    for (const r of boxes) {
      if (r.page <= result.pageCount) continue;
      const pages = `${result.pageCount} page${result.pageCount === 1 ? '' : 's'}`;
      problems.push({
        file: entry.sidecarFile,
        message: `redactions: a box on page ${r.page} [${r.box.join(', ')}] (reason ${r.reason}), but ${entry.file} has ${pages}: the box was not applied`,
        hint: `correct the page number (pages count from 1, as readers see them) or remove the box; check that ${entry.file} is the file you meant to redact`,
      });
    }
  }
  return problems;
}
