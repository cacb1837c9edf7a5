/**
 * A hostile e-mail in real Chromium: its page shows the message, runs none
 * of its script or handlers, and makes no request outside the site.
 */
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordRequests } from '../helpers/browser.ts';
import { buildContent, fixtureContent, tempDir } from '../helpers/build.ts';
import { EMAIL_SIDECAR, HOSTILE_EMAIL } from '../helpers/emails.ts';
import { serveWithNginx, type StaticServer } from '../helpers/nginx.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  const content = path.join(await tempDir('email-e2e'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await writeFile(path.join(content, 'documents/appeals/watch-list.eml'), HOSTILE_EMAIL);
  await writeFile(path.join(content, 'documents/appeals/watch-list.md'), EMAIL_SIDECAR('Watch list e-mail'));
  const run = await buildContent(content, 'email-e2e');
  if (run.code !== 0) throw new Error(run.stderr);
  server = await serveWithNginx(run.outDir, '/mail/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an e-mail page', () => {
  it('shows the message with no script effect and no external request', async () => {
    const page = await browser.newPage();
    const log = recordRequests(page);
    await page.goto(`${server.url}documents/appeals/watch-list/`);
    await page.getByText('See the attached list.').waitFor({ state: 'visible' });
    await page.getByText('Regards').click();
    await page.waitForLoadState('networkidle');
    expect(await page.title()).toContain('Watch list e-mail');
    expect(await page.title()).not.toMatch(/pwned|clicked/);
    expect(log.requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
    expect(log.failed).toEqual([]);
    expect(log.errors).toEqual([]);
    await page.close();
  });
});
