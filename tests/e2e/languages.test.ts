/**
 * The interface in the site's language (src/i18n/): the basic collection
 * built with `language: es` and `language: ar` reads in Spanish and in
 * Arabic, Arabic laid out right to left, dates as each language writes
 * them; in Chromium, the Arabic page starts at the right and fits a phone.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { buildContent, fixtureContent, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const runs: Record<string, BuildRun> = {};
let browser: Awaited<ReturnType<typeof launchChromium>>;
const DOC = 'documents/appeals/calvary-chapel-v-mills/index.html';

async function buildIn(language: string): Promise<BuildRun> {
  const content = path.join(await tempDir(`language-${language}`), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  const siteYml = path.join(content, 'site.yml');
  await writeFile(siteYml, (await readFile(siteYml, 'utf8')).replace(/^language: .*$/m, `language: ${language}`));
  const run = await buildContent(content, `language-${language}`, { workDir: await sharedCacheWorkDir(`language-${language}`) });
  if (run.code !== 0) throw new Error(`the ${language} build failed:\n${run.stdout}\n${run.stderr}`);
  return run;
}

beforeAll(async () => {
  runs.es = await buildIn('es');
  runs.ar = await buildIn('ar');
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

const html = (language: string, file: string) => readFile(path.join(runs[language]!.outDir, file), 'utf8');

describe('a site in Spanish', () => {
  it('reads in Spanish, with Spanish dates and plurals', async () => {
    const doc = await html('es', DOC);
    expect(doc).toMatch(/<html lang="es" dir="ltr">/);
    for (const text of [
      'Página siguiente',
      'Página 2 de 17',
      'Buscar en este documento',
      'Sobre este documento',
      '22 de diciembre de 2020',
      '17 páginas',
      'Saltar a la primera página',
    ])
      expect(doc).toContain(text);
    expect(doc).not.toContain('Next page');
    expect(await html('es', 'search/index.html')).toContain('Filtrar por tipo, colección, fuente, año o etiqueta');
    expect(await html('es', '404.html')).toContain('Página no encontrada');
  });
});

describe('a site in Arabic', () => {
  it('reads in Arabic, right to left', async () => {
    const doc = await html('ar', DOC);
    expect(doc).toMatch(/<html lang="ar" dir="rtl">/);
    for (const text of ['الصفحة التالية', 'ابحث في هذه الوثيقة']) expect(doc).toContain(text);
    expect(doc).not.toContain('Next page');
  });

  it('starts at the right of the screen and fits a phone, in Chromium', async () => {
    for (const width of [1366, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(`file://${path.join(runs.ar!.outDir, DOC)}`);
      const title = await page.locator('h1').evaluate((h) => {
        const range = document.createRange();
        range.selectNodeContents(h);
        return range.getBoundingClientRect().right;
      });
      expect(title, `${width} px`).toBeGreaterThan(width * 0.85);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await context.close();
    }
  });
});
