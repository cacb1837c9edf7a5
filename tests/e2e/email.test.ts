/**
 * A hostile e-mail in real Chromium: its page shows the message, runs none
 * of its script or handlers, and makes no request outside the site.
 */
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordRequests } from '../helpers/browser.ts';
import { buildContent, fixtureContent, tempDir } from '../helpers/build.ts';
import { EMAIL_SIDECAR, HOSTILE_EMAIL } from '../helpers/emails.ts';
import { servedSite } from '../helpers/served-site.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const site = servedSite(async () => {
  const content = path.join(await tempDir('email-e2e'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await writeFile(path.join(content, 'documents/appeals/watch-list.eml'), HOSTILE_EMAIL);
  await writeFile(path.join(content, 'documents/appeals/watch-list.md'), EMAIL_SIDECAR('Watch list e-mail'));
  return buildContent(content, 'email-e2e', { workDir: await sharedCacheWorkDir('email-e2e') });
}, '/mail/');

describe('an e-mail page', () => {
  it('shows the message with no script effect and no external request', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    await page.goto(`${site.server.url}documents/appeals/watch-list/`);
    await page.getByText('See the attached list.').waitFor({ state: 'visible' });
    await page.getByText('Regards').click();
    await page.waitForLoadState('networkidle');
    expect(await page.title()).toContain('Watch list e-mail');
    expect(await page.title()).not.toMatch(/pwned|clicked/);
    expect(log.requests.filter((u) => !u.startsWith(site.server.origin))).toEqual([]);
    expect(log.failed).toEqual([]);
    expect(log.errors).toEqual([]);
    await page.close();
  });
});
