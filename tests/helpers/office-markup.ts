/**
 * Office files with unfinished editing, made in code for tests: tracked
 * changes (insertions, deletions) and comments, the way Word and
 * LibreOffice write them, and clean twins without either. The XML is the
 * minimum each program opens.
 */
import { zip } from './zip.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** What a test document holds besides its plain paragraph. */
export interface Markup {
  /** Text of a tracked deletion (still in the file, struck through when shown). */
  deleted?: string;
  /** Text of a tracked insertion. */
  inserted?: string;
  /** Text of a comment on the paragraph. */
  comment?: string;
  /** Pages of filler after the paragraph (.docx only), to make a long document. */
  morePages?: number;
}

const run = (text: string) => `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;

const fillerPages = (n: number) =>
  Array.from({ length: n }, (_, i) => `<w:p><w:r><w:br w:type="page"/></w:r>${run(`Page ${i + 2} of the memo.`)}</w:p>`).join('');

/** A .docx with one paragraph of `text` and, optionally, a tracked deletion, a tracked insertion and a comment. */
export function docx(text: string, markup: Markup = {}): Buffer {
  const change = 'w:author="Reviewer" w:date="2024-03-01T10:00:00Z"';
  let body = run(text);
  if (markup.deleted) body += `<w:del w:id="1" ${change}><w:r><w:delText xml:space="preserve"> ${escapeXml(markup.deleted)}</w:delText></w:r></w:del>`;
  if (markup.inserted) body += `<w:ins w:id="2" ${change}>${run(` ${markup.inserted}`)}</w:ins>`;
  if (markup.comment) body = `<w:commentRangeStart w:id="0"/>${body}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`;
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      (markup.comment
        ? '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        : '') +
      '</Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body><w:p>${body}</w:p>${fillerPages(markup.morePages ?? 0)}</w:body></w:document>`,
  };
  if (markup.comment) {
    files['word/_rels/document.xml.rels'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId2" Type="${REL}/comments" Target="comments.xml"/></Relationships>`;
    files['word/comments.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W}"><w:comment w:id="0" w:author="Reviewer" w:date="2024-03-01T10:00:00Z" w:initials="R"><w:p>${run(markup.comment)}</w:p></w:comment></w:comments>`;
  }
  return zip(files);
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"';

/** An .odt with one paragraph of `text` and, optionally, a tracked deletion, a tracked insertion and a comment (an annotation). */
export function odt(text: string, markup: Markup = {}): Buffer {
  const info = '<office:change-info><dc:creator>Reviewer</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>';
  const regions: string[] = [];
  let paragraph = escapeXml(text);
  if (markup.deleted) {
    regions.push(
      `<text:changed-region text:id="ct1"><text:deletion>${info}<text:p>${escapeXml(markup.deleted)}</text:p></text:deletion></text:changed-region>`,
    );
    paragraph += ' <text:change text:change-id="ct1"/>';
  }
  if (markup.inserted) {
    regions.push(`<text:changed-region text:id="ct2"><text:insertion>${info}</text:insertion></text:changed-region>`);
    paragraph += ` <text:change-start text:change-id="ct2"/>${escapeXml(markup.inserted)}<text:change-end text:change-id="ct2"/>`;
  }
  if (markup.comment) paragraph += `<office:annotation><dc:creator>Reviewer</dc:creator><text:p>${escapeXml(markup.comment)}</text:p></office:annotation>`;
  const tracked = regions.length > 0 ? `<text:tracked-changes text:track-changes="true">${regions.join('')}</text:tracked-changes>` : '';
  return zip({
    mimetype: 'application/vnd.oasis.opendocument.text',
    'META-INF/manifest.xml':
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
      '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    'content.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS}><office:body><office:text>${tracked}<text:p>${paragraph}</text:p></office:text></office:body></office:document-content>`,
  });
}

const SHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * The parts of an .xlsx that hold its editing (not a workbook a program
 * opens): a revision log with a changed cell, a legacy note and a threaded
 * comment, as Excel writes them.
 */
export function xlsxParts(markup: { revision?: boolean; note?: string; threaded?: string }): Record<string, string> {
  const parts: Record<string, string> = {
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${SHEET}"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${SHEET}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Total</t></is></c></row></sheetData></worksheet>`,
  };
  if (markup.revision) {
    parts['xl/revisions/revisionLog1.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><revisions xmlns="${SHEET}"><rcc rId="1" sId="1"><oc r="A1" t="inlineStr"><is><t>Old total</t></is></oc><nc r="A1" t="inlineStr"><is><t>Total</t></is></nc></rcc></revisions>`;
  }
  if (markup.note) {
    parts['xl/comments1.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><comments xmlns="${SHEET}"><authors><author>Reviewer</author></authors><commentList><comment ref="A1" authorId="0"><text><t>${escapeXml(markup.note)}</t></text></comment></commentList></comments>`;
  }
  if (markup.threaded) {
    parts['xl/threadedComments/threadedComment1.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="A1" id="{1}"><text>${escapeXml(markup.threaded)}</text></threadedComment></ThreadedComments>`;
  }
  return parts;
}

/** The parts of a .pptx that hold slide comments, legacy (`p:cm`) and modern (PowerPoint 365), with one slide. */
export function pptxParts(markup: { legacy?: string; modern?: string }): Record<string, string> {
  const parts: Record<string, string> = {
    'ppt/slides/slide1.xml':
      '<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Budget</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>',
  };
  if (markup.legacy) {
    parts['ppt/comments/comment1.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><p:cmLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cm authorId="0" idx="1"><p:pos x="10" y="10"/><p:text>${escapeXml(markup.legacy)}</p:text></p:cm></p:cmLst>`;
  }
  if (markup.modern) {
    parts['ppt/comments/modernComment_100_1.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><p188:cmLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p188:cm id="{1}" authorId="{2}"><p188:txBody><a:p><a:r><a:t>${escapeXml(markup.modern)}</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>`;
  }
  return parts;
}
