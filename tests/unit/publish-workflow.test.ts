/**
 * The GitHub Actions workflow is not run here, so what it must contain is
 * checked as data: Office documents need LibreOffice on the runner before
 * the build, Astro's telemetry is off for every step, and nothing the audit
 * found leaves the runner (CI is set, so logs withhold found text, and the
 * audit report, which quotes it, is never uploaded).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

async function workflow() {
  return parse(await readFile(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8')) as {
    env?: Record<string, string>;
    jobs: { build: { steps: Step[] } };
  };
}

describe('.github/workflows/publish.yml', () => {
  it('installs LibreOffice (Writer, Calc and Impress) before the audit and the build', async () => {
    const steps = (await workflow()).jobs.build.steps;
    const install = steps.findIndex((s) => /apt-get install\b.*libreoffice-writer/s.test(s.run ?? ''));
    expect(install, 'an apt-get install step for LibreOffice').toBeGreaterThanOrEqual(0);
    for (const part of ['libreoffice-writer', 'libreoffice-calc', 'libreoffice-impress']) expect(steps[install]!.run).toContain(part);
    // Only what the build publishes: a document still under review must not stop a deploy.
    const audit = steps.findIndex((s) => s.run === 'npm run audit -- --published');
    const build = steps.findIndex((s) => s.run === 'npm run build');
    expect(install).toBeLessThan(audit);
    expect(install).toBeLessThan(build);
  });

  it('writes the watch list from its secret outside the checkout, before the build', async () => {
    const steps = (await workflow()).jobs.build.steps;
    const watch = steps.findIndex((s) => /TROVE_WATCHLIST_FILE=\$RUNNER_TEMP\//.test(s.run ?? ''));
    expect(watch, 'a step that writes the watch list into $RUNNER_TEMP').toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(steps[watch])).toContain('secrets.TROVE_WATCHLIST');
    expect(watch).toBeLessThan(steps.findIndex((s) => s.run === 'npm run build'));
  });

  it('turns Astro telemetry off for every step', async () => {
    expect((await workflow()).env?.ASTRO_TELEMETRY_DISABLED).toBe('1');
  });

  it('sets CI for every step, so the audit prints no text it found', async () => {
    expect((await workflow()).env?.CI).toBe('true');
  });

  it('uploads nothing from the working folder: the audit report quotes what the audit found', async () => {
    const steps = (await workflow()).jobs.build.steps;
    const uploads = steps.filter(
      (s) => /upload-artifact|upload-pages-artifact/.test(s.uses ?? '') || /\bgh\b.*\bupload\b|curl\b.*-(T|F|-data)/.test(s.run ?? ''),
    );
    expect(uploads.map((s) => s.uses)).toEqual(['actions/upload-pages-artifact@v3']);
    for (const step of steps) {
      expect(JSON.stringify(step), step.name ?? step.uses ?? step.run).not.toMatch(/audit-report/);
    }
    expect(steps.find((s) => s.uses === 'actions/upload-pages-artifact@v3')?.with?.path).toBe('dist');
  });
});
