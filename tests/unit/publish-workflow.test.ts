/**
 * The GitHub Actions workflow is not run here, so what it must contain is
 * checked as data: Office documents need LibreOffice on the runner before
 * the build, and Astro's telemetry is off for every step.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Step {
  name?: string;
  run?: string;
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
    const audit = steps.findIndex((s) => s.run === 'npm run audit');
    const build = steps.findIndex((s) => s.run === 'npm run build');
    expect(install).toBeLessThan(audit);
    expect(install).toBeLessThan(build);
  });

  it('turns Astro telemetry off for every step', async () => {
    expect((await workflow()).env?.ASTRO_TELEMETRY_DISABLED).toBe('1');
  });
});
