/**
 * Adds a strict Content-Security-Policy `<meta>` to every HTML page: the
 * site may load only its own files (scripts, styles, images, the Pagefind
 * index and its WebAssembly), plus the exact inline scripts and styles the
 * page carries, allowed by their SHA-256 hashes. Nothing from another
 * origin can load, even if a page were tampered with.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostBuildContext } from './steps.ts';

const INLINE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/gi;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function policyFor(html: string): string {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const [, tag, attrs, body] of html.matchAll(INLINE)) {
    if (tag.toLowerCase() === 'script') {
      if (/\bsrc\s*=/.test(attrs) || /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
      scripts.add(hash(body));
    } else styles.add(hash(body));
  }
  return [
    "default-src 'none'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scripts].join(' '),
    ["style-src 'self'", ...styles].join(' '),
    // data: for the search icon in Pagefind UI's stylesheet; data: URLs make no request.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function withPolicy(html: string): string {
  if (/http-equiv=["']?content-security-policy/i.test(html)) return html;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(html)}">`;
  // Right after <meta charset>, before any script or style it governs.
  const charset = /<meta charset="?[^">]*"?\s*\/?>/i.exec(html);
  if (charset) return html.slice(0, charset.index + charset[0].length) + meta + html.slice(charset.index + charset[0].length);
  return html.replace(/<head([^>]*)>/i, `<head$1>${meta}`);
}

export async function addContentSecurityPolicy({ outDir, logger }: PostBuildContext): Promise<void> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  let pages = 0;
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const file = path.join(e.parentPath, e.name);
    const html = await readFile(file, 'utf8');
    await writeFile(file, withPolicy(html));
    pages++;
  }
  logger.info(`Content-Security-Policy added to ${pages} pages`);
}
