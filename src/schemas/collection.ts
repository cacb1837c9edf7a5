/** `content/collections/<collection>.md` front matter. The body is the introduction. */
import { z } from 'zod';

export const collectionSchema = z.strictObject({
  /** Display name of the collection. Required. */
  title: z.string().min(1),
  /** Where the collection came from (agency, leak, FOIA request). Default: empty. */
  source: z.string().default(''),
  /** One-sentence description for listings. Default: empty. */
  description: z.string().default(''),
});

export type CollectionMeta = z.infer<typeof collectionSchema>;
