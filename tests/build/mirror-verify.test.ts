/**
 * The signed manifest and the verifier, on a real build of the basic
 * fixture signed with a key made for the test: the untouched copy passes as
 * a folder and over HTTP from nginx; one changed byte, a deleted file, an
 * added file and a manifest edited without re-signing each fail, naming the
 * file; the verifier works from the copy alone; a key that does not match
 * site.yml fails the build. Also the mirror kit: archive unpacked and
 * verified, torrent web seeds.
 */
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import bencode from 'bencode';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/signing/keys.ts';
import { buildContent, fixtureContent, ROOT, tempDir, type BuildRun } from '../helpers/build.ts';
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
  await appendFile(path.join(content, 'site.yml'), `url: "https://publisher.example/files/"\nmirrors: ["https://mirror.example/copy/"]\npublicKey: "${key.publicKey}"\n`);
  build = await buildContent(content, 'signed', {}, { TROVE_SIGNING_KEY_FILE: keyFile });
  if (build.code !== 0) throw new Error(`build failed:\n${build.stderr}`);
  server = await serveWithNginx(build.outDir, '/mirrors/deep/copy/');
});

afterAll(async () => {
  await server?.stop();
});

describe('a signed build', () => {
  it('lists every file with size and SHA-256, and the site, build time and Trove version', async () => {
    const manifest = JSON.parse(await readFile(path.join(build.outDir, 'trove-manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'trove-manifest-1', site: { title: expect.any(String) }, troveVersion: expect.any(String), publicKey: key.publicKey });
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
    expect(r.out).toContain('OK: the copy is complete, unaltered and signed.');
    expect(r.out).toContain(`valid, made with key ${key.fingerprint}`);
    expect(r.code).toBe(0);
  });

  it('passes the same copy over HTTP from nginx, under a nested path', async () => {
    const r = await verify(server.url, '--fingerprint', key.fingerprint);
    expect(r.out).toContain('OK: the copy is complete');
    expect(r.out).toContain('extra files not checked');
    expect(r.code).toBe(0);
  });

  it('works from the copy alone, with the verifier it carries', async () => {
    const copy = await copyOfSite('alone');
    const r = await node([path.join(copy, 'trove-verify.mjs'), copy]);
    expect(r.code, r.out).toBe(0);
  });

  it('fails naming the file when one byte of one file changes', async () => {
    const copy = await copyOfSite('one-byte');
    const file = path.join(copy, 'documents/appeals/calvary-chapel-v-mills/index.html');
    const bytes = await readFile(file);
    bytes[100] ^= 1;
    await writeFile(file, bytes);
    const r = await verify(copy);
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

  it('fails when the copy is signed by a key other than the expected fingerprint', async () => {
    const r = await verify(build.outDir, '--fingerprint', 'AAAA BBBB CCCC DDDD');
    expect(r.code).toBe(2);
    expect(r.out).toContain('not the fingerprint you gave');
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
  it('must match the public key in site.yml, or the build fails and dist/ is left as it was', async () => {
    const other = generateSigningKey();
    const otherFile = path.join(await tempDir('other-key'), 'other.pem');
    await writeFile(otherFile, other.privatePem);
    const failed = await buildContent(content, 'wrong-key', { outDir: build.outDir }, { TROVE_SIGNING_KEY_FILE: otherFile });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(`does not match publicKey in content/site.yml`);
    expect((await verify(build.outDir)).code).toBe(0);
  });

  it('is refused when its file is inside the project', async () => {
    const inside = path.join(ROOT, '.trove', 'test-key.pem');
    await mkdir(path.dirname(inside), { recursive: true });
    await writeFile(inside, key.privatePem);
    try {
      const failed = await buildContent(content, 'key-inside', {}, { TROVE_SIGNING_KEY_FILE: inside });
      expect(failed.code).not.toBe(0);
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
    expect(r.out).toContain('OK: the copy is complete, unaltered and signed.');
    const torrent = bencode.decode(await readFile(path.join(parent, manifest.kit.torrent)));
    const seeds = (torrent['url-list'] as Uint8Array[]).map((u) => Buffer.from(u).toString());
    expect(seeds).toEqual(['https://publisher.example/files/', 'https://mirror.example/copy/']);
    expect(Buffer.from((torrent.info as { name: Uint8Array }).name).toString()).toBe(manifest.kit.archive);
    expect(torrent.announce).toBeUndefined();
    // The kit may sit beside the site without being called extra.
    await cp(archive, path.join(out, manifest.kit.archive));
    expect((await verify(out)).code).toBe(0);
  });
});
