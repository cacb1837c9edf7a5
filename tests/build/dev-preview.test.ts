/**
 * `npm run dev` on a collection that was already built: the real Astro dev
 * server, started as `npm run dev` starts it, serves stories and documents,
 * takes page images from the build's cache without processing any document,
 * searches the last build's index, and shows an edited story on the next
 * request. Without a build's output, search says plainly that a build is needed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, ROOT, tempDir, type BuildRun } from '../helpers/build.ts';
import { freePort } from '../helpers/nginx.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

// Vite's first answer can take a while: it bundles the client scripts' dependencies first.
const STARTUP_MS = 300_000;

interface DevServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** This process's environment without what Vitest adds (NODE_ENV=test, VITEST*), which would change how Vite runs. */
function devEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST') && !k.startsWith('VITE_')));
}

/** Runs `astro dev` (what `npm run dev` runs) on `port` of the loopback interface; `output()` is all it printed so far. */
function spawnDev(env: Record<string, string>, port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { ...devEnvironment(), ASTRO_TELEMETRY_DISABLED: '1', CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

/** Starts `astro dev` on a free loopback port and waits until it answers. */
async function startDev(env: Record<string, string>): Promise<DevServer> {
  const port = await freePort();
  const { child, output } = spawnDev(env, port);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + STARTUP_MS - 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro dev exited (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) throw new Error(`astro dev did not answer in time:\n${output()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(60_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

let content: string;
let build: BuildRun;
let dev: DevServer;
let broken: { code: number | null; output: string };

beforeAll(async () => {
  broken = await devOnBrokenContent();
  content = path.join(await tempDir('dev-preview'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  build = await buildContent(content, 'dev-preview', { workDir: await sharedCacheWorkDir('dev-preview') });
  if (build.code !== 0) throw new Error(`build failed:\n${build.stderr}`);
  dev = await startDev({ TROVE_CONTENT: content, TROVE_WORK: build.workDir, TROVE_OUT: build.outDir });
}, STARTUP_MS);

afterAll(async () => {
  await dev?.stop();
});

describe('npm run dev after a build', () => {
  it('processes no document: every derivative comes from the build’s cache', () => {
    expect(dev.output()).toMatch(/pipeline done in [\d.]+ s: 0 documents processed, 3 from the cache/);
  });

  it('shows a document page whose page images are served from the cache', async () => {
    const html = await (await fetch(`${dev.url}documents/appeals/calvary-chapel-v-mills/`)).text();
    expect(html).toContain('Calvary Chapel');
    expect(html).toContain('id="page-3"');
    const src = html.match(/<img[^>]+src="([^"]*pages\/3\.webp)"/)?.[1];
    expect(src).toBeDefined();
    const image = await fetch(new URL(src!, `${dev.url}documents/appeals/calvary-chapel-v-mills/`));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('WEBP');
    // The same bytes the build published.
    const published = await readFile(path.join(build.outDir, 'documents/appeals/calvary-chapel-v-mills/pages/3.webp'));
    expect(Buffer.compare(Buffer.from(bytes), published)).toBe(0);
  });

  it('searches with the last build’s index', async () => {
    const res = await fetch(`${dev.url}pagefind/pagefind.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript');
    expect(await res.text()).toContain('pagefind');
  });

  it('shows an edited story on the next request, without processing any document', async () => {
    const file = path.join(content, 'stories/first-circuit.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('What the First Circuit said', 'What the First Circuit held'));
    await expect
      .poll(async () => (await fetch(`${dev.url}stories/first-circuit/`)).text(), { timeout: 60_000, interval: 500 })
      .toContain('What the First Circuit held');
    expect(dev.output()).toContain('content changed: preview updated');
  });
  // Last: it takes the build's output away. (The search page's own "no search index yet" notice is shown by its
  // script on this 404; the HTML always carries it.)
  it('answers the search files with a 404 that says to build, once there is no build output', async () => {
    await rename(build.outDir, `${build.outDir}.gone`);
    const res = await fetch(`${dev.url}pagefind/pagefind.js`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('run npm run build once');
  });
});

describe('npm run dev on content with a mistake', () => {
  it('lists the problem and exits 1, without an "unhandled error" from Astro', () => {
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('a-broken-citation.md:9: the link "doc:records/missing-memo#page=2"');
    expect(broken.output).toContain('Fix what is listed and run `npm run dev` again.');
    expect(broken.output).not.toMatch(/unhandled error/i);
  });
});

/** `astro dev` on a copy of the broken-reference fixture, until it exits. (Astro allows one dev server a project at a time: this runs before the other starts.) */
async function devOnBrokenContent(): Promise<{ code: number | null; output: string }> {
  const dir = await tempDir('dev-broken');
  const content = path.join(dir, 'content');
  await cp(fixtureContent('broken-reference'), content, { recursive: true });
  const { child, output } = spawnDev({ TROVE_CONTENT: content, TROVE_WORK: path.join(dir, 'work'), TROVE_OUT: path.join(dir, 'out') }, await freePort());
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, output: output() };
}
