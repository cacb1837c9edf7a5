/**
 * What the audit prints for blocking findings. Locally: the evidence, and an
 * acceptance to copy scoped to the value. With `CI` set (logs of a public
 * repository are public): the rule, file, page, box and field, never the
 * text the finding is about, anywhere in the message or its hint.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentEntry } from '../../src/pipeline/content/discover.ts';
import { BuildError, formatProblem } from '../../src/pipeline/errors.ts';
import { judge } from '../../src/pipeline/audit/gate.ts';
import { blockingProblems, MAX_GROUPS, summaryLines } from '../../src/pipeline/audit/messages.ts';
import { ruleInfo } from '../../src/pipeline/audit/rules/index.ts';
import type { Finding } from '../../src/pipeline/audit/types.ts';
import { withholdsText } from '../../src/pipeline/audit/withhold.ts';
import type { ProcessResult } from '../../src/pipeline/processors/types.ts';
import { attachmentEntries } from '../../src/pipeline/documents/process-documents.ts';
import { DerivativeCache } from '../../src/pipeline/cache/derivative-cache.ts';
import { documentSchema } from '../../src/schemas/document.ts';

const entry = (name: string, type: DocumentEntry['type'], extra: Partial<DocumentEntry> = {}): DocumentEntry => ({
  id: `desk/${name}`,
  collection: 'desk',
  absPath: `/nowhere/${name}`,
  file: `content/documents/desk/${name}.${type === 'email' ? 'eml' : 'pdf'}`,
  sidecarFile: `content/documents/desk/${name}.md`,
  extension: type === 'email' ? 'eml' : 'pdf',
  type,
  meta: documentSchema.parse({ title: name }),
  body: { markdown: '', startLine: 1 },
  ...extra,
});

const result = (findings: Finding[]): ProcessResult => ({
  type: 'pdf',
  pageCount: 2,
  pages: [],
  thumbnail: { widthPx: 1, heightPx: 1 },
  downloadExtension: 'pdf',
  findings,
});

const HIDDEN = 'Jane Roe';
/** Rule titles and fixes are the rules' own: other changes may reword them. */
const title = (rule: string) => ruleInfo(rule)!.title;
const fix = (rule: string) => ruleInfo(rule)!.fix;
const memo = entry('memo', 'pdf');
const message = entry('message', 'email');
const sheet = entry('message--1-1-sheet', 'table', {
  file: 'content/documents/desk/message.eml (attachment "sheet.csv")',
  sidecarFile: message.sidecarFile,
  attachmentOf: { id: message.id, page: 1, file: 'attachments/1-1-sheet.csv', name: 'sheet.csv' },
});
const report = judge(
  [
    {
      entry: memo,
      result: result([
        { rule: 'text-under-box', page: 2, box: { x: 72, y: 140, width: 180, height: 14 }, evidence: `a filled box hides "${HIDDEN}"`, value: HIDDEN },
      ]),
    },
    { entry: message, result: result([{ rule: 'pii-email', page: 1, field: 'body', evidence: 'jane.roe@example.org', value: 'jane.roe@example.org' }]) },
    { entry: sheet, result: result([{ rule: 'pii-phone', page: 1, evidence: '(415) 867-5309', value: '(415) 867-5309' }]) },
  ],
  [],
);

describe('blocking findings as printed', () => {
  it('locally: the evidence, and an acceptance to copy scoped to page, field, attachment and value', () => {
    expect(blockingProblems(report, false).map(formatProblem)).toEqual([
      'content/documents/desk/memo.pdf: [text-under-box] page 2 at [72, 140, 180, 14]: a filled box hides "Jane Roe"\n' +
        `    → ${fix('text-under-box')}. To accept, add to content/documents/desk/memo.md: audit: [{ rule: text-under-box, reason: "…", reviewer: "…", page: 2, match: "Jane Roe" }]`,
      'content/documents/desk/message.eml: [pii-email] page 1 (body): jane.roe@example.org\n' +
        `    → ${fix('pii-email')}. To accept, add to content/documents/desk/message.md: audit: [{ rule: pii-email, reason: "…", reviewer: "…", page: 1, field: body, match: "jane.roe@example.org" }]`,
      'content/documents/desk/message.eml (attachment "sheet.csv"): [pii-phone] page 1: (415) 867-5309\n' +
        `    → ${fix('pii-phone')}. To withhold the attachment, add to content/documents/desk/message.md: attachments: [{ name: "sheet.csv", withhold: b6 }]. ` +
        'To accept, add to content/documents/desk/message.md: attachments: [{ name: "sheet.csv", audit: [{ rule: pii-phone, reason: "…", reviewer: "…", page: 1, match: "(415) 867-5309" }] }]',
    ]);
  });

  it('in CI: rule, file, page, box and field, and none of the text anywhere', () => {
    const printed = blockingProblems(report, true).map(formatProblem);
    expect(printed.map((p) => p.split('\n')[0])).toEqual([
      `content/documents/desk/memo.pdf: [text-under-box] page 2 at [72, 140, 180, 14]: ${title('text-under-box')} (text withheld because CI is set)`,
      `content/documents/desk/message.eml: [pii-email] page 1 (body): ${title('pii-email')} (text withheld because CI is set)`,
      `content/documents/desk/message.eml (attachment "sheet.csv"): [pii-phone] page 1: ${title('pii-phone')} (text withheld because CI is set)`,
    ]);
    expect(printed[0]).toContain('audit: [{ rule: text-under-box, reason: "…", reviewer: "…", page: 2, match: "…" }]');
    expect(printed[2]).toContain('attachments: [{ name: "…", audit: [{ rule: pii-phone, reason: "…", reviewer: "…", page: 1, match: "…" }] }]');
    for (const text of [HIDDEN, 'Jane', 'jane.roe', '867-5309']) expect(printed.join('\n')).not.toContain(text);
  });

  it('withholds whenever CI has any value, and only then', () => {
    expect([withholdsText({ CI: 'true' }), withholdsText({ CI: '1' }), withholdsText({ CI: 'false' }), withholdsText({ CI: '' }), withholdsText({})]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('attachments as messages name them', () => {
  const parent = {
    entry: message,
    sha256: '',
    bytes: 0,
    cacheKey: 'ab12',
    processed: true,
    result: {
      ...result([]),
      type: 'email' as const,
      attachments: [
        { page: 1, file: 'attachments/1-1-notes.txt', filename: 'notes.txt', mimeType: 'text/plain', bytes: 5 },
        { page: 1, file: 'attachments/1-2-jane-roe-219-09-9999.csv', filename: 'Jane Roe 219-09-9999.csv', mimeType: 'text/csv', bytes: 5 },
      ],
    },
  };
  const labels = (ci: string | undefined) => {
    const before = process.env.CI;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    try {
      return attachmentEntries([parent], new DerivativeCache('/nowhere')).map((e) => e.file);
    } finally {
      if (before === undefined) delete process.env.CI;
      else process.env.CI = before;
    }
  };

  it('by file name locally, and by place in CI, since a file name can be what the audit found', () => {
    expect(labels(undefined)).toEqual([
      'content/documents/desk/message.eml (attachment "notes.txt")',
      'content/documents/desk/message.eml (attachment "Jane Roe 219-09-9999.csv")',
    ]);
    expect(labels('true')).toEqual([
      'content/documents/desk/message.eml (attachment 1 of message 1)',
      'content/documents/desk/message.eml (attachment 2 of message 1)',
    ]);
  });

  it("takes none of the message's acceptances", () => {
    const withAcceptance = {
      ...parent,
      entry: { ...message, meta: documentSchema.parse({ title: 'm', audit: [{ rule: 'pii-ssn', reason: 'Reviewed.', reviewer: 'Ed' }] }) },
    };
    expect(attachmentEntries([withAcceptance], new DerivativeCache('/nowhere')).map((e) => e.meta.audit)).toEqual([[], []]);
  });
});

describe('many findings, as printed', () => {
  const table = entry('tips', 'table', { file: 'content/documents/desk/tips.csv' });
  const email = (row: number) => ({
    rule: 'pii-email',
    page: Math.ceil(row / 100),
    row,
    column: 'Email',
    evidence: `user${row}@example.org`,
    value: `user${row}@example.org`,
  });

  it('a table column full of addresses is one problem: count, rows, three examples and the line that redacts the column', () => {
    const many = judge([{ entry: table, result: result(Array.from({ length: 3000 }, (_, i) => email(i + 1))) }], []);
    const printed = blockingProblems(many, false).map(formatProblem);
    expect(printed).toEqual([
      'content/documents/desk/tips.csv: [pii-email] 3,000 findings in column "Email" (rows 1–3,000), e.g. row 1: user1@example.org; row 2: user2@example.org; row 3: user3@example.org\n' +
        `    → ${fix('pii-email')}. To redact them all (the reason code is yours to choose), add to content/documents/desk/tips.md: redactText: [{ rule: pii-email, column: "Email", reason: b6 }] (or withhold the column: redactColumns: ["Email"]); to accept them all once reviewed: audit: [{ rule: pii-email, reason: "…", reviewer: "…" }]`,
    ]);
    expect(blockingProblems(many, true).join('\n')).not.toContain('user1@');
  });

  it('a single finding names its row and column', () => {
    const one = judge([{ entry: table, result: result([email(2412)]) }], []);
    expect(blockingProblems(one, false).map(formatProblem)[0]).toMatch(
      /^content\/documents\/desk\/tips\.csv: \[pii-email\] row 2412, column "Email": user2412@example\.org\n/,
    );
  });

  it('lists at most MAX_GROUPS groups, then says how many more and where they all are', () => {
    const docs = Array.from({ length: MAX_GROUPS + 25 }, (_, i) => ({ entry: entry(`memo-${i}`, 'pdf'), result: result([email(1), email(2)]) }));
    const printed = blockingProblems(judge(docs, []), false, '.trove/audit-report.json');
    expect(printed).toHaveLength(MAX_GROUPS + 1);
    expect(formatProblem(printed.at(-1)!)).toBe(
      '.trove/audit-report.json: and 50 more blocking findings in 25 more groups (25 documents), not listed here\n' +
        '    → every finding, with the line to redact or accept it, is in .trove/audit-report.html (and .trove/audit-report.json)',
    );
  });

  it('content problems come before the audit’s, however the files sort', () => {
    const error = new BuildError([...blockingProblems(report, false), { file: 'content/stories/z.md', line: 20974, message: 'a broken link' }]);
    expect(error.problems[0]!.file).toBe('content/stories/z.md');
  });
});

describe('redactText and pictures it cannot read', () => {
  it('notes a document whose OCR is off, since a name in its pictures is published as it is', () => {
    const scan = entry('scan', 'pdf', {
      meta: documentSchema.parse({ title: 'scan', ocr: false }),
      textRedactions: [{ text: 'Perdita Hollowell', reason: 'b6', in: 'content/site.yml', index: 0 }],
    });
    const read = entry('read', 'pdf', { textRedactions: [{ text: 'Perdita Hollowell', reason: 'b6', in: 'content/site.yml', index: 0 }] });
    const notes = summaryLines(
      judge(
        [
          { entry: scan, result: result([]) },
          { entry: read, result: result([]) },
        ],
        [],
      ),
      undefined,
      false,
    ).filter((l) => l.includes('cannot see into its pictures'));
    expect(notes).toEqual([
      '  note: content/documents/desk/scan.pdf: redactText cannot see into its pictures (scans, photos): its OCR is off (ocr: false), so what they show is published as it is; turn OCR on, or check them and declare boxes',
    ]);
  });
});
