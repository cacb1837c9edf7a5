/** `content/site.yml`: the site as a whole. */
import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js';
import { fingerprint, parseFingerprint, parsePublicKey } from '../signing/trove-verify.mjs';
import { DEFAULT_PHONE_REGIONS } from '../lib/phone-regions.ts';
import { ocrSetting } from './common.ts';
import { textRedactions } from './audit.ts';
import { DEFAULT_OCR_LANGUAGES } from '../lib/ocr-languages.ts';

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

/** Region codes people often write for another: the standard code to use instead. */
const REGION_ALIASES: Record<string, string> = { UK: 'GB', EN: 'GB', EL: 'GR', USA: 'US' };

const phoneRegion = z
  .string({ error: 'expected a two-letter region code such as US, GB or DE' })
  .transform((code) => code.trim().toUpperCase())
  .superRefine((code, ctx) => {
    if (isSupportedCountry(code)) return;
    const alias = REGION_ALIASES[code];
    ctx.addIssue({
      code: 'custom',
      input: code,
      message: alias
        ? `"${code}" is not an ISO 3166 region code; write ${alias}`
        : 'expected a two-letter ISO 3166 region code that libphonenumber knows, such as US, GB, DE, FR or AU',
    });
  });

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
    /**
     * What the reason codes of redactions mean, shown as each document's
     * legend: `{ b6: "Personal privacy", "b7(C)": "…" }`. These add to (and
     * can replace) the built-in meanings of the US FOIA exemptions b1–b9
     * and b7(A)–b7(F). Default: the FOIA meanings only.
     */
    redactionReasons: z
      .record(
        z.string().min(1, 'expected a reason code such as b6'),
        z.string({ error: 'expected what the reason code means, as text' }).min(1, 'expected what the reason code means; it is empty'),
        {
          error: 'expected reason codes and what they mean, such as { b6: "Personal privacy" }',
        },
      )
      .default({}),
    /**
     * Show each document's original file's SHA-256 beside the download's.
     * Off by default: a leaked file's hash lets whoever holds the originals
     * confirm which copy leaked (and a copy marked for one recipient names
     * them). Turn it on for releases whose originals are public, so readers
     * can match the file they were given. Default: false.
     */
    publishOriginalHashes: z.boolean({ error: 'expected true or false' }).default(false),
    /** Who publishes the collection. Default: empty. */
    publisher: z.string({ error: 'expected the name of the publisher as text' }).default(''),
    /** The canonical public URL of the site, if any (informational; links stay relative). */
    url: absoluteUrl('an absolute URL such as https://example.org/').optional(),
    /** URLs of known mirrors. Default: none. */
    mirrors: z
      .array(absoluteUrl('an absolute URL of a mirror, such as https://mirror.example/site/'), {
        error: 'expected a list of URLs, such as ["https://mirror.example/site/"]',
      })
      .default([]),
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
    /**
     * Regions (ISO 3166 codes, e.g. `[US, GB, DE]`) whose national telephone
     * numbers the audit's `pii-phone` rule looks for, written without a
     * country code (`030 1234567`). Numbers written with one (`+49 30 …`)
     * are found whatever the list. Default: US, CA, GB, IE, DE, AT, CH, FR,
     * BE, NL, ES, PT, IT, AU and NZ. Changing it re-audits every document.
     */
    phoneRegions: z
      .array(phoneRegion, { error: 'expected a list of region codes, such as [US, GB, DE]' })
      .min(1, 'expected at least one region code, such as [US]')
      .default([...DEFAULT_PHONE_REGIONS]),
    /**
     * Languages (Tesseract codes, each from its npm package
     * `@tesseract.js-data/<code>`) that pictures (photos, scans, TIFF pages)
     * are read in by OCR, or `false` to read none. A collection or a
     * document can set its own. Default: [eng]. Changing it reprocesses the
     * pictures it applies to.
     */
    ocr: ocrSetting.default([...DEFAULT_OCR_LANGUAGES]),
    /**
     * Text removed from every document of the site, in every format (a
     * name, a pattern such as case numbers, every finding of a text rule):
     * see the document schema's `redactText`. Changing it reprocesses the
     * documents.
     */
    redactText: textRedactions,
  })
  .superRefine((site, ctx) => {
    // Runs even when fields have issues: each is checked here only if it is itself well-formed.
    const given = typeof site.fingerprint === 'string' ? normalFingerprint(site.fingerprint) : undefined;
    if (given === undefined) return;
    const expected = typeof site.publicKey === 'string' ? fingerprintOf(site.publicKey) : undefined;
    if (site.publicKey === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fingerprint'],
        input: site.fingerprint,
        message: 'there is no publicKey for it to be the fingerprint of; add the publicKey line that `npm run keygen` printed with it',
      });
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
