/**
 * Generates the benchmark's synthetic collection: PDFs of typed text pages
 * and scanned (image-only) pages, sidecars, collections, one CSV table and
 * stories that cite pages. Deterministic: document i's bytes depend only on
 * i, so the same flags give the same files and "one more document" is just
 * document N. The text avoids anything the personal-information audit
 * would block (no digits in running text, no addresses or e-mails).
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFImage } from '@cantoo/pdf-lib';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { BenchConfig } from './config.ts';
import { prng, word } from './vocabulary.ts';

export { prng };

const AGENCIES = [
  'Regional Fusion Center',
  'State Police',
  'County Sheriff',
  'Department of Homeland Security',
  'City Police Department',
  'Office of the Attorney General',
  'Emergency Management Agency',
  'Transit Police',
  'Port Authority',
  'Highway Patrol',
  'Bureau of Investigation',
  'Inspector General',
];
const TAGS = [
  'surveillance',
  'protests',
  'training',
  'contracts',
  'bulletins',
  'cyber',
  'grants',
  'equipment',
  'meetings',
  'border',
  'schools',
  'transit',
  'vendors',
  'audits',
  'complaints',
  'budgets',
  'drones',
  'licence plates',
  'gangs',
  'festivals',
];

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(word(rand));
  out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1);
  return `${out.join(' ')}.`;
}

export interface GeneratedDocument {
  id: string;
  collection: string;
  name: string;
  pageCount: number;
}

export function collectionOf(index: number, config: BenchConfig): string {
  return `c${String(Math.floor(index / config.perCollection) + 1).padStart(3, '0')}`;
}

export function documentOf(index: number, config: BenchConfig): GeneratedDocument {
  const rand = prng(1000 + index);
  const pageCount = config.pagesMin + Math.floor(rand() * (config.pagesMax - config.pagesMin + 1));
  const collection = collectionOf(index, config);
  const name = `doc-${String(index + 1).padStart(6, '0')}`;
  return { id: `${collection}/${name}`, collection, name, pageCount };
}

/** Scanned pages: a few grey "photographs of typed paper" shared by all documents, as JPEG. */
async function scanImages(): Promise<Buffer[]> {
  const width = 1275;
  const height = 1650;
  const out: Buffer[] = [];
  for (let v = 0; v < 4; v++) {
    const rand = prng(50 + v);
    const px = Buffer.alloc(width * height);
    for (let i = 0; i < px.length; i++) px[i] = 238 + Math.floor(rand() * 14);
    for (let y = 140; y < height - 140; y += 34) {
      let x = 120;
      while (x < width - 160) {
        const w = 20 + Math.floor(rand() * 90);
        for (let yy = y; yy < y + 16; yy++) for (let xx = x; xx < Math.min(x + w, width - 120); xx++) px[yy * width + xx] = 30 + Math.floor(rand() * 50);
        x += w + 12;
      }
    }
    out.push(
      await sharp(px, { raw: { width, height, channels: 1 } })
        .jpeg({ quality: 70 })
        .toBuffer(),
    );
  }
  return out;
}

let scans: Promise<Buffer[]> | undefined;

/** Writes document `index` (PDF and sidecar) into `contentDir`. */
export async function writeDocument(contentDir: string, index: number, config: BenchConfig): Promise<GeneratedDocument> {
  const doc = documentOf(index, config);
  const rand = prng(9000 + index);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const images = new Map<number, PDFImage>();
  const agency = AGENCIES[index % AGENCIES.length]!;
  const title = `${sentence(rand, 5).slice(0, -1)}`;
  const dir = path.join(contentDir, 'documents', doc.collection);
  await mkdir(dir, { recursive: true });
  if (config.format === 'text') {
    // A page's worth of typed text, without the PDF: what processing costs least, for measuring a collection's size.
    const lines = [`${agency} · ${title}`, ''];
    for (let l = 0; l < 40; l++) lines.push(sentence(rand, 4 + Math.floor(rand() * 8)));
    await writeFile(path.join(dir, `${doc.name}.txt`), `${lines.join('\n')}\n`);
    await writeSidecar(dir, doc, index, title, agency, rand);
    return doc;
  }
  for (let n = 1; n <= doc.pageCount; n++) {
    const page = pdf.addPage([612, 792]);
    if (rand() < config.scanned) {
      const variant = Math.floor(rand() * 4);
      if (!images.has(variant)) images.set(variant, await pdf.embedJpg((await (scans ??= scanImages()))[variant]!));
      page.drawImage(images.get(variant)!, { x: 0, y: 0, width: 612, height: 792 });
      // A mark placed by the document's number: scans of different documents never have the same bytes
      // (the cache would rightly process a file only once), and the page still has no text.
      page.drawRectangle({ x: 20 + (index % 500), y: 20 + (Math.floor(index / 500) % 700), width: 2, height: 2, color: rgb(0.5, 0.5, 0.5) });
      continue;
    }
    drawTextPage(page, font, rand, `${agency} · ${title}`, n, doc.pageCount);
  }
  await writeFile(path.join(dir, `${doc.name}.pdf`), await pdf.save());
  await writeSidecar(dir, doc, index, title, agency, rand);
  return doc;
}

async function writeSidecar(dir: string, doc: GeneratedDocument, index: number, title: string, agency: string, rand: () => number): Promise<void> {
  const year = 2010 + (index % 14);
  const date = `${year}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
  await writeFile(
    path.join(dir, `${doc.name}.md`),
    [
      '---',
      `title: "${title} (${doc.name})"`,
      `date: "${date}"`,
      `source: "${agency}"`,
      `tags: ["${TAGS[index % TAGS.length]}", "${TAGS[(index * 7 + 3) % TAGS.length]}"]`,
      `description: "${sentence(rand, 12)}"`,
      '---',
      '',
    ].join('\n'),
  );
}

function drawTextPage(page: ReturnType<PDFDocument['addPage']>, font: PDFFont, rand: () => number, header: string, n: number, of: number) {
  page.drawText(header, { x: 54, y: 740, size: 10, font });
  page.drawText(`Page ${n} of ${of}`, { x: 500, y: 740, size: 10, font });
  let y = 710;
  while (y > 70) {
    let line = '';
    while (line.length < 88) line += `${line ? ' ' : ''}${sentence(rand, 4 + Math.floor(rand() * 8))}`;
    page.drawText(line.slice(0, 96), { x: 54, y, size: 10, font });
    y -= 15;
  }
}

export function storyFile(contentDir: string, index: number): string {
  return path.join(contentDir, 'stories', `story-${String(index + 1).padStart(4, '0')}.md`);
}

/** A story citing five documents, each at a page it has. */
export function storyText(index: number, config: BenchConfig, edit = ''): string {
  const rand = prng(500_000 + index);
  const cites: string[] = [];
  for (let c = 0; c < 5; c++) {
    const doc = documentOf(Math.floor(rand() * config.documents), config);
    const page = 1 + Math.floor(rand() * doc.pageCount);
    cites.push(`${sentence(rand, 14)} See [page ${page}](doc:${doc.id}#page=${page}).`);
  }
  const day = String((index % 28) + 1).padStart(2, '0');
  return [
    '---',
    `title: "${sentence(rand, 6).slice(0, -1)}"`,
    `date: "2024-${String((index % 12) + 1).padStart(2, '0')}-${day}"`,
    'authors: ["Bench Desk"]',
    `summary: "${sentence(rand, 16)}"`,
    `tags: ["${TAGS[index % TAGS.length]}"]`,
    '---',
    '',
    ...cites.flatMap((c) => [c, '']),
    ...(edit ? [edit, ''] : []),
  ].join('\n');
}

async function writeTable(contentDir: string, rows: number, config: BenchConfig): Promise<void> {
  const dir = path.join(contentDir, 'documents', collectionOf(0, config));
  await mkdir(dir, { recursive: true });
  const out = createWriteStream(path.join(dir, 'ledger.csv'));
  out.write('entry,date,agency,category,amount,notes\n');
  const rand = prng(77);
  for (let i = 1; i <= rows; i++) {
    const line = `${i},2019-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${AGENCIES[i % AGENCIES.length]},${TAGS[i % TAGS.length]},${(i * 37) % 10000}.${i % 100},"${sentence(rand, 6)}"\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await writeFile(path.join(dir, 'ledger.md'), '---\ntitle: "Payments ledger"\nsource: "Regional Fusion Center"\ndate: "2019-12-31"\n---\n');
}

const MARKER = '.generated';

/**
 * Makes `contentDir` hold exactly the collection `config` describes: made
 * once (a marker records that it is complete), then reused; the changes an
 * incremental run makes (an edited story, an added document) are undone.
 */
export async function prepareContent(contentDir: string, config: BenchConfig, progress?: (done: number, total: number) => void): Promise<void> {
  const marker = path.join(contentDir, MARKER);
  if (
    await stat(marker).then(
      () => true,
      () => false,
    )
  ) {
    await undoIncremental(contentDir, config);
    return;
  }
  await rm(contentDir, { recursive: true, force: true });
  await mkdir(path.join(contentDir, 'stories'), { recursive: true });
  await mkdir(path.join(contentDir, 'collections'), { recursive: true });
  await writeFile(
    path.join(contentDir, 'site.yml'),
    'title: "Trove benchmark collection"\ndescription: "Synthetic documents generated by npm run bench."\nlanguage: en\npublisher: "Trove bench"\nurl: "https://bench.example.org/"\nmirrors: []\n',
  );
  const collections = Math.ceil((config.documents + 1) / config.perCollection);
  for (let c = 0; c < collections; c++) {
    const slug = collectionOf(c * config.perCollection, config);
    await writeFile(
      path.join(contentDir, 'collections', `${slug}.md`),
      `---\ntitle: "Collection ${slug}"\nsource: "Bench"\ndescription: "Generated documents."\n---\n\nGenerated for the benchmark.\n`,
    );
  }
  for (let i = 0; i < config.documents; i++) {
    await writeDocument(contentDir, i, config);
    progress?.(i + 1, config.documents);
  }
  for (let s = 0; s < config.stories; s++) await writeFile(storyFile(contentDir, s), storyText(s, config));
  if (config.csvRows > 0) await writeTable(contentDir, config.csvRows, config);
  await writeFile(marker, JSON.stringify(config));
}

/** The incremental run's changes: story 1 edited, document N added. */
export async function applyIncremental(contentDir: string, config: BenchConfig): Promise<GeneratedDocument> {
  if (config.stories > 0) await writeFile(storyFile(contentDir, 0), storyText(0, config, 'An editor added this paragraph for the incremental build.'));
  return writeDocument(contentDir, config.documents, config);
}

async function undoIncremental(contentDir: string, config: BenchConfig): Promise<void> {
  if (config.stories > 0) {
    const file = storyFile(contentDir, 0);
    const original = storyText(0, config);
    if ((await readFile(file, 'utf8').catch(() => '')) !== original) await writeFile(file, original);
  }
  const extra = documentOf(config.documents, config);
  for (const ext of ['pdf', 'txt', 'md']) await rm(path.join(contentDir, 'documents', extra.collection, `${extra.name}.${ext}`), { force: true });
}

/** Absolute paths of the generated PDFs, in order. */
export function pdfPaths(contentDir: string, config: BenchConfig): string[] {
  return Array.from({ length: config.documents }, (_, i) => {
    const d = documentOf(i, config);
    return path.join(contentDir, 'documents', d.collection, `${d.name}.pdf`);
  });
}
