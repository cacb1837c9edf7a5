/**
 * Which file extensions are documents, and of which type. Kept apart from
 * the processors so that discovery does not load pdf.js or sharp.
 */
import type { DocumentType } from '../../schemas/document.ts';

const EXTENSIONS: Record<string, DocumentType> = {
  pdf: 'pdf',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  tif: 'image',
  tiff: 'image',
  webp: 'image',
  gif: 'image',
  txt: 'text',
  markdown: 'text',
  csv: 'table',
  tsv: 'table',
  eml: 'email',
  mbox: 'email',
  docx: 'office',
  doc: 'office',
  odt: 'office',
  rtf: 'office',
  xlsx: 'office',
  xls: 'office',
  ods: 'office',
  pptx: 'office',
  ppt: 'office',
  odp: 'office',
};

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);

export function typeForExtension(extension: string): DocumentType | undefined {
  return Object.hasOwn(EXTENSIONS, extension) ? EXTENSIONS[extension] : undefined;
}
