/**
 * `_headers`: the page protections as real HTTP headers, in the format
 * Netlify and Cloudflare Pages read (they apply it and do not serve it).
 * A `<meta>` policy cannot set `frame-ancestors` (no framing of the site by
 * another one) and only covers HTML pages; a header also covers every
 * other file opened on its own (an SVG, a download). Chromium's PDF viewer
 * works under this policy. Other servers: see docs/deploying.md.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HEADERS_FILE } from '../../signing/trove-verify.mjs';

/** Response headers for every file of the site, `policy` being valid for every page. */
function siteHeaders(policy: string): [string, string][] {
  return [
    ['Content-Security-Policy', `${policy}; frame-ancestors 'none'`],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    // For browsers that predate frame-ancestors.
    ['X-Frame-Options', 'DENY'],
  ];
}

export function headersFileText(policy: string): string {
  const lines = siteHeaders(policy).map(([name, value]) => `  ${name}: ${value}`);
  return `# HTTP headers for hosts that read this file (Netlify, Cloudflare Pages); written by Trove's build.\n/*\n${lines.join('\n')}\n`;
}

export async function writeHeadersFile(outDir: string, policy: string): Promise<void> {
  await writeFile(path.join(outDir, HEADERS_FILE), headersFileText(policy));
}
