#!/usr/bin/env node
// Trove copy verifier. Checks a copy of a Trove site (a folder, or a live
// mirror over HTTP(S)) against its manifest and the publisher's Ed25519
// signature. Self-contained: needs only Node.js 18 or newer, so a mirror
// operator can run it from the copy itself:
//
//   node trove-verify.mjs <folder or URL> [--fingerprint <hex>] [--key ed25519:<base64>]
//
// Exit status: 0 the copy is complete, unaltered and signed by the key;
// 1 files are missing, altered or extra; 2 the signature is invalid or made
// by another key; 3 the manifest is not signed; 4 the manifest could not be
// read. Files are checked even when the signature fails, and both are
// reported.
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MANIFEST = 'trove-manifest.json';
export const SIGNATURE = 'trove-manifest.json.sig';
export const MANIFEST_FORMAT = 'trove-manifest-1';

/** Exit codes, by what went wrong. */
export const EXIT = { ok: 0, files: 1, badSignature: 2, unsigned: 3, unreadable: 4 };

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Parses a public key written `ed25519:<base64 of the 32-byte key>`.
 * @param {string} text
 * @returns {Buffer} the raw 32-byte key
 */
export function parsePublicKey(text) {
  const match = /^ed25519:([A-Za-z0-9+/=]+)$/.exec(String(text).trim());
  const raw = match ? Buffer.from(match[1], 'base64') : undefined;
  if (!raw || raw.length !== 32) throw new Error(`not an Ed25519 public key (expected "ed25519:" and 44 base64 characters): ${text}`);
  return raw;
}

/**
 * @param {Buffer} raw the 32-byte key
 * @returns {string} `ed25519:<base64>`
 */
export function formatPublicKey(raw) {
  return `ed25519:${Buffer.from(raw).toString('base64')}`;
}

/**
 * The fingerprint people compare: SHA-256 of the raw key, first 32 hex
 * digits, in groups of four.
 * @param {Buffer} raw
 */
export function fingerprint(raw) {
  const hex = createHash('sha256').update(raw).digest('hex').slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g).join(' ');
}

/** @param {Buffer} raw */
function keyObject(raw) {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/**
 * Checks a detached signature (base64 text) of the manifest bytes.
 * @param {Buffer} manifestBytes
 * @param {string} signatureText
 * @param {Buffer} rawKey
 */
export function signatureIsValid(manifestBytes, signatureText, rawKey) {
  const signature = Buffer.from(String(signatureText).trim(), 'base64');
  if (signature.length !== 64) return false;
  return verifySignature(null, manifestBytes, keyObject(rawKey), signature);
}

const normalizeFingerprint = (f) => String(f).replace(/[^0-9a-f]/gi, '').toUpperCase();

/** A source of files: a folder or a base URL. */
function sourceFor(target) {
  if (/^https?:\/\//i.test(target)) {
    const base = target.endsWith('/') ? target : `${target}/`;
    const url = (p) => new URL(p.split('/').map(encodeURIComponent).join('/'), base);
    return {
      kind: 'http',
      where: base,
      async read(p) {
        const res = await fetch(url(p), { redirect: 'follow' });
        if (res.status === 404 || res.status === 410) return undefined;
        if (!res.ok) throw new Error(`HTTP ${res.status} for ${url(p)}`);
        return Buffer.from(await res.arrayBuffer());
      },
      async hash(p) {
        const res = await fetch(url(p), { redirect: 'follow' });
        if (res.status === 404 || res.status === 410) return undefined;
        if (!res.ok) throw new Error(`HTTP ${res.status} for ${url(p)}`);
        const h = createHash('sha256');
        let size = 0;
        for await (const chunk of res.body) {
          h.update(chunk);
          size += chunk.length;
        }
        return { sha256: h.digest('hex'), size };
      },
      async list() {
        return undefined; // a web server does not list its files
      },
    };
  }
  const root = path.resolve(target);
  const inside = (p) => {
    const full = path.resolve(root, p);
    if (full !== root && !full.startsWith(root + path.sep)) throw new Error(`the manifest names a path outside the folder: ${p}`);
    return full;
  };
  return {
    kind: 'folder',
    where: root,
    async read(p) {
      return readFile(inside(p)).catch((e) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    },
    async hash(p) {
      const full = inside(p);
      const info = await stat(full).catch((e) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
      if (!info || !info.isFile()) return undefined;
      const h = createHash('sha256');
      for await (const chunk of createReadStream(full)) h.update(chunk);
      return { sha256: h.digest('hex'), size: info.size };
    },
    async list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'));
    },
  };
}

/** Progress on a terminal (one redrawn line) or, elsewhere, a plain line every 10 s. */
function progressReporter(total, out) {
  const started = Date.now();
  const tty = Boolean(out.isTTY) && !process.env.CI;
  let last = started;
  let done = 0;
  return {
    tick() {
      done++;
      const now = Date.now();
      if (total < 200 || (now - last < (tty ? 200 : 10_000) && done < total)) return;
      last = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const left = Math.round((total - done) / Math.max(rate, 0.001));
      const line = `checked ${done}/${total} files (${Math.floor((done / total) * 100)}%), ${rate.toFixed(0)} files/s, ${left} s left`;
      out.write(tty ? `\r${line}` : `${line}\n`);
    },
    finish() {
      if (tty && total >= 200) out.write('\n');
    },
  };
}

/**
 * Verifies a copy. Returns the findings; does not print.
 * @param {string} target folder or http(s) URL
 * @param {{ fingerprint?: string, key?: string, concurrency?: number, progress?: NodeJS.WritableStream }} [options]
 */
export async function verifyCopy(target, options = {}) {
  const source = sourceFor(target);
  const manifestBytes = await source.read(MANIFEST);
  if (!manifestBytes) return { exit: EXIT.unreadable, error: `no ${MANIFEST} in ${source.where}` };
  let manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch (e) {
    return { exit: EXIT.unreadable, error: `${MANIFEST} is not valid JSON: ${e.message}` };
  }
  if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files)) {
    return { exit: EXIT.unreadable, error: `${MANIFEST} is not a ${MANIFEST_FORMAT} manifest` };
  }

  // The signature: which key, and does it hold?
  const signatureText = (await source.read(SIGNATURE))?.toString('utf8');
  let keyText = options.key ?? manifest.publicKey ?? undefined;
  /** @type {{ state: 'valid' | 'invalid' | 'absent' | 'wrong-key', detail: string, fingerprint?: string }} */
  let signature;
  if (!signatureText) {
    signature = { state: 'absent', detail: `the manifest is not signed (no ${SIGNATURE}): the copy cannot be traced to the publisher` };
  } else if (!keyText) {
    signature = { state: 'invalid', detail: 'the manifest is signed but names no public key; pass the publisher\'s key with --key' };
  } else {
    let raw;
    try {
      raw = parsePublicKey(keyText);
    } catch (e) {
      raw = undefined;
      signature = { state: 'invalid', detail: e.message };
    }
    if (raw) {
      const fp = fingerprint(raw);
      if (options.fingerprint && normalizeFingerprint(options.fingerprint) !== normalizeFingerprint(fp).slice(0, normalizeFingerprint(options.fingerprint).length)) {
        signature = { state: 'wrong-key', fingerprint: fp, detail: `the manifest names key ${fp}, not the fingerprint you gave (${options.fingerprint})` };
      } else if (signatureIsValid(manifestBytes, signatureText, raw)) {
        signature = {
          state: 'valid',
          fingerprint: fp,
          detail: `valid, made with key ${fp}${options.fingerprint || options.key ? ' (the key you gave)' : ' (named in the manifest: compare this fingerprint with the one the publisher announces)'}`,
        };
      } else {
        signature = { state: 'invalid', fingerprint: fp, detail: `INVALID for key ${fp}: the manifest was changed after it was signed, or signed with another key` };
      }
    }
  }

  // The files.
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const missing = [];
  const altered = [];
  const progress = progressReporter(listed.size, options.progress ?? process.stderr);
  const queue = [...listed.values()];
  const workers = Array.from({ length: options.concurrency ?? (source.kind === 'http' ? 8 : 4) }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const found = await source.hash(f.path);
      if (!found) missing.push(f.path);
      else if (found.sha256 !== f.sha256 || found.size !== f.size) altered.push({ path: f.path, expected: f.sha256, found: found.sha256 });
      progress.tick();
    }
  });
  await Promise.all(workers);
  progress.finish();
  const all = await source.list();
  const allowed = new Set([MANIFEST, SIGNATURE, manifest.kit?.archive, manifest.kit?.torrent].filter(Boolean));
  const extra = all ? all.filter((p) => !listed.has(p) && !allowed.has(p)).sort() : undefined;
  missing.sort();
  altered.sort((a, b) => a.path.localeCompare(b.path));

  const filesOk = missing.length === 0 && altered.length === 0 && (extra?.length ?? 0) === 0;
  const exit = !filesOk
    ? EXIT.files
    : signature.state === 'valid'
      ? EXIT.ok
      : signature.state === 'absent'
        ? EXIT.unsigned
        : EXIT.badSignature;
  return { exit, manifest, source: source.kind, where: source.where, signature, checked: listed.size, missing, altered, extra };
}

/** Prints a report of `verifyCopy`'s result. */
export function report(result, out = process.stdout) {
  const say = (line) => out.write(`${line}\n`);
  if (result.error) {
    say(`trove-verify: ${result.error}`);
    return;
  }
  const m = result.manifest;
  say(`Copy: ${result.where}`);
  say(`Site: ${m.site?.title ?? '?'}${m.site?.url ? ` (${m.site.url})` : ''}, built ${m.builtAt} with Trove ${m.troveVersion}`);
  say(`Signature: ${result.signature.detail}`);
  const ok = result.checked - result.missing.length - result.altered.length;
  say(
    `Files: ${result.checked} listed; ${ok} unaltered, ${result.altered.length} altered, ${result.missing.length} missing, ` +
      (result.extra ? `${result.extra.length} extra` : 'extra files not checked (a web server does not list its files)'),
  );
  for (const a of result.altered) say(`  ALTERED  ${a.path}`);
  for (const p of result.missing) say(`  MISSING  ${p}`);
  for (const p of result.extra ?? []) say(`  EXTRA    ${p}`);
  const verdicts = {
    [EXIT.ok]: 'OK: the copy is complete, unaltered and signed.',
    [EXIT.files]: 'FAILED: the files do not match the manifest.',
    [EXIT.badSignature]: 'FAILED: the files match the manifest, but the signature does not hold.',
    [EXIT.unsigned]: 'UNSIGNED: the files match the manifest, but nothing proves who made it.',
  };
  say(verdicts[result.exit]);
}

function parseArgs(argv) {
  const options = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--fingerprint' || a === '--key') options[a.slice(2)] = argv[++i];
    else if (a === '--help' || a === '-h') options.help = true;
    else rest.push(a);
  }
  return { options, target: rest[0] };
}

async function main() {
  const { options, target } = parseArgs(process.argv.slice(2));
  if (options.help || !target) {
    process.stdout.write(
      'usage: node trove-verify.mjs <folder or URL> [--fingerprint <hex>] [--key ed25519:<base64>]\n' +
        'Checks a copy of a Trove site against its manifest and the publisher\'s signature.\n' +
        'Exit: 0 ok, 1 files differ, 2 bad signature or other key, 3 unsigned, 4 manifest unreadable.\n',
    );
    process.exitCode = target ? 0 : 4;
    return;
  }
  try {
    const result = await verifyCopy(target, options);
    report(result);
    process.exitCode = result.exit;
  } catch (e) {
    process.stdout.write(`trove-verify: ${e.message}\n`);
    process.exitCode = EXIT.unreadable;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
