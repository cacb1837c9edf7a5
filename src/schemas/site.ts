/** `content/site.yml`: the site as a whole. */
import { z } from 'zod';
import { fingerprint, parseFingerprint, parsePublicKey } from '../../public/trove-verify.mjs';

const absoluteUrl = (what: string) => z.url({ protocol: /^https?$/, error: `expected ${what}` });

/** The fingerprint of a public key as written in site.yml, or undefined if it is not a key. */
function fingerprintOf(publicKey: string): string | undefined {
  try {
    return fingerprint(parsePublicKey(publicKey));
  } catch {
    return undefined;
  }
}

/** A fingerprint in the form keygen prints it, or undefined if it is not a full one. */
function normalFingerprint(text: string): string | undefined {
  try {
    return parseFingerprint(text);
  } catch {
    return undefined;
  }
}

export const siteSchema = z
  .strictObject({
    /** Name of the site, shown in every page title. Required. */
    title: z.string({ error: 'expected the name of the site as text' }).min(1, 'expected the name of the site; it is empty'),
    /** One-paragraph description for the home page and feeds. Default: empty. */
    description: z.string({ error: 'expected a paragraph of text describing the site' }).default(''),
    /** BCP 47 language of the content, e.g. `en`; used for `<html lang>` and search stemming. Default `en`. */
    language: z
      .string({ error: 'expected a language code such as en or pt-BR' })
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a language code such as en or pt-BR')
      .default('en'),
    /** Who publishes the collection. Default: empty. */
    publisher: z.string({ error: 'expected the name of the publisher as text' }).default(''),
    /** The canonical public URL of the site, if any (informational; links stay relative). */
    url: absoluteUrl('an absolute URL such as https://example.org/').optional(),
    /** URLs of known mirrors. Default: none. */
    mirrors: z.array(absoluteUrl('an absolute URL of a mirror, such as https://mirror.example/site/'), { error: 'expected a list of URLs, such as ["https://mirror.example/site/"]' }).default([]),
    /** The publisher's Ed25519 public key, for verifying copies (see the mirroring guide). */
    publicKey: z
      .string({ error: 'expected "ed25519:" followed by the 44-character base64 key that `npm run keygen` prints' })
      .refine((v) => fingerprintOf(v) !== undefined, 'expected "ed25519:" followed by the 44-character base64 key that `npm run keygen` prints')
      .optional(),
    /**
     * The fingerprint of `publicKey`, as `npm run keygen` prints it. Optional;
     * when given, the build fails unless it is publicKey's fingerprint, so the
     * fingerprint the publisher announces and the key the site carries cannot
     * drift apart.
     */
    fingerprint: z
      .string({ error: 'expected the fingerprint that `npm run keygen` prints, in quotes, such as "ABCD 1234 …"' })
      .refine((v) => normalFingerprint(v) !== undefined, 'expected the full fingerprint that `npm run keygen` prints: 32 hex digits in 8 groups of four')
      .optional(),
  })
  .superRefine((site, ctx) => {
    // Runs even when fields have issues: each is checked here only if it is itself well-formed.
    const given = typeof site.fingerprint === 'string' ? normalFingerprint(site.fingerprint) : undefined;
    if (given === undefined) return;
    const expected = typeof site.publicKey === 'string' ? fingerprintOf(site.publicKey) : undefined;
    if (site.publicKey === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fingerprint'], input: site.fingerprint, message: 'there is no publicKey for it to be the fingerprint of; add the publicKey line that `npm run keygen` printed with it' });
    } else if (expected && given !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['fingerprint'],
        input: site.fingerprint,
        message: `it is not the fingerprint of publicKey, which is "${expected}"; use the publicKey and fingerprint lines of the same \`npm run keygen\``,
      });
    }
  });

export type SiteConfig = z.infer<typeof siteSchema>;
