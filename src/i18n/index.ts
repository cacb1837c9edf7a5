/**
 * The interface's words: every string a reader sees that is not content
 * comes from a translation file here (`<code>.json`, one per language), so
 * a site in Spanish or Arabic reads in Spanish or Arabic throughout.
 *
 * A message is text with `{name}` placeholders, or, when it counts
 * something, an object of plural forms (`one`, `other`, and for languages
 * that have them `zero`, `two`, `few`, `many`) chosen by the `count`
 * placeholder through Intl.PluralRules. A key missing from a translation
 * falls back to English (tests/unit/i18n.test.ts checks that none is
 * missing and that every translation keeps the placeholders).
 *
 * `language:` in site.yml is the content's language; the interface uses
 * the shipped translation of its primary subtag (`es-MX` → `es`), English
 * otherwise. Pure and browser-safe.
 */
import ar from './ar.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export type MessageKey = keyof typeof en;
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Messages = Record<MessageKey, Message>;

/** The interface languages Trove ships, by their code. */
export const UI_LANGUAGES: Record<string, Partial<Messages>> = { en, es, fr, de, ar };

/** Scripts written right to left, by the primary subtag of the languages that use them. */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

export type Vars = Record<string, string | number>;

export interface Ui {
  /** The interface language (a shipped translation's code). */
  code: string;
  /** The content's language, for `<html lang>`. */
  lang: string;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, vars?: Vars): string;
  /**
   * The message as text and the names of the placeholders `vars` does not
   * fill (`{ slot: 'manifest' }`), for a page to put links or code in
   * their place: `parts('verifyIntro')`.
   */
  parts(key: MessageKey, vars?: Vars): (string | { slot: string })[];
  /** A calendar date (`2020-05-26`) as the language writes it. */
  date(isoDate: string | undefined): string;
  /** A number as the language writes it. */
  number(n: number): string;
}

/** The shipped translation used for a content language (`pt-BR` → undefined, `es-MX` → `es`). */
export function uiLanguageOf(language: string): string | undefined {
  const primary = language.toLowerCase().split('-')[0]!;
  return primary in UI_LANGUAGES ? primary : undefined;
}

/** Fills a message: the plural form for `vars.count`, then each `{name}`. */
export function format(message: Message, vars: Vars, plurals: Intl.PluralRules, numbers: Intl.NumberFormat): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const n = Number(vars.count ?? 0);
    text = message[plurals.select(n)] ?? message.other ?? '';
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

const made = new Map<string, Ui>();

/** The interface for a content language. */
export function uiFor(language: string): Ui {
  const cached = made.get(language);
  if (cached) return cached;
  const code = uiLanguageOf(language) ?? 'en';
  const messages = { ...en, ...UI_LANGUAGES[code] } as Messages;
  const plurals = new Intl.PluralRules(code);
  const numbers = new Intl.NumberFormat(code);
  const dates = new Intl.DateTimeFormat(code, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const ui: Ui = {
    code,
    lang: language,
    dir: RIGHT_TO_LEFT.has(language.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr',
    t: (key, vars = {}) => format(messages[key] ?? key, vars, plurals, numbers),
    parts: (key, vars = {}) =>
      format(messages[key] ?? key, vars, plurals, numbers)
        .split(/(\{\w+\})/)
        .filter((piece) => piece !== '')
        .map((piece) => (/^\{\w+\}$/.test(piece) ? { slot: piece.slice(1, -1) } : piece)),
    date: (isoDate) => {
      if (!isoDate) return '';
      const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? isoDate : dates.format(d);
    },
    number: (n) => numbers.format(n),
  };
  made.set(language, ui);
  return ui;
}

/** The messages a page script needs, in the interface language, to be given to it as JSON. */
export function messagesFor(language: string, keys: MessageKey[]): Partial<Messages> {
  const code = uiLanguageOf(language) ?? 'en';
  const messages = { ...en, ...UI_LANGUAGES[code] } as Messages;
  return Object.fromEntries(keys.map((k) => [k, messages[k]]));
}
