/** Display formatting shared by pages. Pure and browser-safe. */
import type { MessageKey } from '../i18n/index.ts';
import type { DocumentType } from '../schemas/document.ts';

/** The interface's word for each document type (src/i18n/): cards, the document's header, browse by type, the search filter. */
export const TYPE_KEYS = {
  pdf: 'typePdf',
  image: 'typeImage',
  text: 'typeText',
  table: 'typeTable',
  email: 'typeEmail',
  office: 'typeOffice',
} as const satisfies Record<DocumentType, MessageKey>;

/** Names of document types in English (the interface's own come from TYPE_KEYS). */
export const TYPE_LABELS: Record<DocumentType, string> = { pdf: 'PDF', image: 'Image', text: 'Text', table: 'Table', email: 'E-mail', office: 'Office' };

/** `2020-05-26` → `26 May 2020`; dates are calendar dates, shown in UTC. */
export function formatDate(isoDate: string | undefined, locale = 'en'): string {
  if (!isoDate) return '';
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return d.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * How much a document holds, in the unit its page uses: rows of a table,
 * messages of an e-mail, sections of a text, pages of anything else.
 */
export function extentLabel(type: DocumentType, pageCount: number, rowCount?: number): string {
  if (type === 'table' && rowCount !== undefined) return `${rowCount.toLocaleString('en')} ${rowCount === 1 ? 'row' : 'rows'}`;
  return plural(pageCount, type === 'text' ? 'section' : type === 'email' ? 'message' : 'page');
}
