/**
 * The Astro integration in `astro build` renders from the site data `npm run
 * build` wrote and runs no pipeline; without site data it stops, saying to
 * run `npm run build`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import trove from '../../src/integrations/trove.ts';
import { projectFolders } from '../../src/pipeline/folders.ts';
import { tempDir } from '../helpers/build.ts';

type ConfigSetup = (options: { command: string; updateConfig: (config: unknown) => void; logger: unknown }) => Promise<void>;

/** Runs the integration's config hook as `astro <command>` would; returns the Vite plugins it added. */
async function configSetup(integration: AstroIntegration, command: string): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  const setup = integration.hooks['astro:config:setup'] as unknown as ConfigSetup;
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  await setup({ command, logger, updateConfig: (config) => plugins.push(...((config as { vite: { plugins: Plugin[] } }).vite.plugins ?? [])) });
  return plugins;
}

describe('the Trove integration in astro build', () => {
  it('without site data stops, naming the missing file and saying to build with npm run build', async () => {
    const root = await tempDir('integration-no-data');
    const folders = projectFolders({ TROVE_CONTENT: 'content', TROVE_WORK: 'work' }, root);
    const setup = configSetup(trove(folders), 'build');
    await expect(setup).rejects.toThrow(path.join(root, 'work', 'site', 'site.json'));
    await expect(configSetup(trove(folders), 'build')).rejects.toThrow(/Build with `npm run build`/);
  });

  it('with site data runs no pipeline and gives pages the site data folder', async () => {
    const root = await tempDir('integration-data');
    // No content folder: a pipeline run would fail on it.
    const folders = projectFolders({ TROVE_CONTENT: 'missing-content', TROVE_WORK: 'work' }, root);
    await mkdir(folders.siteData, { recursive: true });
    await writeFile(path.join(folders.siteData, 'site.json'), '{}');
    const [data] = await configSetup(trove(folders), 'build');
    const id = (data!.resolveId as (id: string) => string)('virtual:trove/data');
    expect((data!.load as (id: string) => string)(id)).toBe(`export const dataDir = ${JSON.stringify(folders.siteData)};`);
  });
});
