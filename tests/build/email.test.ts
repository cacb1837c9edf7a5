/**
 * E-mail in a real build: headers, a hostile HTML body cleaned of scripts,
 * handlers and remote images, an attachment published as its own document
 * and linked both ways, a reply linked to its message, raw routing headers
 * never published, an mbox read as messages, and addresses audited part
 * by part: accepting a message's header addresses accepts neither its
 * body's nor its attachment's.
 */
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BuildError } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { corpusFile } from '../helpers/corpus.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import {
  ALTERNATIVE_BAD_DATE_EMAIL,
  EMAIL_SIDECAR,
  HEADERS_ACCEPTED_EMAIL,
  HEADERS_ACCEPTED_SIDECAR,
  HOSTILE_EMAIL,
  HTML_ONLY_PII_EMAIL,
  REPLY_EMAIL,
} from '../helpers/emails.ts';

let run: BuildRun;
const html = (p: string) => readFile(path.join(run.outDir, p), 'utf8');

beforeAll(async () => {
  const content = path.join(await tempDir('email'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  const dir = path.join(content, 'documents/appeals');
  await writeFile(path.join(dir, 'watch-list.eml'), HOSTILE_EMAIL);
  await writeFile(path.join(dir, 'watch-list.md'), EMAIL_SIDECAR('Watch list e-mail'));
  await writeFile(path.join(dir, 'watch-list-reply.eml'), REPLY_EMAIL);
  await writeFile(path.join(dir, 'watch-list-reply.md'), EMAIL_SIDECAR('Reply'));
  const mbox = [HOSTILE_EMAIL, REPLY_EMAIL].map((m, i) => `From sender${i}@example Tue May 26 10:00:00 2020\n${m.replace(/\r\n/g, '\n')}`).join('\n');
  await writeFile(path.join(dir, 'mailbox.mbox'), mbox);
  await writeFile(path.join(dir, 'mailbox.md'), EMAIL_SIDECAR('Mailbox'));
  await copyFile(corpusFile('email/mailparser_nodemailer.eml'), path.join(dir, 'nodemailer.eml'));
  await writeFile(path.join(dir, 'nodemailer.md'), EMAIL_SIDECAR('Nodemailer test message'));
  await writeFile(path.join(dir, 'meeting-moved.eml'), ALTERNATIVE_BAD_DATE_EMAIL);
  await writeFile(path.join(dir, 'meeting-moved.md'), EMAIL_SIDECAR('Meeting moved'));
  run = await buildContent(content, 'email', { workDir: await sharedCacheWorkDir('email') });
  if (run.code !== 0) throw new Error(run.stderr);
});

describe('an e-mail', () => {
  it('shows its headers and a body without scripts, handlers or remote images', async () => {
    const page = await html('documents/appeals/watch-list/index.html');
    expect(page).toContain('<dt>From</dt><dd>Alice Analyst &lt;alice@fusion.example.gov&gt;</dd>');
    expect(page).toContain('<dt>Subject</dt><dd>Protest watch list</dd>');
    expect(page).toContain('See the attached list.');
    expect(page).not.toMatch(/pwned|evil\.example|tracker\.example|onclick/);
    expect(page).not.toContain('10.1.2.3');
  });

  it('publishes its attachment as a document, linked both ways', async () => {
    const page = await html('documents/appeals/watch-list/index.html');
    expect(page).toContain('<a href="../../../documents/appeals/watch-list--1-1-watch-list/index.html">watch-list.txt</a>');
    const attachment = await html('documents/appeals/watch-list--1-1-watch-list/index.html');
    expect(attachment).toContain('Organizers to watch');
    expect(attachment).toMatch(/Attached to<\/dt><dd><a href="..\/..\/..\/documents\/appeals\/watch-list\/index.html#page-1">Watch list e-mail<\/a>/);
  });

  it('links a reply and the message it answers', async () => {
    const reply = await html('documents/appeals/watch-list-reply/index.html');
    expect(reply).toMatch(/In reply to<\/dt><dd><a href="..\/..\/..\/documents\/appeals\/(watch-list|mailbox)\/index.html#page-1">Protest watch list<\/a>/);
    const original = await html('documents/appeals/watch-list/index.html');
    expect(original).toContain('Re: Protest watch list');
  });

  it('reads an mbox as one message per page', async () => {
    const collection = await html('collections/appeals/index.html');
    expect(collection).toMatch(/Mailbox<\/a><\/h3>\s*<p class="meta">[^<]*E-mail, 2 messages<\/p>/);
    const page = await html('documents/appeals/mailbox/index.html');
    expect(page).toContain('id="page-1"');
    expect(page).toContain('id="page-2"');
    expect(page).toContain('Received, thanks.');
  });

  it('never publishes the raw message', async () => {
    for (const f of await listFiles(run.outDir)) {
      const text = (await readFile(path.join(run.outDir, f))).toString('latin1');
      expect(text.includes('relay.example'), f).toBe(false);
    }
  });

  it('puts header addresses through the personal-information audit', async () => {
    const report = JSON.parse(await readFile(path.join(run.workDir, 'audit-report.json'), 'utf8'));
    const emails = report.findings.filter((f: { rule: string; document: string }) => f.rule === 'pii-email' && f.document === 'appeals/watch-list');
    expect(emails.map((f: { evidence: string }) => f.evidence).sort()).toEqual(['alice@fusion.example.gov', 'bob@police.example.gov']);
    expect(emails.every((f: { status: string }) => f.status === 'accepted')).toBe(true);
  });
});

describe('a message with an HTML body and a plain-text alternative', () => {
  it('is searched and downloaded as the HTML body readers see, and a malformed date is left out', async () => {
    const page = await html('documents/appeals/meeting-moved/index.html');
    expect(page).toContain('The briefing moved to <b>Thursday</b>.');
    expect(page).not.toContain('<dt>Date</dt>');
    const download = await html('documents/appeals/meeting-moved/meeting-moved.txt');
    expect(download).toContain('The briefing moved to Thursday.');
    expect(download).not.toContain('Please view the HTML version.');
  });

  it('blocks the build on personal information that only the HTML body carries', async () => {
    const content = path.join(await tempDir('email-html-pii'), 'content');
    await mkdir(path.join(content, 'collections'), { recursive: true });
    await mkdir(path.join(content, 'documents/desk'), { recursive: true });
    await writeFile(path.join(content, 'site.yml'), 'title: E-mail fixture\nlanguage: en\n');
    await writeFile(path.join(content, 'collections/desk.md'), '---\ntitle: Desk\n---\nFixture.\n');
    await writeFile(path.join(content, 'documents/desk/complainant.eml'), HTML_ONLY_PII_EMAIL);
    await writeFile(path.join(content, 'documents/desk/complainant.md'), '---\ntitle: Complainant details\n---\n');
    await writeFile(path.join(content, 'documents/desk/complainants.eml'), HEADERS_ACCEPTED_EMAIL);
    await writeFile(path.join(content, 'documents/desk/complainants.md'), HEADERS_ACCEPTED_SIDECAR);
    // Without CI, so that the values are printed and can be checked.
    vi.stubEnv('CI', '');
    const failed = await runPipeline({ contentDir: content, workDir: await sharedCacheWorkDir('email-html-pii') }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BuildError);
    const { problems } = failed as BuildError;
    const shown = problems.map((p) => `${p.file}: ${p.message}`);
    const file = (name: string) => path.relative(process.cwd(), path.join(content, 'documents/desk', name));
    expect(shown).toContain(`${file('complainant.eml')}: [pii-ssn] page 1 (body): 219-09-9999`);
    expect(shown).toContain(`${file('complainant.eml')}: [pii-phone] page 1 (body): (202) 456-1414`);
    expect(shown).toContain(`${file('complainant.eml')}: [pii-email] page 1 (body): jane.roe@example.org`);
    // Accepting the header addresses lets neither the body's address nor the attached sheet's through.
    expect(shown).toContain(`${file('complainants.eml')}: [pii-email] page 1 (body): jane.roe@example.org`);
    expect(shown).toContain(
      `${file('complainants.eml')} (attachment "complainants.csv"): [pii-email] 2 findings in column "email" (rows 1–2), e.g. row 1: jane.roe@example.org; row 2: john.doe@example.net`,
    );
    expect(problems.map((p) => p.hint)).toContainEqual(
      expect.stringContaining(`To withhold the attachment, add to ${file('complainants.md')}: attachments: [{ name: "complainants.csv", withhold: b6 }].`),
    );
    expect(shown.filter((line) => line.startsWith(`${file('complainants.eml')}: [pii-email] page 1 (from)`))).toEqual([]);
    expect(shown.filter((line) => line.startsWith(`${file('complainants.eml')}: [pii-email] page 1 (to)`))).toEqual([]);
    expect(problems).toHaveLength(7);
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});
