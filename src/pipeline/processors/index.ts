/** The processor for each document type. Adding a type means adding one processor here. */
import type { DocumentType } from '../../schemas/document.ts';
import { imageProcessor } from './image.ts';
import { pdfProcessor } from './pdf.ts';
import { emailProcessor } from './email.ts';
import { officeProcessor } from './office.ts';
import { tableProcessor } from './table.ts';
import { textProcessor } from './text.ts';
import type { Processor } from './types.ts';

export const PROCESSORS: Record<DocumentType, Processor> = {
  pdf: pdfProcessor,
  image: imageProcessor,
  text: textProcessor,
  table: tableProcessor,
  email: emailProcessor,
  office: officeProcessor,
};
