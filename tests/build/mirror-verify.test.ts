/**
 * The signed manifest and the verifier, on a real build of the basic
 * fixture signed with a key made for the test: the untouched copy passes as
 * a folder and over HTTP from nginx, with the publisher's key pinned; one
 * changed byte, a deleted file, an added file and a manifest edited without
 * re-signing each fail, naming the file; a copy altered and re-signed by a
 * forger with their own key fails when the key is pinned and is never
 * called OK when it is not; fingerprints must be whole; the verifier works
 * from the copy alone with the command its MIRRORING.md gives; a key that
 * does not match site.yml fails the build; keygen prints what to paste.
 * Also the mirror kit: archive unpacked and verified, torrent web seeds.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey, createHash, sign } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import bencode from 'bencode';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fingerprint, parsePublicKey } from '../../src/signing/trove-verify.mjs';
import { siteSchema } from '../../src/schemas/site.ts';
import { generateSigningKey, loadSigningKey } from '../../src/signing/keys.ts';
import { buildContent, fixtureContent, ROOT, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import { serveWithNginx, type StaticServer } from '../helpers/nginx.ts';

const run = promisify(execFile);

interface Outcome {
  code: number;
  out: string;
}

async function node(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, CI: '1', ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

const verify = (...args: string[]) => node(['public/trove-verify.mjs', ...args]);

/** `npm run verify -- <args>` as an editor runs it in the project, with TROVE_CONTENT set. */
async function npmVerify(contentDir: string, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'verify', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', TROVE_CONTENT: contentDir },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/**
 * What a forger does: change a page, fix its checksum in the manifest, put
 * their own public key in the manifest and sign it with their private key.
 */
async function forgedCopy(forger: ReturnType<typeof generateSigningKey>): Promise<string> {
  const copy = await copyOfSite('forged');
  const page = 'documents/appeals/calvary-chapel-v-mills/index.html';
  const planted = (await readFile(path.join(copy, page), 'utf8')).replace('<h1>', '<h1>Forged: ');
  await writeFile(path.join(copy, page), planted);
  const file = path.join(copy, 'trove-manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  const entry = manifest.files.find((f: { path: string }) => f.path === page);
  entry.sha256 = createHash('sha256').update(planted).digest('hex');
  entry.size = Buffer.byteLength(planted);
  manifest.publicKey = forger.publicKey;
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
  await writeFile(file, bytes);
  await writeFile(`${file}.sig`, sign(null, bytes, createPrivateKey(forger.privatePem)).toString('base64'));
  return copy;
}

let key: ReturnType<typeof generateSigningKey>;
let keyFile: string;
let content: string;
let build: BuildRun;
let server: StaticServer;

async function copyOfSite(name: string): Promise<string> {
  const copy = path.join(await tempDir(name), 'site');
  await cp(build.outDir, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  key = generateSigningKey();
  const secrets = await tempDir('keys');
  keyFile = path.join(secrets, 'publisher.pem');
  await writeFile(keyFile, key.privatePem, { mode: 0o600 });
  content = path.join(await tempDir('signed-content'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await appendFile(
    path.join(content, 'site.yml'),
    `url: "https://publisher.example/files/"\nmirrors: ["https://mirror.example/copy/"]\npublicKey: "${key.publicKey}"\n`,
  );
  build = await buildContent(content, 'signed', { workDir: await sharedCacheWorkDir('signed') }, { TROVE_SIGNING_KEY_FILE: keyFile });
  if (build.code !== 0) throw new Error(`build failed:\n${build.stderr}`);
  server = await serveWithNginx(build.outDir, '/mirrors/deep/copy/');
});

afterAll(async () => {
  await server?.stop();
});

describe('a signed build', () => {
  it('lists every file with size and SHA-256, and the site, build time and Trove version', async () => {
    const manifest = JSON.parse(await readFile(path.join(build.outDir, 'trove-manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'trove-manifest-1',
      site: { title: expect.any(String) },
      troveVersion: expect.any(String),
      publicKey: key.publicKey,
    });
    expect(Date.parse(manifest.builtAt)).not.toBeNaN();
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths).toContain('index.html');
    expect(paths).toContain('documents/appeals/calvary-chapel-v-mills/pages/12.webp');
    expect(paths).toContain('trove-verify.mjs');
    expect(paths).toContain('MIRRORING.md');
    expect(paths.some((p: string) => p.startsWith('pagefind/'))).toBe(true);
    expect(manifest.files[0]).toMatchObject({ size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('publishes the public key and its fingerprint on the About page and in MIRRORING.md', async () => {
    const about = await readFile(path.join(build.outDir, 'about/index.html'), 'utf8');
    expect(about).toContain(key.publicKey);
    expect(about).toContain(key.fingerprint);
    const notes = await readFile(path.join(build.outDir, 'MIRRORING.md'), 'utf8');
    expect(notes).toContain(key.fingerprint);
    expect(notes).toContain(`node trove-verify.mjs . --fingerprint "${key.fingerprint}"`);
  });
});

describe('verify', () => {
  it('passes the untouched copy as a folder', async () => {
    const r = await verify(build.outDir, '--fingerprint', key.fingerprint);
    expect(r.out).toContain("OK: the copy is complete, unaltered and signed with the publisher's key.");
    expect(r.out).toContain(`valid, made with the publisher's key ${key.fingerprint} (the fingerprint you gave)`);
    expect(r.code).toBe(0);
  });

  it('passes with the key itself, or a file holding it', async () => {
    expect((await verify(build.outDir, '--key', key.publicKey)).code).toBe(0);
    const keyFile = path.join(await tempDir('public-key'), 'publisher.pub');
    await writeFile(keyFile, `publicKey: "${key.publicKey}"\n`);
    const r = await verify(build.outDir, '--key', keyFile);
    expect(r.out).toContain('(the key you gave)');
    expect(r.code).toBe(0);
  });

  it('without a pinned key, checks everything but says the signer is not verified, with a code of its own', async () => {
    const r = await verify(build.outDir);
    expect(r.out).toContain(
      `Signature: signed by a key this copy names itself, fingerprint ${key.fingerprint}; the signer is NOT verified: ` +
        "compare it with the publisher's fingerprint from an independent source, or pass --fingerprint",
    );
    expect(r.out).toContain('SIGNER NOT VERIFIED');
    expect(r.out).not.toMatch(/^OK/m);
    expect(r.code).toBe(5);
  });

  it('pins the key of content/site.yml when run as npm run verify in the project', async () => {
    const r = await npmVerify(content, build.outDir);
    expect(r.out).toContain(`valid, made with the publisher's key ${key.fingerprint} (publicKey in ${path.join(content, 'site.yml')}:`);
    expect(r.code, r.out).toBe(0);
  });

  it('passes the same copy over HTTP from nginx, under a nested path', async () => {
    const r = await verify(server.url, '--fingerprint', key.fingerprint);
    expect(r.out).toContain('OK: the copy is complete');
    expect(r.out).toContain('extra files not checked');
    expect(r.code).toBe(0);
  });

  it('passes over HTTP from a host that reads _headers and does not serve it, and from a folder mirrored from one; an altered one fails', async () => {
    const copy = await copyOfSite('headers-consumed');
    await rm(path.join(copy, '_headers'));
    const host = await serveWithNginx(copy, '/');
    try {
      const r = await verify(host.url, '--fingerprint', key.fingerprint);
      expect(r.out).toContain('not served: _headers (a host reads it as configuration and does not serve it)');
      expect(r.out).toContain('0 missing');
      expect(r.code, r.out).toBe(0);
    } finally {
      await host.stop();
    }
    // What `wget --mirror` makes of such a host: every file but _headers.
    const folder = await verify(copy, '--fingerprint', key.fingerprint);
    expect(folder.out).toContain('not served: _headers');
    expect(folder.code, folder.out).toBe(0);
    await writeFile(path.join(copy, '_headers'), '/*\n  Content-Security-Policy: default-src *\n');
    const altered = await verify(copy, '--fingerprint', key.fingerprint);
    expect(altered.out).toContain('ALTERED  _headers');
    expect(altered.code).toBe(1);
  });

  it('works from the copy alone, with the verifier it carries and the command its MIRRORING.md gives', async () => {
    const copy = await copyOfSite('alone');
    const notes = await readFile(path.join(copy, 'MIRRORING.md'), 'utf8');
    const command = /^ {4}node trove-verify\.mjs \. --fingerprint "([0-9A-F ]+)"$/m.exec(notes);
    expect(command?.[1]).toBe(key.fingerprint);
    const { stdout } = await run(process.execPath, ['trove-verify.mjs', '.', '--fingerprint', command![1]!], { cwd: copy, env: { ...process.env, CI: '1' } });
    expect(stdout).toMatch(/^OK: /m);
  });

  it('fails naming the file when one byte of one file changes', async () => {
    const copy = await copyOfSite('one-byte');
    const file = path.join(copy, 'documents/appeals/calvary-chapel-v-mills/index.html');
    const bytes = await readFile(file);
    bytes[100] ^= 1;
    await writeFile(file, bytes);
    const r = await verify(copy, '--fingerprint', key.fingerprint);
    expect(r.code).toBe(1);
    expect(r.out).toContain('ALTERED  documents/appeals/calvary-chapel-v-mills/index.html');
    expect(r.out).toContain('1 altered, 0 missing, 0 extra');
    // The signature itself still holds: reported apart from the checksum mismatch.
    expect(r.out).toContain('Signature: valid');
  });

  it('fails naming a deleted file and an added file', async () => {
    const copy = await copyOfSite('deleted-added');
    await rm(path.join(copy, 'documents/appeals/calvary-chapel-v-mills/pages/3.webp'));
    await writeFile(path.join(copy, 'stories/planted.html'), '<p>not from the publisher</p>');
    const r = await verify(copy);
    expect(r.code).toBe(1);
    expect(r.out).toContain('MISSING  documents/appeals/calvary-chapel-v-mills/pages/3.webp');
    expect(r.out).toContain('EXTRA    stories/planted.html');
  });

  it('fails when the manifest is edited without re-signing, as a signature failure', async () => {
    const copy = await copyOfSite('edited-manifest');
    const file = path.join(copy, 'trove-manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    // Make the manifest match a planted file, as a forger would.
    await writeFile(path.join(copy, 'planted.txt'), 'x');
    manifest.files.push({ path: 'planted.txt', size: 1, sha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' });
    await writeFile(file, `${JSON.stringify(manifest, null, 1)}\n`);
    const r = await verify(copy);
    expect(r.out).toContain('Files: ');
    expect(r.out).toContain('0 altered, 0 missing, 0 extra');
    expect(r.out).toMatch(/Signature: INVALID/);
    expect(r.out).toContain('FAILED: the files match the manifest, but the signature does not hold.');
    expect(r.code).toBe(2);
  });

  it("fails the same way when the publisher's key is pinned", async () => {
    const copy = await copyOfSite('edited-manifest-pinned');
    const file = path.join(copy, 'trove-manifest.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"troveVersion"', '"troveVersion" '));
    const r = await verify(copy, '--fingerprint', key.fingerprint);
    expect(r.out).toContain(`Signature: INVALID for the publisher's key ${key.fingerprint}`);
    expect(r.code).toBe(2);
  });

  it('fails when the copy is signed by a key other than the expected fingerprint', async () => {
    const other = generateSigningKey();
    const r = await verify(build.outDir, '--fingerprint', other.fingerprint);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`made with key ${key.fingerprint}, which the copy names, not the publisher's key ${other.fingerprint}`);
    expect(r.out).toContain('FAILED');
  });

  describe('a copy altered and re-signed by a forger with their own key', () => {
    let forger: ReturnType<typeof generateSigningKey>;
    let forged: string;
    beforeAll(async () => {
      forger = generateSigningKey();
      forged = await forgedCopy(forger);
    });

    it('matches its own manifest and signature, which is why the signer must be pinned', async () => {
      const r = await verify(forged);
      expect(r.out).toContain('0 altered, 0 missing, 0 extra');
      expect(r.out).toContain(`signed by a key this copy names itself, fingerprint ${forger.fingerprint}; the signer is NOT verified`);
      expect(r.out).not.toMatch(/^OK/m);
      expect(r.code).toBe(5);
    });

    it("fails with the publisher's fingerprint", async () => {
      const r = await verify(forged, '--fingerprint', key.fingerprint);
      expect(r.out).toContain(`Signature: made with key ${forger.fingerprint}, which the copy names, not the publisher's key ${key.fingerprint}`);
      expect(r.out).toContain('FAILED: the files match the manifest, but the signature does not hold.');
      expect(r.code).toBe(2);
    });

    it("fails with the publisher's key", async () => {
      const r = await verify(forged, '--key', key.publicKey);
      expect(r.out).toContain(`the copy names key ${forger.fingerprint}, not the publisher's key ${key.fingerprint}`);
      expect(r.code).toBe(2);
    });

    it("fails with npm run verify in the publisher's project", async () => {
      const r = await npmVerify(content, forged);
      expect(r.out).not.toMatch(/^OK/m);
      expect(r.code).toBe(2);
    });
  });

  it('takes only a whole fingerprint, in any case and with any separators', async () => {
    const digits = key.fingerprint.replace(/ /g, '');
    const empty = await verify(build.outDir, '--fingerprint', 'zz');
    expect(empty.out).toContain('the fingerprint "zz" has characters that are not hex digits (Z)');
    expect(empty.code).toBe(6);
    const part = await verify(build.outDir, '--fingerprint', key.fingerprint.slice(0, 19));
    expect(part.out).toContain(`the fingerprint "${key.fingerprint.slice(0, 19)}" has 16 hex digits, not 32`);
    expect(part.out).not.toMatch(/^OK/m);
    expect(part.code).toBe(6);
    const longer = await verify(build.outDir, '--fingerprint', `${key.fingerprint} 00`);
    expect(longer.code).toBe(6);
    const colons = digits.toLowerCase().match(/.{2}/g)!.join(':');
    expect((await verify(build.outDir, '--fingerprint', colons)).code).toBe(0);
    expect((await verify(build.outDir, `--fingerprint=${digits}`)).code).toBe(0);
  });

  it('refuses a key and a fingerprint that do not belong together', async () => {
    const other = generateSigningKey();
    const r = await verify(build.outDir, '--key', key.publicKey, '--fingerprint', other.fingerprint);
    expect(r.out).toContain(`the key you gave has fingerprint ${key.fingerprint}, not the fingerprint you gave (${other.fingerprint})`);
    expect(r.code).toBe(6);
  });

  it('reports an unsigned copy distinctly', async () => {
    const copy = await copyOfSite('unsigned');
    await rm(path.join(copy, 'trove-manifest.json.sig'));
    const r = await verify(copy);
    expect(r.code).toBe(3);
    expect(r.out).toContain('UNSIGNED');
  });
});

describe('the signing key', () => {
  it('must match the public key in site.yml, or the build does not start and dist/ is left as it was', async () => {
    const other = generateSigningKey();
    const otherFile = path.join(await tempDir('other-key'), 'other.pem');
    await writeFile(otherFile, other.privatePem);
    const failed = await buildContent(content, 'wrong-key', { outDir: build.outDir }, { TROVE_SIGNING_KEY_FILE: otherFile });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(`Trove: the build did not start: the signing key (${otherFile}, fingerprint ${other.fingerprint}) `);
    expect(failed.stderr).toContain(`does not match publicKey in ${path.join(content, 'site.yml')} (fingerprint ${key.fingerprint})`);
    // Found before any work: no document was read.
    expect(failed.stdout).not.toContain('documents:');
    expect((await verify(build.outDir, '--fingerprint', key.fingerprint)).code).toBe(0);
  });

  it('is made by npm run keygen, which prints the publicKey and fingerprint lines for site.yml', async () => {
    const out = path.join(await tempDir('keygen'), 'publisher.pem');
    const r = await node(['scripts/keygen.ts', '--out', out]);
    expect(r.code, r.out).toBe(0);
    const lines = r.out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^(publicKey|fingerprint): "/.test(l));
    expect(lines.map((l) => l.split(':')[0])).toEqual(['publicKey', 'fingerprint']);
    // Pasted into site.yml they validate together, and belong to the key written.
    const site = siteSchema.parse({ title: 'Pasted', ...parseYaml(lines.join('\n')) });
    expect(site.fingerprint).toBe(fingerprint(parsePublicKey(site.publicKey!)));
    expect(loadSigningKey({ TROVE_SIGNING_KEY_FILE: out }, ROOT)?.publicKey).toBe(site.publicKey);
    expect(r.out).toContain(`node trove-verify.mjs <copy> --fingerprint "${site.fingerprint}"`);
  });

  it('npm run keygen reports why a key cannot be written, and "already exists" only when it does', async () => {
    const dir = await tempDir('keygen-errors');
    const tooLong = path.join(dir, `${'k'.repeat(300)}.pem`);
    const failed = await node(['scripts/keygen.ts', '--out', tooLong]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`keygen: cannot write the private key to ${tooLong} (ENAMETOOLONG: name too long); nothing was written`);
    expect(failed.out).not.toContain('already exists');
    const existing = path.join(dir, 'existing.pem');
    await writeFile(existing, 'keep me');
    const refused = await node(['scripts/keygen.ts', '--out', existing]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`keygen: ${existing} already exists; it was left as it was`);
    expect(await readFile(existing, 'utf8')).toBe('keep me');
  });

  it('is refused when its file is inside the project', async () => {
    const inside = path.join(ROOT, '.trove', 'test-key.pem');
    await mkdir(path.dirname(inside), { recursive: true });
    await writeFile(inside, key.privatePem);
    try {
      const failed = await buildContent(content, 'key-inside', {}, { TROVE_SIGNING_KEY_FILE: inside });
      expect(failed.code).not.toBe(0);
      expect(failed.stderr).toContain('Trove: the build did not start: TROVE_SIGNING_KEY_FILE points inside the project');
      expect(failed.stderr).toContain('keep the private key outside the repository');
    } finally {
      await rm(inside, { force: true });
    }
  });
});

describe('npm run mirror-kit', () => {
  it('writes an archive next to dist/ that unpacks into a copy that verifies, and a torrent with web seeds', async () => {
    const parent = await tempDir('kit');
    const out = path.join(parent, 'dist');
    await cp(build.outDir, out, { recursive: true });
    const made = await node(['scripts/mirror-kit.ts'], { TROVE_OUT: out });
    expect(made.code, made.out).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, 'trove-manifest.json'), 'utf8'));
    const archive = path.join(parent, manifest.kit.archive);
    const unpacked = path.join(parent, 'unpacked');
    await mkdir(unpacked);
    await extract({ file: archive, cwd: unpacked });
    const r = await verify(path.join(unpacked, manifest.kit.base), '--fingerprint', key.fingerprint);
    expect(r.out).toContain("OK: the copy is complete, unaltered and signed with the publisher's key.");
    const torrent = bencode.decode(await readFile(path.join(parent, manifest.kit.torrent)));
    const seeds = (torrent['url-list'] as Uint8Array[]).map((u) => Buffer.from(u).toString());
    expect(seeds).toEqual(['https://publisher.example/files/', 'https://mirror.example/copy/']);
    expect(Buffer.from((torrent.info as { name: Uint8Array }).name).toString()).toBe(manifest.kit.archive);
    expect(torrent.announce).toBeUndefined();
    // The kit may sit beside the site without being called extra.
    await cp(archive, path.join(out, manifest.kit.archive));
    expect((await verify(out, '--fingerprint', key.fingerprint)).code).toBe(0);
  });
});
