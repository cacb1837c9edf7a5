/**
 * The interface's translations (src/i18n/): every shipped language has
 * every message, with the same placeholders, the plural forms its
 * language needs, and the language's direction and dates.
 */
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.json' with { type: 'json' };
import { UI_LANGUAGES, uiFor, uiLanguageOf, type Message } from '../../src/i18n/index.ts';

const placeholders = (m: Message): string[] => {
  const texts = typeof m === 'string' ? [m] : Object.values(m);
  // A plural form may spell its number out ("وثيقتان", two documents): `count` is not required in each.
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].filter((p) => p !== 'count').sort();
};

describe('the translations', () => {
  for (const [code, messages] of Object.entries(UI_LANGUAGES)) {
    it(`${code}: every English message is translated, with the same placeholders and the plural forms the language uses`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      const forms = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      for (const [key, english] of Object.entries(en) as [string, Message][]) {
        const message = (messages as Record<string, Message>)[key]!;
        expect(typeof message, key).toBe(typeof english);
        expect(placeholders(message), key).toEqual(placeholders(english));
        if (typeof message !== 'string') {
          for (const form of forms) expect(message[form], `${code} ${key} ${form}`).toBeTypeOf('string');
          if (forms.length > 1)
            expect(
              Object.values(message).some((text) => text!.includes('{count}')),
              key,
            ).toBe(true);
        }
      }
    });
  }
});

describe('the interface for a site language', () => {
  it('is the translation of its primary subtag, else English; the page keeps the content language', () => {
    expect(uiLanguageOf('es-MX')).toBe('es');
    expect(uiLanguageOf('pt-BR')).toBeUndefined();
    expect(uiFor('pt-BR').code).toBe('en');
    expect(uiFor('pt-BR').lang).toBe('pt-BR');
    expect(uiFor('pt-BR').t('nextPage')).toBe('Next page');
    expect(uiFor('fr').t('nextPage')).toBe('Page suivante');
  });

  it('lays Arabic (and other right-to-left scripts) out right to left', () => {
    expect(uiFor('ar').dir).toBe('rtl');
    expect(uiFor('he').dir).toBe('rtl');
    expect(uiFor('de').dir).toBe('ltr');
  });

  it('chooses the plural form by the count and writes numbers and dates as the language does', () => {
    const ar = uiFor('ar');
    expect(ar.t('pages', { count: 2 })).toBe('صفحتان');
    expect(ar.t('pages', { count: 5 })).toBe(`${ar.number(5)} صفحات`);
    expect(uiFor('en').t('pages', { count: 1 })).toBe('1 page');
    expect(uiFor('de').t('documents', { count: 1200 })).toBe('1.200 Dokumente');
    expect(uiFor('es').date('2020-12-22')).toBe('22 de diciembre de 2020');
    expect(uiFor('en').date('2020-12-22')).toBe('December 22, 2020');
    expect(uiFor('en').date('not a date')).toBe('not a date');
  });

  it('leaves a placeholder it is not given as it is, and fills text in as text', () => {
    expect(uiFor('en').t('pageOf', { noun: 'Page', n: 3 })).toBe('Page 3 of {count}');
    expect(uiFor('en').t('byAuthors', { authors: '<b>A</b>' })).toBe('By <b>A</b>');
  });
});
