/**
 * The build's numeric settings from the environment, read in one place.
 * A value that is not a whole number in range is refused with a message
 * that names the variable and what it takes; it is never read as NaN (to
 * Node's timers a NaN time limit is one millisecond, which fails every
 * document as "too long"). `npm run build` checks them all before any work
 * starts (src/build/build-command.ts), so a typo is the build's first and only line.
 */

export interface WholeNumberSetting {
  name: string;
  /** The value when the variable is unset or empty. */
  fallback: number;
  min: number;
  max?: number;
  /** What the number counts, for the message: "pages", "milliseconds". */
  unit: string;
  /** A value with a meaning of its own, said in the message: "0: never split". */
  note?: string;
}

export const SETTINGS = {
  workers: { name: 'TROVE_WORKERS', fallback: 0, min: 1, unit: 'worker threads' },
  pageTimeoutMs: { name: 'TROVE_PAGE_TIMEOUT_MS', fallback: 60_000, min: 1, unit: 'milliseconds' },
  documentTimeoutMs: { name: 'TROVE_DOCUMENT_TIMEOUT_MS', fallback: 30 * 60_000, min: 1, unit: 'milliseconds' },
  partPages: { name: 'TROVE_PART_PAGES', fallback: 50, min: 0, unit: 'pages', note: '0: never split' },
  // processors/types.ts (renderOptions) reads this one itself: every processor imports that file, so importing
  // this one there would put all settings in every type's cache key, and adding a setting would reprocess everything.
  webpEffort: { name: 'TROVE_WEBP_EFFORT', fallback: 2, min: 0, max: 6, unit: 'effort' },
  searchWordsPerIndex: { name: 'TROVE_SEARCH_WORDS_PER_INDEX', fallback: 2_500_000, min: 1, unit: 'words' },
  htmlDocumentsPerSlice: { name: 'TROVE_HTML_DOCUMENTS_PER_SLICE', fallback: 50_000, min: 1, unit: 'documents' },
} satisfies Record<string, WholeNumberSetting>;

/** The setting's value: its fallback when unset, else a whole number in range, or an error naming the variable. */
export function wholeNumber(setting: WholeNumberSetting, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[setting.name]?.trim();
  if (raw === undefined || raw === '') return setting.fallback;
  const n = Number(raw);
  if (/^\d+$/.test(raw) && n >= setting.min && (setting.max === undefined || n <= setting.max)) return n;
  const range = setting.max !== undefined ? `from ${setting.min} to ${setting.max}` : `of ${setting.unit}, at least ${setting.min}`;
  const note = setting.note ? ` (${setting.note})` : '';
  throw new Error(`${setting.name} must be a whole number ${range}${note}, not "${env[setting.name]}"`);
}

/** Every setting's problem, one line each (empty when all are fine). */
export function checkSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  for (const setting of Object.values(SETTINGS)) {
    try {
      wholeNumber(setting, env);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return problems;
}
