/**
 * The gate's acceptances, scoped to values: `match` (exact text or a
 * regular expression over the whole value), `field` for e-mail, attachments
 * that never take their message's acceptances, and acceptances without
 * `match` that let several values through. Findings come from the real
 * rules and the real e-mail processor.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectionEntry, DocumentEntry } from '../../src/pipeline/content/discover.ts';
import { judge, type AuditedDocument } from '../../src/pipeline/audit/gate.ts';
import { summaryLines } from '../../src/pipeline/audit/messages.ts';
import { rulesFor } from '../../src/pipeline/audit/rules/index.ts';
import type { Finding } from '../../src/pipeline/audit/types.ts';
import { emailProcessor } from '../../src/pipeline/processors/email.ts';
import { DEFAULT_RENDER_OPTIONS, type ProcessResult } from '../../src/pipeline/processors/types.ts';
import { collectionSchema } from '../../src/schemas/collection.ts';
import { documentSchema } from '../../src/schemas/document.ts';
import { validate } from '../../src/pipeline/content/validate.ts';
import { formatProblem, type Problem } from '../../src/pipeline/errors.ts';
import { parseFrontMatter } from '../../src/pipeline/content/front-matter.ts';
import { tempDir } from '../helpers/build.ts';

const SIDECAR = 'content/documents/desk/memo.md';

function entry(name: string, audit: unknown[] = [], extra: Partial<DocumentEntry> = {}): DocumentEntry {
  return {
    id: `desk/${name}`,
    collection: 'desk',
    absPath: `/nowhere/${name}`,
    file: `content/documents/desk/${name}.pdf`,
    sidecarFile: `content/documents/desk/${name}.md`,
    extension: 'pdf',
    type: 'pdf',
    meta: documentSchema.parse({ title: name, audit }),
    body: { markdown: '', startLine: 1 },
    ...extra,
  };
}

function collection(audit: unknown[] = []): CollectionEntry {
  return { slug: 'desk', file: 'content/collections/desk.md', meta: collectionSchema.parse({ title: 'Desk', audit }), body: { markdown: '', startLine: 1 } };
}

const result = (findings: Finding[]): ProcessResult => ({
  type: 'pdf',
  pageCount: 1,
  pages: [],
  thumbnail: { widthPx: 1, heightPx: 1 },
  downloadExtension: 'pdf',
  findings,
});

/** What the text rules find in `text` on page 1. */
const found = (text: string, page = 1) => rulesFor('text').flatMap((r) => r.check(page, text));

const accept = (rule: string, more: Record<string, unknown> = {}) => ({ rule, reason: 'Reviewed for the test.', reviewer: 'Test desk', ...more });

const statusOf = (docs: AuditedDocument[], collections: CollectionEntry[] = []) =>
  judge(docs, collections).findings.map((f) => `${f.status} ${f.rule} ${f.field ? `${f.field} ` : ''}${f.value}`);

const PAGE = 'Call the switchboard at (202) 456-1414. The witness, reached on her mobile at (415) 867-5309, lives at 12 Orchard Lane.';

describe('match: an exact value', () => {
  it('accepts the switchboard and nothing else on the same page', () => {
    const doc = entry('memo', [accept('pii-phone', { match: '(202) 456-1414' }), accept('pii-address', { match: '12 Orchard Lane' })]);
    expect(statusOf([{ entry: doc, result: result(found(PAGE)) }])).toEqual([
      'accepted pii-phone (202) 456-1414',
      'blocking pii-phone (415) 867-5309',
      'accepted pii-address 12 Orchard Lane.',
    ]);
  });

  it('ignores case, Unicode compatibility forms and how whitespace is laid out, never the characters', () => {
    const doc = entry('memo', [accept('pii-email', { match: ['ＲＥＣＯＲＤＳ@Agency.gov', 'press@agency.gov '] })]);
    const text = 'Write to records@agency.gov or press@agency.gov, not records@agency.gov.example.net or record@agency.gov.';
    expect(statusOf([{ entry: doc, result: result(found(text)) }])).toEqual([
      'accepted pii-email records@agency.gov',
      'accepted pii-email press@agency.gov',
      'blocking pii-email records@agency.gov.example.net',
      'blocking pii-email record@agency.gov',
    ]);
  });

  it('never accepts a finding that has no value', () => {
    const doc = entry('memo', [accept('unapplied-redaction', { match: 'Jane Roe' })]);
    const mark: Finding = { rule: 'unapplied-redaction', page: 1, evidence: 'a redaction mark (no text under it)' };
    expect(statusOf([{ entry: doc, result: result([mark]) }])).toEqual(['blocking unapplied-redaction undefined']);
  });
});

describe('match: a regular expression', () => {
  it('must match the whole value: an agency domain does not accept a look-alike that only contains it', () => {
    const doc = entry('memo', [accept('pii-email', { match: '/[a-z.]+@agency\\.gov/i' })]);
    const text = 'From Records@Agency.gov and clerk.office@agency.gov to someone@agency.gov.evil.example and jane@gmail.com.';
    expect(statusOf([{ entry: doc, result: result(found(text)) }])).toEqual([
      'accepted pii-email Records@Agency.gov',
      'accepted pii-email clerk.office@agency.gov',
      'blocking pii-email someone@agency.gov.evil.example',
      'blocking pii-email jane@gmail.com',
    ]);
  });

  it('keeps case unless the i flag is given', () => {
    const doc = entry('memo', [accept('pii-email', { match: '/records@agency\\.gov/' })]);
    expect(statusOf([{ entry: doc, result: result(found('Records@agency.gov and records@agency.gov')) }])).toEqual([
      'blocking pii-email Records@agency.gov',
      'accepted pii-email records@agency.gov',
    ]);
  });

  it("works at collection level too, and the document's own acceptance is credited first", () => {
    const doc = entry('memo', [accept('pii-phone', { match: '(415) 867-5309' })]);
    const shared = collection([accept('pii-phone', { match: '/\\(202\\) \\d{3}-\\d{4}/' })]);
    const report = judge([{ entry: doc, result: result(found(PAGE)) }], [shared]);
    expect(report.findings.filter((f) => f.rule === 'pii-phone').map((f) => [f.value, f.status, f.acceptance?.in])).toEqual([
      ['(202) 456-1414', 'accepted', 'content/collections/desk.md'],
      ['(415) 867-5309', 'accepted', SIDECAR],
    ]);
  });
});

describe('e-mail: field and attachments', () => {
  let message: ProcessResult;
  beforeAll(async () => {
    const dir = await tempDir('acceptances-email');
    const eml = [
      'From: Records Desk <records@agency.gov>',
      'To: Press Office <press@agency.gov>',
      'Subject: Witness contact',
      'Date: Tue, 26 May 2020 10:00:00 -0500',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="XX"',
      '',
      '--XX',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Her private address is jane.roe@example.org; records@agency.gov has the file.',
      '--XX',
      'Content-Type: text/csv; name="sheet.csv"',
      'Content-Disposition: attachment; filename="sheet.csv"',
      '',
      'name,email',
      'Jane Roe,jane.roe@example.org',
      '--XX--',
      '',
    ].join('\r\n');
    await writeFile(path.join(dir, 'message.eml'), eml);
    await mkdir(path.join(dir, 'out'), { recursive: true });
    message = await emailProcessor.process(
      { type: 'email', absPath: path.join(dir, 'message.eml'), outDir: path.join(dir, 'out'), options: DEFAULT_RENDER_OPTIONS },
      () => {},
    );
  });

  it('says which part of the message each finding is in; the same address in two parts is two findings', () => {
    expect(message.findings.map((f) => `${f.rule} ${f.field} ${f.value}`)).toEqual([
      'pii-email from records@agency.gov',
      'pii-email to press@agency.gov',
      'pii-email body jane.roe@example.org',
      'pii-email body records@agency.gov',
    ]);
  });

  it('accepting the header addresses lets no address of the body through, not even the same one', () => {
    const doc = entry('message', [accept('pii-email', { field: 'from' }), accept('pii-email', { field: 'to' })], { type: 'email' });
    expect(statusOf([{ entry: doc, result: message }])).toEqual([
      'accepted pii-email from records@agency.gov',
      'accepted pii-email to press@agency.gov',
      'blocking pii-email body jane.roe@example.org',
      'blocking pii-email body records@agency.gov',
    ]);
  });

  it('a finding that spans two parts has no field, so no field acceptance reaches it', () => {
    const doc = entry('message', [accept('pii-address', { field: 'subject' }), accept('pii-address', { field: 'body' })], { type: 'email' });
    const spanning: Finding = { rule: 'pii-address', page: 1, evidence: '12 Orchard Lane', value: '12 Orchard Lane' };
    expect(statusOf([{ entry: doc, result: result([spanning]) }])).toEqual(['blocking pii-address 12 Orchard Lane']);
  });

  it("an attachment never takes its message's acceptances; one written for it applies to it alone", () => {
    const parent = entry('message', [accept('pii-email'), accept('pii-email', { attachment: 'sheet.csv', match: 'jane.roe@example.org' })], { type: 'email' });
    const attachment = entry('message--1-1-sheet', [], {
      type: 'table',
      file: 'content/documents/desk/message.eml (attachment "sheet.csv")',
      sidecarFile: parent.sidecarFile,
      attachmentOf: { id: parent.id, page: 1, file: 'attachments/1-1-sheet.csv', name: 'sheet.csv' },
    });
    const sheet = found('Jane Roe,jane.roe@example.org,jroe@example.net');
    const report = judge(
      [
        { entry: parent, result: message },
        { entry: attachment, result: result(sheet) },
      ],
      [],
    );
    expect(report.findings.map((f) => `${f.document} ${f.status} ${f.value}`)).toEqual([
      'desk/message accepted records@agency.gov',
      'desk/message accepted press@agency.gov',
      'desk/message accepted jane.roe@example.org',
      'desk/message accepted records@agency.gov',
      'desk/message--1-1-sheet accepted jane.roe@example.org',
      'desk/message--1-1-sheet blocking jroe@example.net',
    ]);
    expect(report.findings.at(-1)?.acceptIn).toEqual({ file: parent.sidecarFile, attachment: ['sheet.csv'] });
    expect(report.unusedAcceptances).toEqual([]);
  });

  it('an attachment without any acceptance of its own blocks, even when its message accepts the rule everywhere', () => {
    const parent = entry('message', [accept('pii-email')], { type: 'email' });
    const attachment = entry('message--1-1-sheet', [], {
      type: 'table',
      attachmentOf: { id: parent.id, page: 1, file: 'attachments/1-1-sheet.csv', name: 'sheet.csv' },
    });
    const report = judge(
      [
        { entry: parent, result: message },
        { entry: attachment, result: result(found('jroe@example.net')) },
      ],
      [],
    );
    expect(report.findings.filter((f) => f.status === 'blocking').map((f) => `${f.document} ${f.value}`)).toEqual(['desk/message--1-1-sheet jroe@example.net']);
  });
});

describe('acceptances to look at again', () => {
  const docs = () => [
    { entry: entry('memo', [accept('pii-phone'), accept('pii-email', { match: 'gone@agency.gov' })]), result: result(found(PAGE)) },
    { entry: entry('letter', [accept('pii-address')]), result: result(found('12 Orchard Lane, and again 12  orchard lane')) },
  ];

  it('an acceptance without match that let several values through is reported with them; one value seen twice is not', () => {
    const report = judge(docs(), []);
    expect(report.broadAcceptances).toEqual([{ file: SIDECAR, rule: 'pii-phone', values: ['(202) 456-1414', '(415) 867-5309'], findings: 2 }]);
    expect(report.unusedAcceptances).toEqual([{ file: SIDECAR, rule: 'pii-email', match: ['gone@agency.gov'] }]);
  });

  it('an acceptance that matched is never reported as matching nothing, though a narrower one was credited with the finding', () => {
    const doc = entry('memo', [accept('pii-phone', { match: '(415) 867-5309' }), accept('pii-phone', { page: 1 })]);
    const shared = collection([accept('pii-phone')]);
    const report = judge([{ entry: doc, result: result(found(PAGE)) }], [shared]);
    expect(report.findings.filter((f) => f.rule === 'pii-phone').every((f) => f.status === 'accepted')).toBe(true);
    expect(report.unusedAcceptances).toEqual([]);
  });

  it('the summary lists the values it let through, and in CI only how many', () => {
    const report = judge(docs(), []);
    const notes = (withhold: boolean) => summaryLines(report, undefined, withhold).filter((l) => l.startsWith('  note:'));
    expect(notes(false)).toEqual([
      `  note: ${SIDECAR} accepts "pii-email" matching gone@agency.gov but nothing was found: remove the acceptance if the file was fixed`,
      `  note: ${SIDECAR} accepts "pii-phone" without match, and let 2 different values through: (202) 456-1414, (415) 867-5309; if each was reviewed, list them under match:, else narrow the acceptance`,
    ]);
    expect(notes(true)).toEqual([
      `  note: ${SIDECAR} accepts "pii-email" matching (text withheld because CI is set) but nothing was found: remove the acceptance if the file was fixed`,
      `  note: ${SIDECAR} accepts "pii-phone" without match, and let 2 different values through: (text withheld because CI is set); if each was reviewed, list them under match:, else narrow the acceptance`,
    ]);
  });
});

describe('the schema', () => {
  const sidecar = [
    '---',
    'title: Memo',
    'audit:',
    '  - rule: pii-phone',
    '    reason: "The agency switchboard."',
    '    reviewer: Test desk',
    '    match: "(202) 456-1414"',
    '  - rule: pii-email',
    '    reason: "Official addresses."',
    '    reviewer: Test desk',
    "    match: ['records@agency.gov', '/[a-z+@agency\\.gov/i']",
    '  - rule: pii-email',
    '    reason: "Official addresses."',
    '    reviewer: Test desk',
    '    field: bcc',
    '    match: "/.*/g"',
    '---',
    '',
  ].join('\n');

  it('names the file and the line of a regular expression that cannot be read, a stateful flag and an unpublished field', () => {
    const problems: Problem[] = [];
    validate(documentSchema, parseFrontMatter(sidecar).data, SIDECAR, sidecar, problems);
    expect(problems.map(formatProblem)).toEqual([
      `${SIDECAR}:11: field "audit.1.match.1": found "/[a-z+@agency\\\\.gov/i"; the regular expression cannot be read: Invalid regular expression: /[a-z+@agency\\.gov/i: Unterminated character class; write /pattern/flags, or the plain text of the value`,
      `${SIDECAR}:16: field "audit.2.match": found "/.*/g"; the flags "g" and "y" are not allowed (found "g"); use i, s, u or v`,
      `${SIDECAR}:15: field "audit.2.field": found "bcc"; expected the part of the e-mail: from, to, cc, date, subject, body, attachment-names (Bcc and Reply-To are never published)`,
    ]);
  });

  it('reads one value or a list, kept as a list', () => {
    const problems: Problem[] = [];
    const meta = validate(documentSchema, parseFrontMatter(sidecar.replace(/\n {2}- rule: pii-email[\s\S]*(?=---)/, '\n')).data, SIDECAR, sidecar, problems);
    expect(problems).toEqual([]);
    expect(meta?.audit.map((a) => a.match)).toEqual([['(202) 456-1414']]);
  });
});
