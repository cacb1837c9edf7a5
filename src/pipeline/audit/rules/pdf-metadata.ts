/**
 * `pdf-metadata`: the document information dictionary (Author, Title,
 * Creator, Producer, dates, custom keys) and XMP metadata. Removed by
 * construction: the published PDF is rebuilt without either.
 */
import type { Finding, Rule } from '../types.ts';
import { clip } from './text-under-box.ts';

/** Keys pdf.js adds to `info` that are not in the file's Info dictionary. */
const PDFJS_KEYS = new Set([
  'PDFFormatVersion',
  'Language',
  'EncryptFilterName',
  'IsLinearized',
  'IsAcroFormPresent',
  'IsXFAPresent',
  'IsCollectionPresent',
  'IsSignaturesPresent',
]);

export const pdfMetadata: Rule = {
  id: 'pdf-metadata',
  severity: 'removed',
  title: 'document metadata (Info dictionary or XMP): author, software, dates',
  fix: 'nothing to do: the published PDF is rebuilt without it. Check that the page content does not carry the same information',
  input: 'pdf-document',
  async check({ pdf }) {
    const { info, metadata } = await pdf.getMetadata();
    const fields: string[] = [];
    for (const [key, value] of Object.entries((info ?? {}) as Record<string, unknown>)) {
      if (PDFJS_KEYS.has(key) || value === null || value === undefined || value === '') continue;
      if (key === 'Custom' && typeof value === 'object') {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) fields.push(`${k}: ${clip(String(v), 60)}`);
      } else fields.push(`${key}: ${clip(String(value).trim(), 60)}`);
    }
    const findings: Finding[] = [];
    if (fields.length > 0) findings.push({ rule: 'pdf-metadata', evidence: `Info dictionary: ${fields.join('; ')}` });
    if (metadata) {
      const entries = [...(metadata as unknown as Iterable<[string, unknown]>)].map(([k, v]) => `${k}: ${clip(String(v), 60)}`);
      findings.push({ rule: 'pdf-metadata', evidence: `XMP metadata${entries.length ? `: ${entries.slice(0, 8).join('; ')}` : ''}` });
    }
    return findings;
  },
};
