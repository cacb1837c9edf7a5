/**
 * Tracked changes and comments read straight from Office packages made in
 * code (no LibreOffice): Word, OpenDocument, Excel and PowerPoint, under
 * any namespace prefix, in packages inside packages, in UTF-16 parts, and
 * zips that would unpack to far more than they declare. The findings count
 * what they found and never quote it.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../src/pipeline/audit/rules/index.ts';
import type { OfficeMarkupInput } from '../../src/pipeline/audit/types.ts';
import { ElementCounter } from '../../src/pipeline/processors/office/element-counter.ts';
import { officeMarkup } from '../../src/pipeline/processors/office/markup.ts';
import { UnreadablePackageError, ZipBudget } from '../../src/pipeline/processors/office/zip-entries.ts';
import { DocumentError } from '../../src/pipeline/errors.ts';
import { tempDir } from '../helpers/build.ts';
import { docx, odt, pptxParts, xlsxParts } from '../helpers/office-markup.ts';
import { zip } from '../helpers/zip.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

async function markupOf(bytes: Buffer, budget?: ZipBudget): Promise<OfficeMarkupInput> {
  const file = path.join(await tempDir('office-markup'), 'file.zip');
  await writeFile(file, bytes);
  return officeMarkup(file, budget);
}

const check = (markup: OfficeMarkupInput) => rulesFor('office').flatMap((rule) => rule.check(markup));
const wordDocument = (body: string, ns = `xmlns:w="${W}"`) =>
  zip({ 'word/document.xml': `<?xml version="1.0"?><w:document ${ns}><w:body>${body}</w:body></w:document>` });

describe('a .docx', () => {
  it('with a tracked deletion, an insertion and a comment gives both findings, counting without quoting', async () => {
    const markup = await markupOf(docx('The memo.', { deleted: 'Agent Smithers', inserted: 'the agent', comment: 'take the name out' }));
    expect(markup.revisions).toEqual([{ part: 'word/document.xml', counts: { insertion: 1, deletion: 1 } }]);
    expect(markup.comments).toEqual([{ part: 'word/comments.xml', counts: { comment: 1 } }]);
    const findings = check(markup);
    expect(findings.map((f) => f.rule)).toEqual(['office-revisions', 'office-comments']);
    expect(findings[0]!.evidence).toBe('tracked changes: 1 insertion and 1 deletion in word/document.xml');
    expect(findings[1]!.evidence).toBe('comments: 1 comment in word/comments.xml');
    expect(JSON.stringify(findings)).not.toMatch(/Smithers|agent|name out/);
  });

  it('without changes or comments gives no finding', async () => {
    expect(check(await markupOf(docx('The memo.')))).toEqual([]);
  });

  it('counts moves and formatting changes, and changes in headers and footnotes', async () => {
    const bytes = zip({
      'word/document.xml': `<w:document xmlns:w="${W}"><w:body><w:p><w:moveFrom w:id="1"><w:r><w:t>a</w:t></w:r></w:moveFrom><w:moveTo w:id="2"><w:r><w:t>a</w:t></w:r></w:moveTo><w:r><w:rPr><w:b/><w:rPrChange w:id="3"><w:rPr/></w:rPrChange></w:rPr></w:r></w:p></w:body></w:document>`,
      'word/header1.xml': `<w:hdr xmlns:w="${W}"><w:p><w:del w:id="4"><w:r><w:delText>x</w:delText></w:r></w:del></w:p></w:hdr>`,
    });
    expect((await markupOf(bytes)).revisions).toEqual([
      { part: 'word/document.xml', counts: { move: 2, 'formatting change': 1 } },
      { part: 'word/header1.xml', counts: { deletion: 1 } },
    ]);
  });

  it('counts a change under any prefix bound to Word’s namespace, and nothing of the same name in another namespace', async () => {
    const renamed = wordDocument('<w:p><x:del xmlns:x="' + W + '"><w:r/></x:del><w:r><w:t>kept</w:t></w:r></w:p>');
    expect((await markupOf(renamed)).revisions).toEqual([{ part: 'word/document.xml', counts: { deletion: 1 } }]);
    const defaultNs = zip({ 'word/document.xml': `<document xmlns="${W}"><body><p><ins><r><t>new</t></r></ins></p></body></document>` });
    expect((await markupOf(defaultNs)).revisions).toEqual([{ part: 'word/document.xml', counts: { insertion: 1 } }]);
    const other = wordDocument('<w:p><o:del xmlns:o="urn:example:other"/></w:p>');
    expect((await markupOf(other)).revisions).toEqual([]);
  });

  it('is read inside a package embedded in it, and in a UTF-16 part', async () => {
    const inner = docx('Inner.', { deleted: 'gone' });
    const outer = zip({ 'word/document.xml': `<w:document xmlns:w="${W}"><w:body/></w:document>`, 'word/embeddings/Document1.docx': inner });
    expect((await markupOf(outer)).revisions).toEqual([{ part: 'word/embeddings/Document1.docx › word/document.xml', counts: { deletion: 1 } }]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-16"?><w:document xmlns:w="${W}"><w:body><w:p><w:ins><w:r/></w:ins></w:p></w:body></w:document>`,
        'utf16le',
      ),
    ]);
    expect((await markupOf(zip({ 'word/document.xml': utf16 }))).revisions).toEqual([{ part: 'word/document.xml', counts: { insertion: 1 } }]);
  });
});

describe('other Office formats', () => {
  it('an .odt with a tracked deletion, an insertion and a comment', async () => {
    const markup = await markupOf(odt('The memo.', { deleted: 'Agent Smithers', inserted: 'the agent', comment: 'take the name out' }));
    expect(markup.revisions).toEqual([{ part: 'content.xml', counts: { deletion: 1, insertion: 1 } }]);
    expect(markup.comments).toEqual([{ part: 'content.xml', counts: { comment: 1 } }]);
    expect(check(await markupOf(odt('The memo.')))).toEqual([]);
  });

  it('an .ods with a tracked cell change', async () => {
    const content =
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">' +
      '<office:body><office:spreadsheet><table:tracked-changes><table:cell-content-change table:id="ct1"><table:cell-address table:column="0" table:row="0" table:table="0"/></table:cell-content-change></table:tracked-changes></office:spreadsheet></office:body></office:document-content>';
    expect((await markupOf(zip({ 'content.xml': content }))).revisions).toEqual([{ part: 'content.xml', counts: { 'cell change': 1 } }]);
  });

  it('an .xlsx with a revision log, a note and a threaded comment', async () => {
    const markup = await markupOf(zip(xlsxParts({ revision: true, note: 'check with legal', threaded: 'who is this?' })));
    expect(markup.revisions).toEqual([{ part: 'xl/revisions/revisionLog1.xml', counts: { 'cell change': 1 } }]);
    expect(markup.comments).toEqual([
      { part: 'xl/comments1.xml', counts: { comment: 1 } },
      { part: 'xl/threadedComments/threadedComment1.xml', counts: { 'threaded comment': 1 } },
    ]);
    expect(check(await markupOf(zip(xlsxParts({}))))).toEqual([]);
  });

  it('a .pptx with legacy and modern slide comments', async () => {
    const markup = await markupOf(zip(pptxParts({ legacy: 'cut this slide', modern: 'source?' })));
    expect(markup.comments).toEqual([
      { part: 'ppt/comments/comment1.xml', counts: { comment: 1 } },
      { part: 'ppt/comments/modernComment_100_1.xml', counts: { comment: 1 } },
    ]);
    expect(check(await markupOf(zip(pptxParts({}))))).toEqual([]);
  });
});

describe('zips that are not what they say', () => {
  it('refuses a package that unpacks past the budget, before inflating it', async () => {
    const big = docx('x'.repeat(5000));
    await expect(markupOf(big, new ZipBudget(4000))).rejects.toThrow(/unpacks to more than 4,000 bytes, which no real document needs/);
  });

  it('counts what it inflates: parts that are not markup (pictures, media) are not read past their start', async () => {
    const media = Buffer.alloc(900_000, 0x41);
    const xml = (n: number) => `<w:document xmlns:w="${W}"><w:body>${'<w:p/>'.repeat(n)}</w:body></w:document>`;
    const withMedia = zip({ 'word/document.xml': xml(10), 'word/media/a.bin': media, 'word/media/b.bin': media, 'word/media/c.bin': media });
    expect(await markupOf(withMedia, new ZipBudget(1_000_000))).toEqual({ revisions: [], comments: [] });
    const twoLargeParts = zip({ 'word/document.xml': xml(100_000), 'word/header1.xml': xml(100_000) });
    await expect(markupOf(twoLargeParts, new ZipBudget(1_000_000))).rejects.toThrow(/unpacks to more than 1,000,000 bytes/);
  });

  it('refuses a part that inflates to more than its declared size (a zip bomb)', async () => {
    const bomb = zip(
      { 'word/document.xml': `<w:document xmlns:w="${W}"><w:body>${'<w:p/>'.repeat(200_000)}</w:body></w:document>` },
      { deflate: true, declaredSize: () => 100 },
    );
    const error = await markupOf(bomb).catch((e) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect(error).not.toBeInstanceOf(UnreadablePackageError);
    expect(error.message).toMatch(/word\/document\.xml is damaged/);
  });

  it('calls a file whose directory cannot be read unreadable (LibreOffice may still repair it)', async () => {
    const truncated = docx('The memo.', { deleted: 'x' }).subarray(0, 200);
    await expect(markupOf(Buffer.from(truncated))).rejects.toBeInstanceOf(UnreadablePackageError);
  });
});

describe('ElementCounter', () => {
  it('counts tags cut anywhere between pieces, once each', () => {
    const xml = `<w:document xmlns:w="${W}">${'<w:ins w:id="1"/> filler '.repeat(500)}</w:document>`;
    for (const size of [1, 7, 4096, 5000]) {
      const counter = new ElementCounter(new Set(['ins']));
      for (let i = 0; i < xml.length; i += size) counter.push(xml.slice(i, i + size));
      counter.push('', true);
      expect(counter.count(new Set([W]), 'ins')).toBe(500);
    }
  });
});
