/** `content/site.yml`: the site as a whole. */
import { z } from 'zod';
import { parsePublicKey } from '../../public/trove-verify.mjs';

export const siteSchema = z.strictObject({
  /** Name of the site, shown in every page title. Required. */
  title: z.string().min(1),
  /** One-paragraph description for the home page and feeds. Default: empty. */
  description: z.string().default(''),
  /** BCP 47 language of the content, e.g. `en`; used for `<html lang>` and search stemming. Default `en`. */
  language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/).default('en'),
  /** Who publishes the collection. Default: empty. */
  publisher: z.string().default(''),
  /** The canonical public URL of the site, if any (informational; links stay relative). */
  url: z.url().optional(),
  /** URLs of known mirrors. Default: none. */
  mirrors: z.array(z.url()).default([]),
  /** The publisher's Ed25519 public key, for verifying copies (see the mirroring guide). */
  publicKey: z
    .string()
    .refine((v) => {
      try {
        parsePublicKey(v);
        return true;
      } catch {
        return false;
      }
    }, 'expected "ed25519:" followed by the 44-character base64 key that `npm run keygen` prints')
    .optional(),
});

export type SiteConfig = z.infer<typeof siteSchema>;
