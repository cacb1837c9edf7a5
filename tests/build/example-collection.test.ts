/**
 * The example collection in content/ (what `npm install && npm run build`
 * builds) builds (from a clean cache on a fresh clone; tests/helpers/shared-builds-setup.ts), and phrases known to sit on a given
 * page of its documents are found in that page's search record.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentPageUrl } from '../../src/lib/urls.ts';
import { buildContent, listFiles, ROOT, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

let run: BuildRun;

beforeAll(async () => {
  run = await buildContent(path.join(ROOT, 'content'), 'example', { workDir: await sharedCacheWorkDir('example') });
  if (run.code !== 0) throw new Error(`the example collection did not build:\n${run.stdout}\n${run.stderr}`);
}, 600_000);

describe('the example collection', () => {
  it('publishes every document in content/ with its page, thumbnail and download', async () => {
    const sources = (await readdir(path.join(ROOT, 'content/documents'), { recursive: true })).filter((f) => !f.endsWith('.md') && f.includes('.'));
    expect(sources.length).toBeGreaterThanOrEqual(15);
    const files = new Set(await listFiles(run.outDir));
    for (const source of sources) {
      const id = source.replace(/\.[^.]+$/, '');
      expect(files.has(`documents/${id}/index.html`), id).toBe(true);
      expect(files.has(`documents/${id}/thumb.webp`), id).toBe(true);
    }
  });

  it('indexes each known phrase on the page it is printed on', async () => {
    const rows = (await readFile(path.join(ROOT, 'tests/build/example-phrases.tsv'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split('\t') as [string, string, string]);
    const fragments: { url: string; content: string }[] = [];
    for (const f of (await listFiles(run.outDir)).filter((f) => f.startsWith('pagefind/') && f.endsWith('.pf_fragment'))) {
      fragments.push(
        JSON.parse(
          gunzipSync(await readFile(path.join(run.outDir, f)))
            .toString('utf8')
            .replace(/^pagefind_dcd/, ''),
        ),
      );
    }
    for (const [id, page, phrase] of rows) {
      const url = `/${documentPageUrl(id, Number(page))}`;
      // A document of one page is one search record, at the document's address.
      const record = fragments.find((f) => f.url === url) ?? (page === '1' ? fragments.find((f) => f.url === `/${documentPageUrl(id)}`) : undefined);
      expect(record, url).toBeDefined();
      expect(record!.content.replace(/\s+/g, ' '), `${phrase} on ${url}`).toContain(phrase);
    }
  });

  it('publishes the synthetic leak with nothing it redacts or withholds in any byte of dist/', async () => {
    const secrets = [
      'perdita',
      'hollowell',
      'ci-2291',
      'oduya',
      'whitcombe',
      '$2b$10$',
      '555-1017',
      'internal routing of tips',
      'tip-routing-digest',
      'analyst workstation',
    ];
    for (const file of await listFiles(run.outDir)) {
      if (/\.(webp|png|jpe?g|pf_index|pf_meta|wasm)$/.test(file)) continue;
      const bytes = await readFile(path.join(run.outDir, file));
      const text = (file.endsWith('.pf_fragment') ? gunzipSync(bytes) : bytes).toString('latin1').toLowerCase();
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    const csv = await readFile(path.join(run.outDir, 'documents/fusion-center-leak/portal-user-registrations/portal-user-registrations.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('user_id,name,email,agency,registered');
    expect(csv.split('\n')[17]).toBe('[row withheld b7(C)],,,,');
  });
});
