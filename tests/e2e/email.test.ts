/**
 * A hostile e-mail in real Chromium: its page shows the message, runs none
 * of its script or handlers, and makes no request outside the site (the
 * e-mail is HOSTILE_EMAIL of tests/helpers/emails.ts, in the shared site).
 */
import { describe, expect, it } from 'vitest';
import { recordRequests } from '../helpers/browser.ts';
import { servedSite } from '../helpers/served-site.ts';
import { sharedSite } from '../helpers/shared-builds.ts';

const site = servedSite(sharedSite, '/mail/');

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
