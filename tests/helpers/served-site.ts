/**
 * The set-up of a real-browser test file: build a site, serve it with nginx
 * under a path, launch Chromium; stop both after the file. Registers the
 * hooks itself; the returned object is filled in before the first test.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import type { BuildRun } from './build.ts';
import { serveWithNginx, type StaticServer } from './nginx.ts';

export interface ServedSite {
  run: BuildRun;
  server: StaticServer;
  browser: Browser;
}

export function servedSite(build: () => Promise<BuildRun>, mountPath: string): ServedSite {
  const site = {} as ServedSite;
  beforeAll(async () => {
    site.run = await build();
    if (site.run.code !== 0) throw new Error(`build failed:\n${site.run.stderr}`);
    site.server = await serveWithNginx(site.run.outDir, mountPath);
    site.browser = await launchChromium();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}
