/**
 * `npm run new:story` and `npm run add` on a temp copy of the basic
 * fixture: they write what editors need, refuse to overwrite, and what they
 * write builds (added documents stay unpublished until reviewed).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, ROOT, tempDir } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import { corpusFile } from '../helpers/corpus.ts';
import { HOSTILE_EMAIL } from '../helpers/emails.ts';

const run = promisify(execFile);
let content: string;
let workDir: string;

async function script(name: string, args: string[]) {
  try {
    const r = await run(process.execPath, [`scripts/${name}.ts`, ...args], { cwd: ROOT, env: { ...process.env, TROVE_CONTENT: content } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

beforeAll(async () => {
  content = path.join(await tempDir('scaffold'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  workDir = await sharedCacheWorkDir('scaffold');
});

describe('npm run new:story', () => {
  it('writes a draft skeleton named after the title, and refuses to overwrite it', async () => {
    const made = await script('new-story', ['Police overtime: the 2019 ledger']);
    expect(made.code, made.out).toBe(0);
    const file = path.join(content, 'stories/police-overtime-the-2019-ledger.md');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('title: "Police overtime: the 2019 ledger"');
    expect(text).toMatch(/date: "\d{4}-\d{2}-\d{2}"/);
    expect(text).toContain('draft: true');
    await writeFile(file, `${text}\nMy edits.\n`);
    const again = await script('new-story', ['Police overtime: the 2019 ledger']);
    expect(again.code).toBe(1);
    expect(again.out).toContain('already exists; it was left as it was');
    expect(await readFile(file, 'utf8')).toContain('My edits.');
  });

  it('makes stories/ in a content folder that has none yet, and names a content folder that does not exist', async () => {
    await rm(path.join(content, 'stories'), { recursive: true, force: true });
    const made = await script('new-story', ['First of many']);
    expect(made.code, made.out).toBe(0);
    expect(existsSync(path.join(content, 'stories/first-of-many.md'))).toBe(true);
    const nowhere = await run(process.execPath, ['scripts/new-story.ts', 'Lost'], {
      cwd: ROOT,
      env: { ...process.env, TROVE_CONTENT: path.join(content, 'nope') },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((nowhere as { code: number }).code).toBe(1);
    expect((nowhere as { stderr: string }).stderr).toMatch(/nope does not exist; set TROVE_CONTENT to the content folder/);
  });
});

describe('npm run add', () => {
  it('copies documents in with pre-filled sidecars marked for review, and refuses to overwrite', async () => {
    const pdf = corpusFile('govdocs/courts/gov.uscourts.cand.203343.17.0.pdf');
    const photo = corpusFile('images/DSCN0010.jpg');
    const added = await script('add', [pdf, photo, '--collection', 'appeals']);
    expect(added.code, added.out).toBe(0);
    const dir = path.join(content, 'documents/appeals');
    const sidecar = await readFile(path.join(dir, 'gov.uscourts.cand.203343.17.0.md'), 'utf8');
    expect(sidecar).toMatch(/^title: ".+"$/m);
    expect(sidecar).toContain('pages: 1');
    expect(sidecar).toContain('needsReview: true');
    expect(existsSync(path.join(dir, 'gov.uscourts.cand.203343.17.0.pdf'))).toBe(true);
    const photoSidecar = await readFile(path.join(dir, 'dscn0010.md'), 'utf8');
    expect(photoSidecar).toContain('date: "2008-10-22"');

    const again = await script('add', [pdf, '--collection', 'appeals']);
    expect(again.code).toBe(1);
    expect(again.out).toContain('already exists; it was left as it was (nothing was added)');

    const nowhere = await script('add', [pdf, '--collection', 'no-such-collection']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.out).toContain('there is no collection "no-such-collection"');
  });

  it('pre-fills text and table sidecars from the file name, without reading them as images', async () => {
    const from = await tempDir('add-text');
    const text = path.join(from, '2019-03-04-duty-roster.txt');
    const table = path.join(from, 'suspicious-activity.csv');
    await writeFile(text, 'Duty roster, week 10\nDesk: Sgt. Example\n');
    await writeFile(table, 'date,report\n2019-03-04,Person photographing a bridge\n');
    const added = await script('add', [text, table, '--collection', 'appeals']);
    expect(added.code, added.out).toBe(0);
    const dir = path.join(content, 'documents/appeals');
    const textSidecar = await readFile(path.join(dir, '2019-03-04-duty-roster.md'), 'utf8');
    expect(textSidecar).toContain('title: "Duty roster"');
    expect(textSidecar).toContain('date: "2019-03-04"');
    expect(textSidecar).toContain('needsReview: true');
    // The build counts a text's pages (sections) itself; a guess here would fail it later.
    expect(textSidecar).not.toMatch(/^pages:/m);
    expect(await readFile(path.join(dir, '2019-03-04-duty-roster.txt'), 'utf8')).toBe(await readFile(text, 'utf8'));
    const tableSidecar = await readFile(path.join(dir, 'suspicious-activity.md'), 'utf8');
    expect(tableSidecar).toContain('title: "Suspicious activity"');
    expect(tableSidecar).toContain('# date: "YYYY-MM-DD"');
    expect(tableSidecar).not.toMatch(/^pages:/m);
    expect(existsSync(path.join(dir, 'suspicious-activity.csv'))).toBe(true);
  });

  it('pre-fills an e-mail sidecar with its Subject and the Date as the sender wrote it', async () => {
    const from = await tempDir('add-email');
    const email = path.join(from, 'watch-list.eml');
    // 23:30 at UTC-5 is the next day in UTC: the sidecar keeps the sender's date.
    await writeFile(email, HOSTILE_EMAIL.replace('Date: Tue, 26 May 2020 10:00:00 -0500', 'Date: Tue, 26 May 2020 23:30:00 -0500'));
    const added = await script('add', [email, '--collection', 'appeals']);
    expect(added.code, added.out).toBe(0);
    const sidecar = await readFile(path.join(content, 'documents/appeals/watch-list.md'), 'utf8');
    expect(sidecar).toContain('title: "Protest watch list"');
    expect(sidecar).toContain('date: "2020-05-26"');
    expect(sidecar).toContain('pages: 1\n');
    expect(sidecar).toContain('needsReview: true');
  });

  it('adds all the files or none: an unreadable file stops the others from being copied', async () => {
    const from = await tempDir('add-all-or-nothing');
    const good = path.join(from, 'first-opinion.pdf');
    const bad = path.join(from, 'broken-photo.jpg');
    await cp(path.join(fixtureContent('basic-collection'), 'documents/appeals/calvary-chapel-v-mills.pdf'), good);
    await writeFile(bad, 'this is not a JPEG');
    const r = await script('add', [good, bad, '--collection', 'appeals']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${bad}: cannot read it`);
    expect(r.out).toContain('nothing was added');
    const dir = path.join(content, 'documents/appeals');
    for (const name of ['first-opinion.pdf', 'first-opinion.md', 'broken-photo.jpg', 'broken-photo.md']) {
      expect(existsSync(path.join(dir, name)), name).toBe(false);
    }
  });

  it('adds a folder: its structure in the names, identical files once, what it cannot add listed with the reason', async () => {
    const leak = path.join(await tempDir('add-folder'), 'leak');
    await mkdir(path.join(leak, 'bulletins/2020'), { recursive: true });
    await mkdir(path.join(leak, 'bulletins/2021'), { recursive: true });
    await mkdir(path.join(leak, 'photos'), { recursive: true });
    const pdf = path.join(fixtureContent('basic-collection'), 'documents/appeals/calvary-chapel-v-mills.pdf');
    await cp(pdf, path.join(leak, 'bulletins/2020/Weekly Memo.pdf'));
    await cp(pdf, path.join(leak, 'bulletins/2021/memo copy.pdf'));
    await cp(corpusFile('images/DSCN0010.jpg'), path.join(leak, 'photos/pic.jpg'));
    await writeFile(path.join(leak, '.DS_Store'), 'x');
    await writeFile(path.join(leak, 'tool.exe'), 'MZ');
    await writeFile(path.join(leak, 'broken.pdf'), 'not a pdf');
    await symlink('/etc/passwd', path.join(leak, 'passwd.txt'));
    const added = await script('add', [leak, '--collection', 'appeals']);
    expect(added.code, added.out).toBe(0);
    const dir = path.join(content, 'documents/appeals');
    expect(existsSync(path.join(dir, 'bulletins--2020--weekly-memo.pdf'))).toBe(true);
    expect(existsSync(path.join(dir, 'bulletins--2021--memo-copy.pdf'))).toBe(false);
    expect(existsSync(path.join(dir, 'photos--pic.jpg'))).toBe(true);
    expect(existsSync(path.join(dir, 'passwd.txt'))).toBe(false);
    const sidecar = await readFile(path.join(dir, 'bulletins--2020--weekly-memo.md'), 'utf8');
    expect(sidecar).toContain(
      `origin: "${path.join(leak, 'bulletins/2020/Weekly Memo.pdf')}; ${path.join(leak, 'bulletins/2021/memo copy.pdf')} (the same file, byte for byte)"`,
    );
    expect(added.out).toContain('Added 2 documents to appeals; 1 file was a copy of one added');
    expect(added.out).toContain('4 skipped:');
    expect(added.out).toMatch(/hidden \(its name starts with "\."\) \(1\):\n {4}.*\.DS_Store/);
    expect(added.out).toMatch(/a link \(links are not followed; add the file it points to by name\) \(1\):\n {4}.*passwd\.txt/);
    expect(added.out).toMatch(/"\.exe" files are not a supported document type.*\(1\):\n {4}.*tool\.exe/);
    expect(added.out).toMatch(/cannot read it .*\(1\):\n {4}.*broken\.pdf/);
    // Run again: nothing is overwritten, and it says so.
    const again = await script('add', [leak, '--collection', 'appeals']);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/Added 0 documents to appeals; 1 file was a copy of one added .*; 6 skipped:/);
    expect(again.out).toContain('already in the collection (added before; nothing was overwritten) (2):');
  });

  it('npm run audit covers the added documents still marked needsReview, says how many, and refuses unknown flags', async () => {
    const audit = async (args: string[]) => {
      try {
        const r = await run(process.execPath, ['scripts/audit.ts', ...args], {
          cwd: ROOT,
          env: { ...process.env, TROVE_CONTENT: content, TROVE_WORK: workDir },
        });
        return { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (e) {
        return e as { code: number; stdout: string; stderr: string };
      }
    };
    const all = await audit([]);
    expect(all.stdout).toMatch(/Audited \d+ documents \(e-mail attachments included\), of which 7 marked needsReview: not published until reviewed/);
    // The added e-mail's addresses are found although no build would publish it yet.
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(/documents\/appeals\/watch-list\.eml: \[pii-email\]/);
    const published = await audit(['--published']);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain('those a build would publish now (--published)');
    expect(published.stderr).not.toContain('watch-list.eml');
    const help = await audit(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: npm run audit');
    const bad = await audit(['--publishd']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/npm run audit: Unknown option '--publishd'[\s\S]*usage: npm run audit/);
  });

  it('builds: added documents stay out of the site until needsReview is removed', async () => {
    const first = await buildContent(content, 'scaffold-build', { workDir });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(path.join(first.outDir, 'documents/appeals/gov.uscourts.cand.203343.17.0/index.html'))).toBe(false);
    const sidecar = path.join(content, 'documents/appeals/gov.uscourts.cand.203343.17.0.md');
    await writeFile(sidecar, (await readFile(sidecar, 'utf8')).replace(/^needsReview: true\n/m, ''));
    const second = await buildContent(content, 'scaffold-build-2', { workDir });
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(path.join(second.outDir, 'documents/appeals/gov.uscourts.cand.203343.17.0/index.html'))).toBe(true);
  });
});
