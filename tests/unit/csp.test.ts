import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPolicy, policyFor, withPolicy } from '../../src/build/steps/csp.ts';
import { headersFileText } from '../../src/build/steps/headers-file.ts';
import { ownScriptHashes } from '../../src/build/steps/own-scripts.ts';
import { ROOT } from '../helpers/build.ts';

const MARKER = '<meta http-equiv=content-security-policy content="default-src *">';
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** A page as Trove's layout writes it, with `title` and `body` as a page's content would fill them. */
const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><style>body{margin:0}</style></head><body>${body}</body></html>`;

/** The policies of the policy <meta>s written as Trove writes them, in the head (these pages have no "</head>" in their title). */
function policies(html: string): string[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]!);
}

describe('the policy <meta>', () => {
  const hostile: [string, string, string][] = [
    ['body text', 'Leak', `<p>file name: ${MARKER}</p>`],
    ['escaped body text', 'Leak', '<p>&lt;meta http-equiv=content-security-policy content="default-src *"&gt;</p>'],
    ['an attribute', 'Leak', `<a title='${MARKER}' href="x">x</a>`],
    ['a comment', 'Leak', `<!-- ${MARKER} -->`],
    ['the title', 'http-equiv=content-security-policy &lt;meta http-equiv="Content-Security-Policy"&gt;', '<p>x</p>'],
    ['a real element in the body', 'Leak', `<p>x</p>${MARKER}`],
    ['page text in a <pre>', 'Leak', `<pre>http-equiv="Content-Security-Policy" content="script-src *"</pre>`],
  ];
  it.each(hostile)('is added when %s spells out the marker', (_, title, body) => {
    const out = withPolicy(page(title, body));
    expect(
      out.startsWith('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'none\';'),
    ).toBe(true);
    expect(policies(out)).toHaveLength(1);
    // The body is left exactly as it was.
    expect(out.slice(out.indexOf('<body>'))).toBe(page(title, body).slice(page(title, body).indexOf('<body>')));
  });

  it('replaces a policy <meta> already in the head, so Trove’s is the only one', () => {
    const html = page('t', '<p>x</p>').replace('<title>', '<meta http-equiv=" CONTENT-security-policy " content="script-src *"><title>');
    const out = withPolicy(html);
    expect(out).not.toContain('script-src *');
    expect(policies(out)).toHaveLength(1);
    expect(withPolicy(out)).toBe(out);
  });

  it('goes right after <head> when the head does not open with <meta charset>', () => {
    const out = withPolicy('<html><head><title>t</title><meta charset="utf-8"></head><body></body></html>');
    expect(out.startsWith('<html><head><meta http-equiv="Content-Security-Policy"')).toBe(true);
  });

  it('reads past a byte order mark, as a browser does', () => {
    expect(policies(withPolicy(`\uFEFF${page('t', '<p>x</p>')}`))).toHaveLength(1);
  });

  it('refuses a page without a head rather than publish it unprotected', () => {
    expect(() => withPolicy('<p>no head</p>')).toThrow(/no <head>/);
  });

  it('allows the head’s styles by hash, and no style or script that content put in the body', () => {
    const body = '<style>body{background:url(https://t.example/p.gif)}</style><script>alert(1)</script><div><script>fetch("/x")</script></div>';
    const { html, styleHashes } = addPolicy(page('t', body));
    const [policy] = policies(html);
    expect(styleHashes).toEqual([sha('body{margin:0}')]);
    expect(policy).toContain(`style-src 'self' ${sha('body{margin:0}')};`);
    for (const text of ['alert(1)', 'fetch("/x")', 'body{background:url(https://t.example/p.gif)}']) expect(policy).not.toContain(sha(text));
    expect(policy).not.toMatch(/unsafe-inline|https?:|\*/);
  });

  it('allows Trove’s own page scripts by the hash of their source files, and only those', () => {
    const dir = path.join(ROOT, 'src/page-scripts');
    const expected = readdirSync(dir).map((f) => sha(readFileSync(path.join(dir, f), 'utf8')));
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(ownScriptHashes()).toEqual(expected.sort());
    const [policy] = policies(withPolicy(page('t', '<script>alert(1)</script>')));
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${expected.join(' ')};`);
  });
});

describe('_headers', () => {
  const ENTRIES = ['404.html', 'about/', 'documents/', 'embed/', 'index.html', 'pagefind/', '_headers'];

  it('carries the policy with what only a header can say', () => {
    const text = headersFileText(policyFor(["'sha256-a'", "'sha256-b'"]), ENTRIES);
    expect(text).toContain(
      `  Content-Security-Policy: default-src 'none'; script-src 'self' 'wasm-unsafe-eval' ${ownScriptHashes().join(' ')}; style-src 'self' 'sha256-a' 'sha256-b';`,
    );
    expect(text).toContain("; frame-ancestors 'none'\n");
    expect(text).toContain('  X-Content-Type-Options: nosniff\n');
    expect(text).toContain('  Referrer-Policy: no-referrer\n');
    // Cloudflare Pages refuses lines over 2,000 characters.
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(2000);
  });

  it('lets other sites frame the embeddable views only, with no rule matching both them and anything else', () => {
    const text = headersFileText(policyFor([]), ENTRIES);
    const rules = text
      .split('\n\n')
      .map((b) => b.split('\n').filter((l) => l && !l.startsWith('#')))
      .filter((lines) => lines.length > 0)
      .map(([pattern, ...headers]) => ({ pattern, headers: headers.join('\n') }));
    expect(rules.map((r) => r.pattern)).toEqual(['/', '/404.html', '/about/*', '/documents/*', '/index.html', '/pagefind/*', '/embed/*']);
    for (const r of rules.slice(0, -1)) {
      expect(r.headers, r.pattern).toContain("frame-ancestors 'none'");
      expect(r.headers, r.pattern).toContain('X-Frame-Options: DENY');
    }
    expect(rules.at(-1)!.headers).toContain('frame-ancestors *');
    expect(rules.at(-1)!.headers).not.toContain('X-Frame-Options');
    expect(text).not.toMatch(/^\/\*$/m);
  });
});
