/**
 * An e-mail's attachments handled from its sidecar's `attachments:` list:
 * one withheld (no byte of dist/ carries its name or its text; the message
 * says an attachment was withheld, and why), one redacted with its own
 * `redactText`, one whose finding is accepted by its own `audit`. A name
 * the message does not have stops the build, suggesting the one meant.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import { BuildError } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';

const SECRET = 'Zebrafinch operation';
let content: string;
let run: BuildRun;

async function digest(): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawText(`${SECRET}: the source list.`, { x: 72, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save()).toString('base64');
}

const part = (name: string, type: string, body: string, base64 = false) =>
  [
    '--XX',
    `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    ...(base64 ? ['Content-Transfer-Encoding: base64'] : []),
    '',
    base64 ? body.replace(/(.{76})/g, '$1\r\n') : body,
  ].join('\r\n');

async function message(): Promise<string> {
  return [
    'From: Desk <desk@fusion.example.gov>',
    'To: Analysts <analysts@fusion.example.gov>',
    'Subject: Weekly digest',
    'Date: Tue, 26 May 2020 10:00:00 -0500',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="XX"',
    '',
    '--XX',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The digest and the roster are attached.',
    part('digest.pdf', 'application/pdf', await digest(), true),
    part('roster.csv', 'text/csv', 'name,email\nAnn,ann@home.example.org\nBo,bo@home.example.org\n'),
    part('notes.txt', 'text/plain', 'Call the duty desk at (202) 456-1414.\n'),
    '--XX--',
    '',
  ].join('\r\n');
}

const SIDECAR = `---
title: Weekly digest
audit:
  - rule: pii-email
    reason: "Agency inboxes."
    reviewer: "Test desk"
attachments:
  - name: digest.pdf
    withhold: b7(E)
  - name: roster.csv
    redactText:
      - rule: pii-email
        column: email
        reason: b6
  - name: notes.txt
    audit:
      - rule: pii-phone
        reason: "The duty desk's public line."
        reviewer: "Test desk"
        match: "(202) 456-1414"
---
`;

beforeAll(async () => {
  content = path.join(await tempDir('email-attachments'), 'content');
  const docs = path.join(content, 'documents/mail');
  await mkdir(docs, { recursive: true });
  await mkdir(path.join(content, 'collections'), { recursive: true });
  await writeFile(path.join(content, 'site.yml'), 'title: Mail\n');
  await writeFile(path.join(content, 'collections/mail.md'), '---\ntitle: Mail\n---\n');
  await writeFile(path.join(docs, 'digest.eml'), await message());
  await writeFile(path.join(docs, 'digest.md'), SIDECAR);
  run = await buildContent(content, 'email-attachments', { workDir: await sharedCacheWorkDir('email-attachments') }, { CI: '' });
  if (run.code !== 0) throw new Error(`${run.stdout}\n${run.stderr}`);
}, 180_000);

describe('attachments: in a message’s sidecar', () => {
  it('withholds an attachment: no byte of dist/ has its name or its text, and the message says why', async () => {
    for (const file of await listFiles(run.outDir)) {
      if (/\.(webp|png|jpe?g|pf_index|pf_meta|wasm)$/.test(file)) continue;
      const bytes = await readFile(path.join(run.outDir, file));
      const text = (file.endsWith('.pf_fragment') ? gunzipSync(bytes) : bytes).toString('latin1').toLowerCase();
      for (const trace of ['zebrafinch', 'digest.pdf', 'digest-pdf', 'source list']) expect(text.includes(trace), `${trace} in ${file}`).toBe(false);
    }
    const page = await readFile(path.join(run.outDir, 'documents/mail/digest/index.html'), 'utf8');
    expect(page).toContain('An attachment, withheld <span class="meta">(reason: b7(E))</span>');
  });

  it('redacts an attachment with its own redactText, and accepts a finding with its own audit', async () => {
    const files = await listFiles(run.outDir);
    const roster = files.find((f) => /^documents\/mail\/digest--.*roster\.csv$/.test(f));
    expect(roster, files.join('\n')).toBeDefined();
    expect(await readFile(path.join(run.outDir, roster!), 'utf8')).toBe('name,email\nAnn,[redacted b6]\nBo,[redacted b6]\n');
    expect(run.stdout).toMatch(/pii-phone\s+1 accepted/);
  });

  it('refuses a name the message does not have, suggesting the one meant', async () => {
    await writeFile(path.join(content, 'documents/mail/digest.md'), SIDECAR.replace('name: digest.pdf', 'name: digets.pdf'));
    const failed = await runPipeline({ contentDir: content, workDir: await sharedCacheWorkDir('email-attachments-2') }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BuildError);
    const problem = (failed as BuildError).problems.find((p) => p.message.startsWith('attachments:'));
    expect(problem?.message).toMatch(/^attachments: "digets\.pdf" names no attachment of .*digest\.eml$/);
    expect(problem?.hint).toMatch(/^did you mean "digest\.pdf"\?/);
  });
});
