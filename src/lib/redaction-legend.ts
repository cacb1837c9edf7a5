/**
 * What a redaction's reason code means: the meaning site.yml gives it
 * (`redactionReasons`), else the US FOIA exemption it names, written any
 * of the usual ways (`b6`, `(b)(6)`, `b7(C)`, `(b)(7)(C)`, `B7c`), in the
 * interface's language. Pure and browser-safe.
 */
import type { MessageKey } from '../i18n/index.ts';

const FOIA = /^b([1-9])([a-f])?$/;

/** The translation key of the FOIA exemption a code names, if it names one. */
export function foiaKey(code: string): MessageKey | undefined {
  const m = FOIA.exec(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
  if (!m || (m[2] && m[1] !== '7')) return undefined;
  return `foiaB${m[1]}${m[2] ?? ''}` as MessageKey;
}

export interface LegendEntry {
  code: string;
  count: number;
  /** What it means; undefined when neither site.yml nor FOIA says. */
  meaning?: string;
}

/** Each reason code in `codes` once, most used first, with what it means. */
export function redactionLegend(codes: string[], siteReasons: Record<string, string>, t: (key: MessageKey) => string): LegendEntry[] {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const lower = new Map(Object.entries(siteReasons).map(([k, v]) => [k.toLowerCase(), v]));
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, count]) => {
      const key = foiaKey(code);
      return { code, count, meaning: siteReasons[code] ?? lower.get(code.toLowerCase()) ?? (key ? t(key) : undefined) };
    });
}
