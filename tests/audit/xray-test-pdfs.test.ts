/**
 * Free Law Project x-ray's test PDFs (shared corpus, redaction/xray/): real
 * filings with failed redactions, which the audit must find, and their
 * look-alikes (boxes over nothing, whitespace, text beside a box), which it
 * must leave alone. Each goes through the real PDF processor. Apart from
 * tests/audit/hidden-text.test.ts so that the two run side by side.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import { corpusFile } from '../helpers/corpus.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('xray');
});

async function audit(name: string, bytes: Uint8Array) {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const result = await pdfProcessor.process({ type: 'pdf', absPath: file, outDir: path.join(dir, name), options: DEFAULT_RENDER_OPTIONS }, () => {});
  return { result };
}

describe("Free Law Project x-ray's test PDFs", () => {
  const xray = (name: string) => corpusFile(`redaction/xray/${name}.pdf`);
  const hiddenFindings = async (name: string) => {
    const { result } = await audit(`xray-${name}`, new Uint8Array(await readFile(xray(name))));
    return result.findings.filter((f) => ['text-under-box', 'invisible-text', 'dark-annotation'].includes(f.rule));
  };

  it('finds its three failed redactions, the cross-hatched 2021 filing among them', async () => {
    const crossHatched = await hiddenFindings('bad_cross_hatched_redactions');
    expect(crossHatched.map((f) => f.value)).toEqual(expect.arrayContaining(['November 2019', 'accounts and devices not belonging to the defendants']));
    expect((await hiddenFindings('rectangles_yes')).map((f) => f.value)).toContain('“Yes”, but did not disclose all relevant medical history');
    expect((await hiddenFindings('rectangles_yes_2')).map((f) => f.value)).toEqual(['def']);
  });

  it('flags at most one of its look-alikes', async () => {
    const lookAlikes = (await readdir(path.dirname(xray('rectangles_no')))).filter((f) =>
      /^(no_bad|rect_ordering|rectangles_no|partial|multi_line|ok_words|whitespace|unfilled)/.test(f),
    );
    expect(lookAlikes.length).toBeGreaterThan(20);
    const flagged: string[] = [];
    for (const file of lookAlikes) if ((await hiddenFindings(file.replace(/\.pdf$/, ''))).length > 0) flagged.push(file);
    expect(flagged.length, flagged.join(', ')).toBeLessThanOrEqual(1);
  }, 120_000);
});
