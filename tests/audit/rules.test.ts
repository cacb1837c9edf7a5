/**
 * Each audit rule fires on a file made with its defect and not on a clean
 * twin. Files are processed by the real processors (pdf.js, sharp, exifr),
 * the same way the build processes them.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/pipeline/audit/types.ts';
import { imageProcessor } from '../../src/pipeline/processors/image.ts';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS, type RedactionRequest } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import * as make from '../helpers/defect-pdfs.ts';
import { makeGpsPhoto, PHOTO_GPS, tiffWithExif, withPngText } from '../helpers/photos.ts';
import { readPdf } from '../helpers/pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('audit-rules');
});

async function auditPdf(name: string, bytes: Uint8Array, redaction?: RedactionRequest) {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const outDir = path.join(dir, name);
  return pdfProcessor.process({ type: 'pdf', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS, redaction }, () => {});
}

const rulesOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.rule))].sort();

describe('PDF rules: each fires on its defect, not on the clean twin', () => {
  const cases: [rule: string, defect: () => Promise<Uint8Array>, twin: () => Promise<Uint8Array>, evidence: RegExp][] = [
    ['text-under-box', make.boxOverText, make.boxAwayFromText, /hides "Jane Roe"/],
    ['unapplied-redaction', make.unappliedRedact, () => make.plain(), /marked for redaction: "Jane Roe"/],
    ['annotation-text', make.withComment, () => make.plain(), /Source lives at the blue house/],
    ['pdf-metadata', make.withAuthor, () => make.plain(), /Author: Harriet Whistleblower/],
    ['earlier-revisions', make.withEarlierRevision, () => make.plain(), /2 revisions.*Codename Nightjar/],
    ['embedded-files', make.withAttachment, () => make.plain(), /notes\.txt/],
    ['dark-annotation', make.darkHighlight, make.yellowHighlight, /annotation hides "Jane Roe" in a PDF viewer/],
    ['javascript', make.withJavaScript, () => make.plain(), /document script "beacon"/],
    ['hidden-layers', make.withHiddenLayer, () => make.plain(), /hidden layer "Reviewer notes"/],
    [
      'pdf-encryption',
      make.ownerPasswordOnly,
      () => make.plain(),
      /encrypted \(Standard security handler\) with no password needed to open it; restricts printing, copying text/,
    ],
  ];
  for (const [rule, defect, twin, evidence] of cases) {
    it(rule, async () => {
      const found = await auditPdf(`${rule}-defect`, await defect());
      expect(rulesOf(found.findings)).toEqual([rule]);
      expect(found.findings[0].evidence).toMatch(evidence);
      const clean = await auditPdf(`${rule}-twin`, await twin());
      expect(clean.findings).toEqual([]);
    });
  }

  it('personal information: e-mail, phone, SSN and street address, each with its page', async () => {
    const found = await auditPdf('pii', await make.withPersonalInformation());
    expect(found.findings.map((f) => [f.rule, f.page, f.evidence])).toEqual([
      ['pii-email', 1, make.PII.email],
      ['pii-phone', 1, make.PII.phone],
      ['pii-ssn', 1, make.PII.ssn],
      ['pii-address', 1, make.PII.address],
    ]);
    expect((await auditPdf('pii-twin', await make.plain())).findings).toEqual([]);
  });

  it('personal information: each finding gives the box of the glyphs it came from, in page space', async () => {
    const found = await auditPdf('pii-boxes', await make.withPersonalInformation());
    for (const [rule, key] of [
      ['pii-email', 'email'],
      ['pii-phone', 'phone'],
      ['pii-ssn', 'ssn'],
      ['pii-address', 'address'],
    ] as const) {
      const box = found.findings.find((f) => f.rule === rule)?.box;
      expect(box, rule).toBeDefined();
      const [x, y, width, height] = await make.piiBoxTopLeft(key);
      // Characters are placed by Helvetica's widths inside pdf.js's run: within a point or two.
      expect(Math.abs(box!.x - x), `${rule} x`).toBeLessThan(2);
      expect(Math.abs(box!.y - y), `${rule} y`).toBeLessThan(1);
      expect(Math.abs(box!.width - width), `${rule} width`).toBeLessThan(3);
      expect(Math.abs(box!.height - height), `${rule} height`).toBeLessThan(1);
    }
  });

  it('personal information: declaring the found boxes as redactions removes every value from the page text', async () => {
    const bytes = await make.withPersonalInformation();
    const found = await auditPdf('pii-to-redact', bytes);
    const boxes = found.findings.map((f) => ({ page: f.page!, box: f.box!, reason: 'pii' }));
    expect(boxes.every((b) => b.box)).toBe(true);
    const redacted = await auditPdf('pii-redacted', bytes, { boxes });
    expect(redacted.findings).toEqual([]);
    for (const value of Object.values(make.PII)) expect(redacted.pages[0].text).not.toContain(value);
    // Only the values went: the words around them stay.
    expect(redacted.pages[0].text).toContain('Springfield');
    expect(redacted.pages[0].text).toContain('Write to [redacted pii] or call');
  });

  it('gives the box of the hidden words in page space (points from the top-left)', async () => {
    const found = await auditPdf('box-place', await make.boxOverText());
    // The box drawn over the name is a point wider and taller each side than the name's own box.
    const [x, y, width, height] = await make.secretBoxTopLeft();
    const box = found.findings[0].box!;
    expect(box.x).toBeCloseTo(x + 1, 0);
    expect(box.width).toBeCloseTo(width - 2, 0);
    // The name's box: from a quarter of the 12-point size below the baseline to 0.85 of it above.
    expect(box.y).toBeCloseTo(y + height - 4 - 0.85 * 12, 0);
    expect(box.height).toBeCloseTo(1.1 * 12, 0);
  });
});

describe('owner-password encryption', () => {
  it('is published as an unencrypted rebuild with the same text', async () => {
    const result = await auditPdf('encrypted-download', await make.ownerPasswordOnly());
    expect(result.pages[0].text).toContain('The informant was Jane Roe of Springfield.');
    const download = path.join(dir, 'encrypted-download/download.pdf');
    expect((await readPdf(download)).pages[0]).toContain('Springfield');
    expect((await readPdf(download)).info.EncryptFilterName ?? null).toBeNull();
    expect(execFileSync('qpdf', ['--show-encryption', download], { encoding: 'utf8' })).toContain('File is not encrypted');
  });
});

describe('hidden layers', () => {
  it('keep their text out of the page text and out of the rebuilt download', async () => {
    const result = await auditPdf('layer-text', await make.withHiddenLayer());
    expect(result.pages[0].text).toContain('parking permits');
    expect(result.pages[0].text).not.toContain('depot');
    const download = await readPdf(path.join(dir, 'layer-text/download.pdf'));
    expect(download.pages[0]).toContain('parking');
    expect(download.pages[0]).not.toContain('depot');
  });

  it('inside one another keep every hidden text out, and the visible text in', async () => {
    const result = await auditPdf('nested-layers', await make.withNestedHiddenLayers());
    // Counted wrongly, the sections disagree with the text's: the page kept no text at all, and the later layer's
    // glyphs counted as drawn.
    expect(result.pages[0].text).toContain('parking permits');
    for (const hidden of ['Quillfeather', 'counsel meets']) {
      expect(result.pages[0].text).not.toContain(hidden);
      expect((await readPdf(path.join(dir, 'nested-layers/download.pdf'))).pages[0]).not.toContain(hidden);
    }
    // Only the layers are reported: counted wrongly, the later layer's text was also "text that draws nothing".
    expect(rulesOf(result.findings)).toEqual(['hidden-layers']);
  });
});

async function processImage(file: string, redaction?: RedactionRequest) {
  const outDir = path.join(dir, path.basename(file).replace(/\./g, '-'));
  return imageProcessor.process({ type: 'image', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS, redaction }, () => {});
}

/** GPS tags as sharp writes them: the position the fixture photo records. */
const GPS_TAGS = { GPSLatitudeRef: 'N', GPSLatitude: '43/1 28/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 53/1 0/1' };
const XMP =
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Secret Photographer</rdf:li></rdf:Seq></dc:creator></rdf:Description>' +
  '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
const swatch = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } });

describe('image rules', () => {
  it('image-gps and image-metadata fire on a camera photo with GPS, not on its stripped twin', async () => {
    const photo = path.join(dir, 'gps.jpg');
    makeGpsPhoto(photo);
    const found = await processImage(photo);
    expect(rulesOf(found.findings)).toEqual(['image-gps', 'image-metadata']);
    expect(found.findings.find((f) => f.rule === 'image-gps')!.evidence).toBe(
      `GPS position ${PHOTO_GPS.latitude.toFixed(4)}, ${PHOTO_GPS.longitude.toFixed(4)}`,
    );
    expect(found.findings.find((f) => f.rule === 'image-metadata')!.evidence).toMatch(/Make: TroveTestCam.*Artist: Secret Photographer/);

    const twin = path.join(dir, 'stripped.jpg');
    await sharp(photo).jpeg().toFile(twin);
    expect((await processImage(twin)).findings).toEqual([]);
  });

  for (const format of ['png', 'webp', 'tiff'] as const) {
    it(`image-gps and image-metadata fire on a ${format.toUpperCase()} with EXIF, GPS and XMP, not on its clean twin`, async () => {
      const defect = path.join(dir, `metadata.${format}`);
      if (format === 'tiff') {
        await writeFile(
          defect,
          tiffWithExif({ software: 'ScanDesk 4', artist: 'Secret Photographer', latitude: [43, 28, 0], longitude: [11, 53, 0], xmp: XMP }),
        );
      } else {
        await swatch()
          .toFormat(format)
          .withExif({ IFD0: { Artist: 'Secret Photographer', Software: 'ScanDesk 4' }, IFD3: GPS_TAGS })
          .withXmp(XMP)
          .toFile(defect);
      }
      const found = await processImage(defect);
      expect(rulesOf(found.findings)).toEqual(['image-gps', 'image-metadata']);
      const evidence = found.findings.find((f) => f.rule === 'image-metadata')!.evidence;
      expect(evidence).toMatch(/EXIF \(\d+ tags; Software: ScanDesk 4; Artist: Secret Photographer\)/);
      expect(evidence).toContain('XMP');
      expect(found.findings.find((f) => f.rule === 'image-gps')!.evidence).toBe('GPS position 43.4667, 11.8833');

      // A TIFF's structure tags (size, compression, strips) are not metadata: the twin has them too.
      const twin = path.join(dir, `clean.${format}`);
      await swatch().toFormat(format).toFile(twin);
      expect((await processImage(twin)).findings).toEqual([]);
    });
  }

  it('image-metadata fires on PNG text chunks and an ICC profile, not on the clean twin', async () => {
    const clean = await swatch().png().toBuffer();
    const file = path.join(dir, 'text-chunk.png');
    await writeFile(file, withPngText(clean, 'Author', 'Secret Photographer'));
    const found = await processImage(file);
    expect(found.findings.map((f) => f.evidence)).toEqual(['PNG text (Author)']);

    const icc = path.join(dir, 'icc.png');
    await swatch().png().withIccProfile('p3').toFile(icc);
    expect((await processImage(icc)).findings.map((f) => f.evidence)).toEqual(['ICC colour profile']);

    const twin = path.join(dir, 'text-chunk-twin.png');
    await writeFile(twin, clean);
    expect((await processImage(twin)).findings).toEqual([]);
  });
});

describe('redactions at processing time', () => {
  it('a declared box burns the page image and removes the words from the text', async () => {
    const [x, y, width, height] = await make.secretBoxTopLeft();
    const result = await auditPdf('declared', await make.plain(), { boxes: [{ page: 1, box: { x, y, width, height }, reason: 'b6' }] });
    expect(result.pages[0].text).not.toContain('Jane');
    expect(result.pages[0].text).not.toContain('Roe');
    expect(result.pages[0].text).toContain('The informant was [redacted b6] of Springfield.');
    expect(result.pages[0].redactions).toEqual(['b6']);
    // The burned area is black in the page image.
    const { data, info } = await sharp(path.join(dir, 'declared/pages/1.webp')).raw().toBuffer({ resolveWithObject: true });
    const scale = info.width / 612;
    const cx = Math.round((x + width / 2) * scale);
    const cy = Math.round((y + height / 2) * scale);
    const i = (cy * info.width + cx) * info.channels;
    expect(Math.max(data[i], data[i + 1], data[i + 2])).toBeLessThan(20);
  });

  it('a declared box that misses the page fails the document instead of burning nothing', async () => {
    await expect(
      auditPdf('off-page', await make.plain(), { boxes: [{ page: 1, box: { x: 700, y: 100, width: 50, height: 20 }, reason: 'b6' }] }),
    ).rejects.toThrow('redactions: the box [700, 100, 50, 20] on page 1 lies outside the page (612 × 792 points): nothing would be redacted');
  });

  it('redactFoundBoxes turns the box over live text into a redaction and resolves the finding', async () => {
    const result = await auditPdf('found', await make.boxOverText(), { boxes: [], foundBoxesReason: 'b7c' });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ rule: 'text-under-box', resolvedBy: 'redaction' });
    expect(result.pages[0].text).not.toMatch(/Jane|Roe/);
    expect(result.pages[0].redactions).toEqual(['b7c']);
  });
});

describe('image documents', () => {
  it('a multi-page TIFF becomes one page per TIFF page, and its download keeps every page without metadata', async () => {
    const colours = ['#ff0000', '#00ff00', '#0000ff'];
    const pages = await Promise.all(
      colours.map((background) =>
        sharp({ create: { width: 300, height: 400, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const file = path.join(dir, 'fax.tif');
    await sharp(pages, { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .withXmp(XMP)
      .toFile(file);
    const outDir = path.join(dir, 'fax');
    const result = await imageProcessor.process({ type: 'image', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(result.pageCount).toBe(3);
    expect(rulesOf(result.findings)).toEqual(['image-metadata']);
    for (const [i, colour] of colours.entries()) {
      const { data } = await sharp(path.join(outDir, `pages/${i + 1}.webp`))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const expected = [1, 3, 5].map((k) => parseInt(colour.slice(k, k + 2), 16));
      expect([data[0], data[1], data[2]].map((v, k) => Math.abs(v - expected[k]) < 8)).toEqual([true, true, true]);
    }
    const download = await sharp(path.join(outDir, 'download.tif'), { pages: -1 }).metadata();
    expect(download.pages).toBe(3);
    expect(download.exif).toBeUndefined();
    expect(download.xmp).toBeUndefined();
  });

  /** Two pages stored 60×40, left half red, right half blue, orientation 6 ("rotate 90° clockwise"): upright, red is on top. */
  async function sidewaysTiff(name: string): Promise<string> {
    const left = await sharp({ create: { width: 30, height: 40, channels: 3, background: '#d00000' } })
      .png()
      .toBuffer();
    const stored = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#0000d0' } })
      .composite([{ input: left, left: 0, top: 0 }])
      .png()
      .toBuffer();
    const file = path.join(dir, name);
    await sharp([stored, stored], { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .withMetadata({ orientation: 6 })
      .toFile(file);
    expect((await sharp(file, { page: 1 }).metadata()).orientation).toBe(6);
    return file;
  }

  /** Red, green and blue at (x, y) of one page of an image file, which must be upright (40 wide, 60 high). */
  async function uprightRgb(file: string, page: number, x: number, y: number): Promise<number[]> {
    const { data, info } = await sharp(file, { page }).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height], `${file} page ${page}`).toEqual([40, 60]);
    const i = (y * info.width + x) * info.channels;
    return [data[i], data[i + 1], data[i + 2]];
  }

  it('a multi-page TIFF stored sideways is published upright: page images and every page of the download', async () => {
    const file = await sidewaysTiff('sideways.tif');
    const result = await processImage(file);
    expect(result.pages.map((p) => [p.widthPx, p.heightPx])).toEqual([
      [40, 60],
      [40, 60],
    ]);
    const outDir = path.join(dir, 'sideways-tif');
    const pages: [string, number][] = [
      [path.join(outDir, 'pages/1.webp'), 0],
      [path.join(outDir, 'pages/2.webp'), 0],
      [path.join(outDir, 'download.tif'), 0],
      [path.join(outDir, 'download.tif'), 1],
    ];
    for (const [input, page] of pages) {
      const top = await uprightRgb(input, page, 20, 5);
      const bottom = await uprightRgb(input, page, 20, 40);
      expect(top[0] > 150 && top[2] < 80, `${input} page ${page}: top is red (${top})`).toBe(true);
      expect(bottom[2] > 150 && bottom[0] < 80, `${input} page ${page}: bottom is blue (${bottom})`).toBe(true);
    }
    const download = await sharp(path.join(outDir, 'download.tif')).metadata();
    expect(download.pages).toBe(2);
    expect(download.orientation ?? 1).toBe(1);
  });

  it('a declared box on one page of a multi-page TIFF is burned into that page image and that page of the download', async () => {
    const file = await sidewaysTiff('boxed.tif');
    // The bottom-right corner of page 2 as displayed, in pixels of the upright page.
    const result = await processImage(file, { boxes: [{ page: 2, box: { x: 25, y: 45, width: 15, height: 15 }, reason: 'b6' }] });
    expect(result.pages.map((p) => p.redactions)).toEqual([undefined, ['b6']]);
    const outDir = path.join(dir, 'boxed-tif');
    const pages: [string, number, boolean][] = [
      [path.join(outDir, 'pages/1.webp'), 0, false],
      [path.join(outDir, 'pages/2.webp'), 0, true],
      [path.join(outDir, 'download.tif'), 0, false],
      [path.join(outDir, 'download.tif'), 1, true],
    ];
    for (const [input, page, burned] of pages) {
      const corner = await uprightRgb(input, page, 32, 52);
      expect(Math.max(...corner) < 40, `${input} page ${page}: corner ${corner}`).toBe(burned);
      // Outside the box the page is as it was.
      expect((await uprightRgb(input, page, 20, 40))[2], `${input} page ${page}`).toBeGreaterThan(150);
    }
  });

  it('a declared box outside the image fails the document, saying boxes on images are in pixels', async () => {
    const file = path.join(dir, 'small.png');
    await swatch().png().toFile(file);
    await expect(processImage(file, { boxes: [{ page: 1, box: { x: 300, y: 500, width: 50, height: 12 }, reason: 'b6' }] })).rejects.toThrow(
      'the redaction box [300, 500, 50, 12] on page 1 lies outside the image (40 × 30 pixels): it cannot be applied',
    );
  });

  it('a GIF shows its first frame', async () => {
    const frames = await Promise.all(
      ['#ff0000', '#0000ff'].map((background) =>
        sharp({ create: { width: 60, height: 40, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const file = path.join(dir, 'anim.gif');
    await sharp(frames, { join: { animated: true } })
      .gif()
      .toFile(file);
    const outDir = path.join(dir, 'anim');
    const result = await imageProcessor.process({ type: 'image', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(result.pageCount).toBe(1);
    const { data } = await sharp(path.join(outDir, 'pages/1.webp')).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(50);
  });
});
