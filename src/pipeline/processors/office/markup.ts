/**
 * What an Office package still carries of its editing: tracked changes
 * never accepted or rejected, and comments. Read from the package's XML
 * (Office Open XML and OpenDocument alike), by namespace, in every part and
 * in every package embedded in it, whatever the parts are called: Office
 * programs find parts through relationships, so names prove nothing.
 * Node-only (reads the zip); what it counts is in MARKUP below.
 */
import type { Readable } from 'node:stream';
import type { MarkupCount, OfficeMarkupInput } from '../../audit/types.ts';
import { ElementCounter, xmlDecoder } from './element-counter.ts';
import { isZip, readZipEntries, ZipBudget } from './zip-entries.ts';

const WORD = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
const SHEET = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];
const SLIDES = ['http://schemas.openxmlformats.org/presentationml/2006/main', 'http://purl.oclc.org/ooxml/presentationml/main'];
const ODF_TEXT = ['urn:oasis:names:tc:opendocument:xmlns:text:1.0'];
const ODF_TABLE = ['urn:oasis:names:tc:opendocument:xmlns:table:1.0'];
const ODF_OFFICE = ['urn:oasis:names:tc:opendocument:xmlns:office:1.0', 'http://openoffice.org/2009/office'];

type Kind = 'revisions' | 'comments';
interface Target {
  kind: Kind;
  namespaces: ReadonlySet<string>;
  /** Local name → what an editor calls it (singular). */
  names: Record<string, string>;
}

const FORMATTING = 'formatting change';

/** Every element that is a tracked change or a comment, by namespace. */
const MARKUP: Target[] = [
  {
    kind: 'revisions',
    namespaces: new Set(WORD),
    names: {
      ins: 'insertion',
      del: 'deletion',
      cellIns: 'insertion',
      cellDel: 'deletion',
      customXmlInsRangeStart: 'insertion',
      customXmlDelRangeStart: 'deletion',
      moveFrom: 'move',
      moveTo: 'move',
      customXmlMoveFromRangeStart: 'move',
      customXmlMoveToRangeStart: 'move',
      cellMerge: FORMATTING,
      rPrChange: FORMATTING,
      pPrChange: FORMATTING,
      sectPrChange: FORMATTING,
      tblPrChange: FORMATTING,
      tblPrExChange: FORMATTING,
      trPrChange: FORMATTING,
      tcPrChange: FORMATTING,
      tblGridChange: FORMATTING,
      numberingChange: FORMATTING,
    },
  },
  {
    // A workbook's revision log (xl/revisions/), kept while changes are tracked.
    kind: 'revisions',
    namespaces: new Set(SHEET),
    names: {
      rcc: 'cell change',
      rrc: 'row or column change',
      rm: 'move',
      ris: 'sheet insertion',
      rsnm: 'sheet rename',
      rdn: 'name change',
      rcmt: 'comment change',
      rfmt: FORMATTING,
      raf: FORMATTING,
      rcft: 'conflict',
      rqt: 'query change',
    },
  },
  { kind: 'revisions', namespaces: new Set(ODF_TEXT), names: { insertion: 'insertion', deletion: 'deletion', 'format-change': FORMATTING } },
  {
    kind: 'revisions',
    namespaces: new Set(ODF_TABLE),
    names: { insertion: 'insertion', deletion: 'deletion', movement: 'move', 'cell-content-change': 'cell change' },
  },
  { kind: 'comments', namespaces: new Set(WORD), names: { comment: 'comment' } },
  { kind: 'comments', namespaces: new Set(SHEET), names: { comment: 'comment' } },
  {
    kind: 'comments',
    namespaces: new Set(['http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments']),
    names: { threadedComment: 'threaded comment' },
  },
  { kind: 'comments', namespaces: new Set([...SLIDES, 'http://schemas.microsoft.com/office/powerpoint/2018/8/main']), names: { cm: 'comment' } },
  { kind: 'comments', namespaces: new Set(ODF_OFFICE), names: { annotation: 'comment' } },
];

const LOCALS: ReadonlySet<string> = new Set(MARKUP.flatMap((t) => Object.keys(t.names)));

/** Packages inside packages (an embedded workbook, a Word "alt chunk") are read this deep. */
const MAX_DEPTH = 3;

/**
 * Tracked changes and comments in an Office package (a file path, or bytes
 * of a package inside another). Throws DocumentError for an unreadable zip
 * or one that unpacks past `budget`.
 */
export async function officeMarkup(source: string | Buffer, budget = new ZipBudget(), depth = 0, within = ''): Promise<OfficeMarkupInput> {
  const found: OfficeMarkupInput = { revisions: [], comments: [] };
  await readZipEntries(
    source,
    async (name, data) => {
      const part = `${within}${name}`;
      const nested = await countPart(data, part, depth, budget);
      if ('revisions' in nested) {
        found.revisions.push(...nested.revisions);
        found.comments.push(...nested.comments);
      } else {
        for (const kind of ['revisions', 'comments'] as const) {
          const counts = tally(nested, kind);
          if (Object.keys(counts).length > 0) found[kind].push({ part, counts });
        }
      }
    },
    budget,
  );
  return found;
}

/**
 * One part: its element counts, or what a package inside it carries. A part
 * that is neither XML nor a zip (a picture, a video, a font) holds no
 * markup and is not read past its first bytes.
 */
async function countPart(data: Readable, part: string, depth: number, budget: ZipBudget): Promise<ElementCounter | OfficeMarkupInput> {
  const counter = new ElementCounter(LOCALS);
  let decoder: TextDecoder | undefined;
  let nested: Buffer[] | undefined;
  for await (const chunk of data as AsyncIterable<Buffer>) {
    budget.countBytes(chunk.length);
    if (!decoder && !nested) {
      if (isZip(chunk) && depth < MAX_DEPTH) nested = [];
      else if (mayBeXml(chunk)) decoder = xmlDecoder(chunk);
      else break;
    }
    if (nested) nested.push(chunk);
    else counter.push(decoder!.decode(chunk, { stream: true }));
  }
  if (nested) return officeMarkup(Buffer.concat(nested), budget, depth + 1, `${part} › `);
  counter.push(decoder?.decode() ?? '', true);
  return counter;
}

/** XML starts with `<` after any byte-order mark and white space, in UTF-8 or UTF-16. */
function mayBeXml(first: Uint8Array): boolean {
  for (const byte of first) {
    if (byte === 0x3c) return true;
    // BOMs (EF BB BF, FF FE, FE FF), UTF-16's zero bytes, and white space.
    if (![0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x00, 0x20, 0x09, 0x0a, 0x0d].includes(byte)) return false;
  }
  return true;
}

function tally(counter: ElementCounter, kind: Kind): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const target of MARKUP.filter((t) => t.kind === kind)) {
    for (const [local, label] of Object.entries(target.names)) {
      const n = counter.count(target.namespaces, local);
      if (n > 0) counts[label] = (counts[label] ?? 0) + n;
    }
  }
  return counts;
}

/** "2 deletions and 1 insertion in word/document.xml; 1 comment in word/comments.xml" */
export function describeMarkup(found: MarkupCount[]): string {
  return found
    .map(({ part, counts }) => {
      const items = Object.entries(counts).map(([label, n]) => `${n} ${n === 1 ? label : `${label}s`}`);
      const list = items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items[0];
      return `${list} in ${part}`;
    })
    .join('; ');
}
