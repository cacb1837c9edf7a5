/** `content/stories/<slug>.md` front matter. The body is the story in markdown. */
import { z } from 'zod';
import { draft, isoDate, isoMoment, tags } from './common.ts';

export const storySchema = z.strictObject({
  /** Headline. Required. */
  title: z.string().min(1),
  /** Publication date, `YYYY-MM-DD`. Required: stories are listed newest first. */
  date: isoDate,
  /** Bylines. A single name is accepted. Default: none. */
  authors: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .default([]),
  /** One- or two-sentence summary for listings and feeds. Default: empty. */
  summary: z.string().default(''),
  /** Tags for browsing and filtering. Default: none. */
  tags: tags.default([]),
  /** `true` keeps the story out of the output entirely. Default `false`. */
  draft: draft.default(false),
  /** Embargo: the story is left out of any build before this moment. */
  publishAt: isoMoment.optional(),
});

export type StoryMeta = z.infer<typeof storySchema>;
