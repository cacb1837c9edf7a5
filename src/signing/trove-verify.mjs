#!/usr/bin/env node
// Trove copy verifier. Checks a copy of a Trove site (a folder, or a live
// mirror over HTTP(S)) against its manifest and the publisher's Ed25519
// signature. Self-contained: needs only Node.js 18 or newer, so a mirror
// operator can run it from the copy itself:
//
//   node trove-verify.mjs <folder or URL> --fingerprint "<publisher's fingerprint>"
//   node trove-verify.mjs <folder or URL> --key <ed25519:<base64> or a file holding it>
//
// Authenticity needs the publisher's key pinned from outside the copy
// (--fingerprint or --key): a forger who alters a copy can re-sign it with
// their own key and name that key in the manifest. `npm run verify` in a
// Trove project pins the publicKey of its content/site.yml (TROVE_CONTENT)
// when neither is given. Without a pinned key the files and the signature
// are still checked, against the key the copy names itself, and the signer
// is reported as not verified.
//
// Exit status: 0 the copy is complete, unaltered and signed by the pinned
// key; 1 files are missing, altered or extra; 2 the signature is invalid or
// made by another key than the pinned one; 3 the manifest is not signed;
// 4 the manifest could not be read; 5 the files match and the signature
// holds, but no key was pinned, so the signer is NOT verified; 6 the command
// line is wrong (e.g. a fingerprint that is not the full fingerprint). Files
// are checked even when the signature fails, and both are reported.
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { createReadStream, readFileSync, realpathSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MANIFEST = 'trove-manifest.json';
export const SIGNATURE = 'trove-manifest.json.sig';
export const MANIFEST_FORMAT = 'trove-manifest-1';
/** The site's HTTP headers in the format Netlify and Cloudflare Pages read. */
export const HEADERS_FILE = '_headers';
/**
 * Files a host may read as its own configuration and then not serve. Their
 * absence is expected, over HTTP and in a folder copied from such a host
 * (`wget --mirror` gets a 404); when present they must match the manifest
 * like any other file.
 */
export const HOST_CONFIG_FILES = [HEADERS_FILE];

/** Exit codes, by what went wrong. */
export const EXIT = { ok: 0, files: 1, badSignature: 2, unsigned: 3, unreadable: 4, unverifiedSigner: 5, usage: 6 };

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

/** A mistake in what the verifier was asked to do (exit status 6). */
export class UsageError extends Error {}

/** Hex digits in a full fingerprint. */
export const FINGERPRINT_DIGITS = 32;

/**
 * A fingerprint as typed or pasted, in the form `fingerprint()` prints it.
 * Case, spaces, colons and dashes do not matter; every digit does: a
 * partial fingerprint would let a forger match it with a key of their own.
 * @param {string} text
 * @returns {string}
 * @throws {UsageError} when it is not exactly one full fingerprint
 */
export function parseFingerprint(text) {
  const digits = String(text ?? '')
    .replace(/[\s:-]+/g, '')
    .toUpperCase();
  const wrong = digits.replace(/[0-9A-F]/g, '');
  if (wrong) {
    throw new UsageError(
      `the fingerprint "${text}" has characters that are not hex digits (${[...new Set(wrong)].join(' ')}); ` +
        `give the full fingerprint the publisher announces: ${FINGERPRINT_DIGITS} hex digits, such as "ABCD 1234 …" in 8 groups of four`,
    );
  }
  if (digits.length !== FINGERPRINT_DIGITS) {
    throw new UsageError(
      `the fingerprint "${text}" has ${digits.length} hex digits, not ${FINGERPRINT_DIGITS}; ` +
        'give the full fingerprint the publisher announces (8 groups of four), not a part of it',
    );
  }
  return digits.match(/.{4}/g).join(' ');
}

/**
 * The raw key in a `--key` argument: `ed25519:<base64>`, or a file holding
 * one (a key file, a site.yml with its publicKey line, or a PEM public key).
 * @param {string} text
 * @returns {Promise<Buffer>}
 */
async function keyArgument(text) {
  if (/^\s*ed25519:/.test(String(text))) {
    try {
      return parsePublicKey(text);
    } catch (e) {
      throw new UsageError(`--key: ${e.message}`);
    }
  }
  let content;
  try {
    content = await readFile(String(text), 'utf8');
  } catch (e) {
    throw new UsageError(`--key "${text}" is neither a public key ("ed25519:" and 44 base64 characters) nor a readable file (${e.code ?? e.message})`);
  }
  const written = /ed25519:[A-Za-z0-9+/]{43}=/.exec(content);
  if (written) return parsePublicKey(written[0]);
  if (content.includes('-----BEGIN PUBLIC KEY-----')) {
    try {
      const key = createPublicKey(content);
      if (key.asymmetricKeyType === 'ed25519') return key.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
    } catch {
      // reported below
    }
  }
  throw new UsageError(`--key: the file ${text} holds no Ed25519 public key ("ed25519:<base64>" or a PEM public key)`);
}

/**
 * The publisher's key a copy must be signed with, from the options, or
 * undefined when none is pinned.
 * @param {{ fingerprint?: string, key?: string, pinnedBy?: string }} options
 * @returns {Promise<{ raw?: Buffer, fingerprint: string, origin: string } | undefined>}
 */
export async function pinnedKey(options) {
  const byFingerprint = options.fingerprint !== undefined ? parseFingerprint(options.fingerprint) : undefined;
  if (options.key === undefined) {
    return byFingerprint && { fingerprint: byFingerprint, origin: options.pinnedBy ?? 'the fingerprint you gave' };
  }
  let raw;
  try {
    raw = await keyArgument(options.key);
  } catch (e) {
    throw options.pinnedBy && e instanceof UsageError ? new UsageError(`${options.pinnedBy}: ${e.message.replace(/^--key:? /, '')}`) : e;
  }
  const fp = fingerprint(raw);
  if (byFingerprint && byFingerprint !== fp) {
    throw new UsageError(`the key you gave has fingerprint ${fp}, not the fingerprint you gave (${byFingerprint}); give one of them, or both of the same key`);
  }
  return { raw, fingerprint: fp, origin: options.pinnedBy ?? 'the key you gave' };
}

/**
 * When run by `npm run verify` in a Trove project (this file is that
 * project's src/signing/trove-verify.mjs, or public/trove-verify.mjs which
 * links to it), the publicKey of its content/site.yml
 * (or TROVE_CONTENT/site.yml): the key the project publishes with, pinned
 * from outside the copy. Undefined elsewhere, e.g. when run from a copy.
 * @returns {{ key: string, pinnedBy: string } | undefined}
 */
export function projectKey(env = process.env) {
  const packageJson = env.npm_package_json;
  if (env.npm_lifecycle_event !== 'verify' || !packageJson) return undefined;
  const self = realPath(fileURLToPath(import.meta.url));
  if (!self || self !== realPath(path.join(path.dirname(packageJson), 'src', 'signing', 'trove-verify.mjs'))) return undefined;
  return siteKey(path.resolve(env.TROVE_CONTENT ?? 'content', 'site.yml'));
}

/**
 * The publicKey line of a site.yml, as `verifyCopy` options, or undefined
 * when the file or the line is absent.
 * @param {string} siteFile
 * @returns {{ key: string, pinnedBy: string } | undefined}
 */
export function siteKey(siteFile) {
  let text;
  try {
    text = readFileSync(siteFile, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^publicKey\s*:/.test(l));
  if (at === -1) return undefined;
  const relative = path.relative(process.cwd(), siteFile);
  const shown = relative && !relative.startsWith('..') ? relative : siteFile;
  const value = /^publicKey\s*:\s*(["']?)(.*?)\1\s*(#.*)?$/.exec(lines[at]);
  return { key: value?.[2] ?? '', pinnedBy: `publicKey in ${shown}:${at + 1}` };
}

/**
 * @param {string} p
 * @returns {string | undefined} the path with every link resolved, or undefined when it does not exist
 */
function realPath(p) {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

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
        .map((e) =>
          path
            .relative(root, path.join(e.parentPath ?? e.path, e.name))
            .split(path.sep)
            .join('/'),
        );
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
 * Whose signature the manifest carries, and whether it holds. With a pinned
 * key, only that key counts. Without one, the key the manifest names is
 * used, which proves only that the copy is as its signer left it: anyone
 * can name their own key ('unverified').
 * @param {Buffer} manifestBytes
 * @param {{ publicKey?: string }} manifest
 * @param {string | undefined} signatureText
 * @param {{ raw?: Buffer, fingerprint: string, origin: string } | undefined} pin
 * @returns {{ state: 'valid' | 'unverified' | 'invalid' | 'absent' | 'wrong-key', detail: string, fingerprint?: string }}
 */
export function checkSignature(manifestBytes, manifest, signatureText, pin) {
  if (!signatureText) {
    return { state: 'absent', detail: `the manifest is not signed (no ${SIGNATURE}): the copy cannot be traced to the publisher` };
  }
  let named;
  let namedProblem;
  if (manifest.publicKey) {
    try {
      named = parsePublicKey(manifest.publicKey);
    } catch (e) {
      namedProblem = e.message;
    }
  }
  const namedFp = named && fingerprint(named);
  if (pin) {
    const publisher = `the publisher's key ${pin.fingerprint} (${pin.origin})`;
    const raw = pin.raw ?? (namedFp === pin.fingerprint ? named : undefined);
    if (!raw) {
      return {
        state: 'wrong-key',
        fingerprint: namedFp,
        detail: named
          ? `made with key ${namedFp}, which the copy names, not ${publisher}: this copy was not signed by the publisher`
          : `the copy names no usable key${namedProblem ? ` (${namedProblem})` : ''}, so it cannot be checked against ${publisher}; pass the publisher's key itself with --key`,
      };
    }
    if (signatureIsValid(manifestBytes, signatureText, raw)) {
      return { state: 'valid', fingerprint: pin.fingerprint, detail: `valid, made with ${publisher}` };
    }
    if (named && !named.equals(raw)) {
      return {
        state: 'wrong-key',
        fingerprint: namedFp,
        detail: `the copy names key ${namedFp}, not ${publisher}, and the signature does not hold for the publisher's key: this copy was not signed by the publisher`,
      };
    }
    return {
      state: 'invalid',
      fingerprint: pin.fingerprint,
      detail: `INVALID for ${publisher}: the manifest was changed after it was signed, or signed with another key`,
    };
  }
  if (!named) {
    return {
      state: 'invalid',
      detail: namedProblem ?? "the manifest is signed but names no public key; pass the publisher's key with --key",
    };
  }
  if (!signatureIsValid(manifestBytes, signatureText, named)) {
    return {
      state: 'invalid',
      fingerprint: namedFp,
      detail: `INVALID for key ${namedFp}: the manifest was changed after it was signed, or signed with another key`,
    };
  }
  return {
    state: 'unverified',
    fingerprint: namedFp,
    detail:
      `signed by a key this copy names itself, fingerprint ${namedFp}; the signer is NOT verified: ` +
      "compare it with the publisher's fingerprint from an independent source, or pass --fingerprint",
  };
}

/**
 * Verifies a copy. Returns the findings; does not print.
 * @param {string} target folder or http(s) URL
 * @param {{ fingerprint?: string, key?: string, pinnedBy?: string, concurrency?: number, progress?: NodeJS.WritableStream }} [options]
 *   `fingerprint` / `key`: the publisher's key, pinned from outside the copy; `pinnedBy`: where it came from, for the report
 */
export async function verifyCopy(target, options = {}) {
  let pin;
  try {
    pin = await pinnedKey(options);
  } catch (e) {
    if (e instanceof UsageError) return { exit: EXIT.usage, error: e.message };
    throw e;
  }
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
  const signature = checkSignature(manifestBytes, manifest, signatureText, pin);

  // The files.
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const missing = [];
  const altered = [];
  const absentConfig = [];
  const progress = progressReporter(listed.size, options.progress ?? process.stderr);
  const queue = [...listed.values()];
  const workers = Array.from({ length: options.concurrency ?? (source.kind === 'http' ? 8 : 4) }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const found = await source.hash(f.path);
      if (!found && HOST_CONFIG_FILES.includes(f.path)) absentConfig.push(f.path);
      else if (!found) missing.push(f.path);
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
      : signature.state === 'unverified'
        ? EXIT.unverifiedSigner
        : signature.state === 'absent'
          ? EXIT.unsigned
          : EXIT.badSignature;
  return { exit, manifest, source: source.kind, where: source.where, signature, checked: listed.size, missing, altered, extra, absentConfig };
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
  const absentConfig = result.absentConfig ?? [];
  const ok = result.checked - result.missing.length - result.altered.length - absentConfig.length;
  say(
    `Files: ${result.checked} listed; ${ok} unaltered, ${result.altered.length} altered, ${result.missing.length} missing, ` +
      (result.extra ? `${result.extra.length} extra` : 'extra files not checked (a web server does not list its files)'),
  );
  for (const a of result.altered) say(`  ALTERED  ${a.path}`);
  for (const p of result.missing) say(`  MISSING  ${p}`);
  for (const p of result.extra ?? []) say(`  EXTRA    ${p}`);
  for (const p of absentConfig) say(`  not served: ${p} (a host reads it as configuration and does not serve it)`);
  const verdicts = {
    [EXIT.ok]: "OK: the copy is complete, unaltered and signed with the publisher's key.",
    [EXIT.files]: 'FAILED: the files do not match the manifest.',
    [EXIT.badSignature]: 'FAILED: the files match the manifest, but the signature does not hold.',
    [EXIT.unsigned]: 'UNSIGNED: the files match the manifest, but nothing proves who made it.',
    [EXIT.unverifiedSigner]:
      'SIGNER NOT VERIFIED: the files match the manifest and its signature holds, but for a key the copy names itself, which anyone can do. ' +
      'Run again with --fingerprint "<the publisher\'s fingerprint>" to check that the publisher signed it.',
  };
  say(verdicts[result.exit]);
}

function parseArgs(argv) {
  const options = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--fingerprint' || a === '--key') {
      if (i + 1 >= argv.length) return { options, target: rest[0], problem: `${a} needs a value` };
      options[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--fingerprint=') || a.startsWith('--key=')) {
      options[a.slice(2, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    } else if (a === '--help' || a === '-h') options.help = true;
    else if (a.startsWith('-')) return { options, target: rest[0], problem: `unknown option ${a}` };
    else rest.push(a);
  }
  if (rest.length > 1) return { options, target: rest[0], problem: `one folder or URL at a time (got ${rest.length})` };
  return { options, target: rest[0] };
}

async function main() {
  const { options, target, problem } = parseArgs(process.argv.slice(2));
  if (options.help || !target || problem) {
    if (problem) process.stdout.write(`trove-verify: ${problem}\n`);
    process.stdout.write(
      'usage: node trove-verify.mjs <folder or URL> --fingerprint "<publisher\'s fingerprint>"\n' +
        '       node trove-verify.mjs <folder or URL> --key <ed25519:<base64> or a file holding it>\n' +
        "Checks a copy of a Trove site against its manifest and the publisher's signature.\n" +
        'Without --fingerprint or --key, the signature is checked against the key the copy names itself,\n' +
        "which does not prove who signed it (`npm run verify` in a Trove project uses content/site.yml's publicKey).\n" +
        'Exit: 0 ok, 1 files differ, 2 bad signature or another key, 3 unsigned, 4 manifest unreadable,\n' +
        '      5 files and signature hold but the signer is not verified (no key pinned), 6 wrong command line.\n',
    );
    process.exitCode = options.help && target && !problem ? 0 : EXIT.usage;
    return;
  }
  if (options.fingerprint === undefined && options.key === undefined) Object.assign(options, projectKey());
  try {
    const result = await verifyCopy(target, options);
    report(result);
    process.exitCode = result.exit;
  } catch (e) {
    process.stdout.write(`trove-verify: ${e.message}\n`);
    process.exitCode = EXIT.unreadable;
  }
}

// Compared by real path: the project's public/trove-verify.mjs, which `npm run verify` may run, is a link to this file.
if (process.argv[1] && realPath(process.argv[1]) === realPath(fileURLToPath(import.meta.url))) await main();
