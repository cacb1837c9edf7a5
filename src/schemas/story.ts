/** `content/stories/<slug>.md` front matter. The body is the story in markdown. */
import { z } from 'zod';
import { draft, isoDate, isoMoment, tags, text } from './common.ts';

export const storySchema = z.strictObject({
  /** Headline. Required. */
  title: text('the headline').min(1, 'expected a headline; it is empty'),
  /** Publication date, `YYYY-MM-DD`. Required: stories are listed newest first. */
  date: isoDate,
  /** Bylines. A single name is accepted. Default: none. */
  authors: z
    .union([z.string(), z.array(z.string())], { error: 'expected a name or a list of names, such as [Ana Lima, Sam Okafor]' })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .default([]),
  /** One- or two-sentence summary for listings and feeds. Default: empty. */
  summary: text('a one- or two-sentence summary').default(''),
  /** Tags for browsing and filtering. Default: none. */
  tags: tags.default([]),
  /** `true` keeps the story out of the output entirely. Default `false`. */
  draft: draft.default(false),
  /** Embargo: the story is left out of any build before this moment. */
  publishAt: isoMoment.optional(),
});

export type StoryMeta = z.infer<typeof storySchema>;
