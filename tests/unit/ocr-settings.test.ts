/**
 * Which OCR languages apply to a document: its sidecar's `ocr`, else its
 * collection's, else site.yml's (English by default); `false` turns OCR
 * off at any level. Read by the real discovery on a content folder written
 * here; nothing is processed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/pipeline/content/discover.ts';
import type { Problem } from '../../src/pipeline/errors.ts';
import { tempDir } from '../helpers/build.ts';

async function languagesOf(site: string, collections: Record<string, string>, sidecars: Record<string, string>) {
  const root = path.join(await tempDir('ocr-settings'), 'content');
  await mkdir(path.join(root, 'collections'), { recursive: true });
  await writeFile(path.join(root, 'site.yml'), `title: OCR settings\nlanguage: en\n${site}`);
  for (const [name, extra] of Object.entries(collections)) {
    await writeFile(path.join(root, 'collections', `${name}.md`), `---\ntitle: ${name}\n${extra}---\n`);
    await mkdir(path.join(root, 'documents', name), { recursive: true });
  }
  for (const [id, extra] of Object.entries(sidecars)) {
    await writeFile(path.join(root, 'documents', `${id}.png`), 'not read here');
    await writeFile(path.join(root, 'documents', `${id}.md`), `---\ntitle: ${id}\nlicense: CC0\n${extra}---\n`);
  }
  const problems: Problem[] = [];
  const content = await discover(root, problems);
  expect(problems).toEqual([]);
  return Object.fromEntries(content.documents.map((d) => [d.id, d.meta.ocr]));
}

describe('OCR languages of a document', () => {
  it('are English when nothing says otherwise', async () => {
    expect(await languagesOf('', { scans: '' }, { 'scans/a': '' })).toEqual({ 'scans/a': ['eng'] });
  });

  it('come from the sidecar, else the collection, else site.yml', async () => {
    const found = await languagesOf(
      'ocr: false\n',
      { letters: 'ocr: eng\n', faxes: '' },
      { 'letters/collection': '', 'letters/own': 'ocr: false\n', 'faxes/site': '', 'faxes/own': 'ocr: [eng]\n' },
    );
    expect(found).toEqual({ 'letters/collection': ['eng'], 'letters/own': false, 'faxes/site': false, 'faxes/own': ['eng'] });
  });
});
