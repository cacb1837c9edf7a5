/**
 * Writes the files of the example's synthetic leak,
 * content/documents/fusion-center-leak/: a typed bulletin (PDF), a scanned
 * field report (a picture of print in a PDF), a table of user
 * registrations and a tip-line e-mail with two attachments. Every name,
 * address and number in them is invented (555 numbers, example.org
 * domains); the agency's public line is the FBI's published switchboard.
 * The sidecars are written by hand, not here. Run it only to regenerate
 * the files: `node scripts/example-leak.ts`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { mimeAttachment } from './lib/mime-attachment.ts';

const DIR = path.resolve(import.meta.dirname, '../content/documents/fusion-center-leak');
/** Made with a fixed date, so the files are the same each time (no creation date of today in them). */
const MADE = new Date('2020-06-10T12:00:00Z');

function lines(page: PDFPage, font: PDFFont, bold: PDFFont, text: string[], top: number): void {
  let y = 792 - top;
  for (const line of text) {
    const heading = line.startsWith('# ');
    page.drawText(heading ? line.slice(2) : line, { x: 72, y, size: heading ? 13 : 11, font: heading ? bold : font });
    y -= heading ? 22 : 16;
  }
}

async function bulletin(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(MADE);
  doc.setModificationDate(MADE);
  doc.setAuthor('NRRFC analyst workstation 14');
  doc.setProducer('Example bulletin generator');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const one = doc.addPage([612, 792]);
  lines(
    one,
    font,
    bold,
    [
      '# NORTH RIVER REGIONAL FUSION CENTER',
      '# Situational Awareness Bulletin 2020-117',
      'UNCLASSIFIED // FOR OFFICIAL USE ONLY',
      '',
      '# Summary',
      'Demonstrations are planned in the riverfront district on 6 and 7 June 2020.',
      'Organizers announced marches from Founders Park to the county courthouse.',
      'No credible threat to public safety has been identified at this time.',
      '',
      '# Source',
      'Reporting from confidential informant CI-2291 (Perdita Hollowell), who attended',
      'an organizing meeting on 31 May 2020. Source reliability: not yet established.',
      '',
      '# Contact',
      'Report suspicious activity to the FBI switchboard at (202) 324-3000.',
    ],
    60,
  );
  const two = doc.addPage([612, 792]);
  lines(
    two,
    font,
    bold,
    [
      '# Persons of interest',
      'Analysts reviewed social media posts announcing the marches. The post by',
      'Marcus Oduya-Lind was shared about 400 times; he is not suspected of any crime.',
      '',
      '# Handling',
      'Do not release to the public or the media. Requests: records unit, case CI-2291.',
      'Prepared by analyst Dana Whitcombe, badge 4471.',
    ],
    60,
  );
  return Buffer.from(await doc.save());
}

/** A field report as a scanner makes it: a picture of typed lines, slightly grey, on a page with no text layer. */
async function fieldReport(): Promise<Buffer> {
  const text = [
    'NRRFC FIELD INTERVIEW REPORT 20-0603',
    'Date: 3 June 2020. Location: Founders Park, east gate.',
    'Officer spoke with Perdita Hollowell, who asked that',
    'her name not be recorded. Informant number CI-2291.',
    'She said the march route will not change.',
    'No further action. Filed by the records unit.',
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1700" height="900"><rect width="100%" height="100%" fill="#f4f2ec"/>
  ${text.map((t, i) => `<text x="110" y="${150 + i * 110}" font-family="DejaVu Serif" font-size="46" fill="#222">${t}</text>`).join('\n  ')}</svg>`;
  const png = await sharp(Buffer.from(svg)).greyscale().png().toBuffer();
  const doc = await PDFDocument.create();
  doc.setCreationDate(MADE);
  doc.setModificationDate(MADE);
  const image = await doc.embedPng(png);
  const page = doc.addPage([612, 792]);
  page.drawImage(image, { x: 36, y: 792 - 72 - 324, width: 540, height: 324 });
  return Buffer.from(await doc.save());
}

const FIRST = ['Ava', 'Ben', 'Carla', 'Dev', 'Elena', 'Femi', 'Grace', 'Hugo', 'Iris', 'Jonah', 'Kemi', 'Luis', 'Mara', 'Nils', 'Omar', 'Pia'];
const LAST = ['Arden', 'Brook', 'Castell', 'Dunmore', 'Ellery', 'Fairlie', 'Garrow', 'Hale', 'Ivers', 'Jessup', 'Kell', 'Lowry'];
const AGENCIES = ['North River PD', 'Harbor County Sheriff', 'State Patrol District 4', 'Riverside Transit Police', 'NRRFC'];

/** 240 registrations of the fusion center's portal: invented people, example.org addresses, 555-01xx-style numbers of no one. */
function registrations(): string {
  const rows = ['user_id,name,email,phone,agency,password_hash,home_address,registered'];
  for (let i = 1; i <= 240; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const hash = Buffer.from(`${first}${last}${i}`).toString('base64').replace(/=+$/, '');
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push(
      [
        `u${1000 + i}`,
        `${first} ${last}`,
        `${first.toLowerCase()}.${last.toLowerCase()}${i}@mail.example.org`,
        `(612) 555-${String(1000 + i).slice(-4)}`,
        AGENCIES[i % AGENCIES.length],
        `$2b$10$${hash}`,
        `${100 + i} ${LAST[i % LAST.length]} Street`,
        `2019-${String(1 + (i % 12)).padStart(2, '0')}-${day}`,
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

async function digestPdf(): Promise<string> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(MADE);
  doc.setModificationDate(MADE);
  const page = doc.addPage([612, 792]);
  page.drawText('Tip digest 2020-06-02: internal routing of tips to task forces.', {
    x: 72,
    y: 700,
    size: 12,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await doc.save()).toString('base64');
}

async function tipEmail(): Promise<string> {
  const attachment = (name: string, type: string, body: string, base64 = false) => mimeAttachment('NRRFC', name, type, body, base64);
  return [
    'From: NRRFC Tip Line <tips@nrrfc.example.gov>',
    'To: Watch Desk <watchdesk@nrrfc.example.gov>',
    'Subject: Tip digest for 2 June 2020',
    'Date: Tue, 2 Jun 2020 18:05:00 -0500',
    'Message-ID: <digest-20200602@nrrfc.example.gov>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="NRRFC"',
    '',
    '--NRRFC',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Watch desk,</p><p>Three tips came in today. One, from <b>Perdita Hollowell</b>, repeats what CI-2291 reported on 31 May.',
    'The routing digest is attached for the task forces; the summary is for the bulletin.</p><p>Tip line</p>',
    attachment('tip-routing-digest.pdf', 'application/pdf', await digestPdf(), true),
    attachment('summary.txt', 'text/plain', 'Summary of tips, 2 June 2020: three tips, none about a threat to public safety.\r\n'),
    '--NRRFC--',
    '',
  ].join('\r\n');
}

await mkdir(DIR, { recursive: true });
await writeFile(path.join(DIR, '2020-06-01-situational-awareness-bulletin.pdf'), await bulletin());
await writeFile(path.join(DIR, '2020-06-03-field-interview-report-scan.pdf'), await fieldReport());
await writeFile(path.join(DIR, 'portal-user-registrations.csv'), registrations());
await writeFile(path.join(DIR, '2020-06-02-tip-digest-email.eml'), await tipEmail());
console.log(`Wrote the synthetic leak's files in ${path.relative(process.cwd(), DIR)}/`);
