/** `content/collections/<collection>.md` front matter. The body is the introduction. */
import { z } from 'zod';
import { collectionAcceptance } from './audit.ts';

export const collectionSchema = z.strictObject({
  /** Display name of the collection. Required. */
  title: z.string().min(1),
  /** Where the collection came from (agency, leak, FOIA request). Default: empty. */
  source: z.string().default(''),
  /** One-sentence description for listings. Default: empty. */
  description: z.string().default(''),
  /** Audit rules accepted for every document of the collection, each with a reason. */
  audit: z.array(collectionAcceptance).default([]),
});

export type CollectionMeta = z.infer<typeof collectionSchema>;
