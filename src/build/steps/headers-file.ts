/**
 * `_headers`: the page protections as real HTTP headers, in the format
 * Netlify and Cloudflare Pages read (they apply it and do not serve it).
 * A `<meta>` policy cannot set `frame-ancestors` (no framing of the site by
 * another one) and only covers HTML pages; a header also covers every
 * other file opened on its own (an SVG, a download). Chromium's PDF viewer
 * works under this policy. Other servers: see docs/deploying.md.
 *
 * The embeddable views (`embed/`) are the one folder another site may
 * frame. Hosts merge every rule that matches a path, so no rule may match
 * both: instead of `/*`, the file has one rule per top-level file and
 * folder of the site, all alike and first (nginx takes them from the first
 * rule), then the rule of `embed/`.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HEADERS_FILE } from '../../signing/trove-verify.mjs';
import { EMBED_ROOT } from '../../lib/urls.ts';

const COMMON: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
];

/** Response headers for every file of the site but the embeddable views, `policy` being valid for every page. */
function siteHeaders(policy: string): [string, string][] {
  return [
    ['Content-Security-Policy', `${policy}; frame-ancestors 'none'`],
    ...COMMON,
    // For browsers that predate frame-ancestors.
    ['X-Frame-Options', 'DENY'],
  ];
}

/** The embeddable views: the same, but any site may frame them. */
function embedHeaders(policy: string): [string, string][] {
  return [['Content-Security-Policy', `${policy}; frame-ancestors *`], ...COMMON];
}

const block = (pattern: string, headers: [string, string][]) => `${pattern}\n${headers.map(([name, value]) => `  ${name}: ${value}`).join('\n')}\n`;

/** The file's text for a site whose top level holds `entries` (folders end with `/`). */
export function headersFileText(policy: string, entries: string[]): string {
  const embed = `/${EMBED_ROOT}*`;
  const patterns = ['/', ...entries.filter((e) => e !== EMBED_ROOT && e !== HEADERS_FILE).map((e) => (e.endsWith('/') ? `/${e}*` : `/${e}`))];
  return [
    `# HTTP headers for hosts that read this file (Netlify, Cloudflare Pages); written by Trove's build.\n# Every file but the embeddable views (${embed}) may not be framed by another site.`,
    ...patterns.map((p) => block(p, siteHeaders(policy))),
    block(embed, embedHeaders(policy)),
  ].join('\n');
}

export async function writeHeadersFile(outDir: string, policy: string): Promise<void> {
  const entries = (await readdir(outDir, { withFileTypes: true })).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  await writeFile(path.join(outDir, HEADERS_FILE), headersFileText(policy, entries));
}
