/** Field types shared by the content schemas. */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { OCR_LANGUAGE_CODE } from '../lib/ocr-languages.ts';

/** A calendar date written `YYYY-MM-DD` (quoted or not); kept as that string. */
export const isoDate = z
  .string({ error: 'expected a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'this date does not exist in the calendar');

/**
 * A moment for embargoes: `YYYY-MM-DD` (midnight UTC) or a full ISO 8601
 * date-time with a time zone. Kept as the original string.
 */
export const isoMoment = z
  .string({ error: 'expected a date (YYYY-MM-DD) or date-time (2026-01-31T09:00:00Z)' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected a date (YYYY-MM-DD) or date-time with a time zone (2026-01-31T09:00:00Z)',
  });

/** Lowercase tags; a single string is accepted as a one-tag list. */
export const tags = z
  .union([z.string(), z.array(z.string())], { error: 'expected a list of tags, such as [courts, police]' })
  .transform((v) => (Array.isArray(v) ? v : [v]).map((t) => t.trim().toLowerCase()).filter(Boolean));

/** `draft: true` keeps an entry out of the output entirely. */
export const draft = z.boolean({ error: 'expected true or false' });

/** Text of one line or paragraph; `what` names it in the message, e.g. "the title". */
export const text = (what: string) => z.string({ error: `expected ${what} as text (in quotes if it contains ": " or starts with a symbol)` });

/** A page number as readers see it: 1 for the first page. */
export const pageNumber = z
  .number({ error: 'expected a page number such as 1 or 12' })
  .int('expected a whole page number such as 1 or 12')
  .positive('expected a page number of 1 or more (the first page is 1)');

const requireHere = createRequire(import.meta.url);

/** Whether the npm package with a language's OCR data (`@tesseract.js-data/<code>`) is installed. */
function hasLanguageData(code: string): boolean {
  try {
    requireHere.resolve(`@tesseract.js-data/${code}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** A Tesseract language code (eng, deu, fra, chi_sim...) whose data package is installed. */
const ocrLanguage = z
  .string({ error: 'expected a Tesseract language code, such as eng' })
  .regex(OCR_LANGUAGE_CODE, 'expected a Tesseract language code, such as eng, deu, fra or chi_sim')
  .superRefine((code, ctx) => {
    if (OCR_LANGUAGE_CODE.test(code) && !hasLanguageData(code))
      ctx.addIssue({ code: 'custom', message: `the OCR language "${code}" is not installed; add its data package: npm install @tesseract.js-data/${code}` });
  });

/**
 * Which languages pictures (photos, scans, TIFF pages) are read in by OCR,
 * or `false` to read none: `ocr: [eng, deu]`, `ocr: eng` or `ocr: false`.
 */
export const ocrSetting = z
  .union([z.literal(false), ocrLanguage, z.array(ocrLanguage).min(1, 'expected at least one language, or false to turn OCR off')], {
    error: 'expected a list of language codes, such as [eng, deu], or false to turn OCR off',
  })
  .transform((v): false | string[] => (v === false ? false : [...new Set(Array.isArray(v) ? v : [v])]));
