/** `content/collections/<collection>.md` front matter. The body is the introduction. */
import { z } from 'zod';
import { collectionAcceptance, textRedactions } from './audit.ts';
import { ocrSetting, text } from './common.ts';

export const collectionSchema = z.strictObject({
  /** Display name of the collection. Required. */
  title: text('the title').min(1, 'expected a title; it is empty'),
  /** Where the collection came from (agency, leak, FOIA request). Default: empty. */
  source: text('the source (agency, leak or FOIA request)').default(''),
  /** One-sentence description for listings. Default: empty. */
  description: text('a one-sentence description').default(''),
  /** Audit rules accepted for every document of the collection, each with a reason. */
  audit: z.array(collectionAcceptance, { error: 'expected a list of acceptances, each with rule and reason' }).default([]),
  /** OCR languages for the collection's pictures, or false: overrides site.yml's `ocr` (see the site schema). */
  ocr: ocrSetting.optional(),
  /** Text removed from every document of the collection, in every format: `text`, `pattern` or `rule`, with `reason` (see the document schema). */
  redactText: textRedactions,
});

export type CollectionMeta = z.infer<typeof collectionSchema>;
