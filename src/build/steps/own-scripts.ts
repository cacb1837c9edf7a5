/**
 * Trove's own inline scripts: the files of src/page-scripts/, which pages
 * include verbatim (`import … from '…?raw'` with `set:html`). The policy
 * allows exactly these texts by hash, computed from the files themselves,
 * never from what a built page happens to carry: an inline script that
 * reached a page any other way (an e-mail's HTML, a story) does not run.
 *
 * Hashes rather than external script files: a copy opened from disk
 * (file://) must still run them, and what 'self' matches on a file:// page
 * differs between browsers.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_SCRIPTS = new URL('../../page-scripts/', import.meta.url);

/**
 * A CSP hash source for an inline element's text, as the browser computes
 * it: over the text after the HTML parser has normalized line breaks
 * (CR LF and CR become LF) and replaced NUL in raw text with U+FFFD.
 */
export function hashSource(text: string): string {
  const parsed = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  return `'sha256-${createHash('sha256').update(parsed, 'utf8').digest('base64')}'`;
}

let hashes: string[] | undefined;

/** The hash sources of every script in src/page-scripts/, sorted. */
export function ownScriptHashes(): string[] {
  hashes ??= readdirSync(PAGE_SCRIPTS)
    .filter((name) => name.endsWith('.js'))
    .map((name) => hashSource(readFileSync(new URL(name, PAGE_SCRIPTS), 'utf8')))
    .sort();
  return hashes;
}
