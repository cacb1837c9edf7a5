/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser),
 * with the flags that keep it from calling home on a closed network.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {}
  }
  throw new Error('Chromium is not installed: run `apt-get install -y chromium` (.ci/run does this)');
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface RequestLog {
  requests: string[];
  failed: string[];
  /** Content-Security-Policy violations and script errors reported by the page. */
  errors: string[];
}

/** Records every request a page makes, every one that failed, and CSP violations or script errors. */
export function recordRequests(page: Page): RequestLog {
  const log: RequestLog = { requests: [], failed: [], errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r: Request) => log.requests.push(r.url()));
  page.on('requestfailed', (r: Request) => log.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) log.failed.push(`${r.url()} (HTTP ${r.status()})`);
  });
  return log;
}
