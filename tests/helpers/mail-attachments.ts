/**
 * An e-mail whose sidecar handles its attachments (tests/build/redact-text.test.ts):
 * a PDF to withhold (its text holds SECRET), a table to redact with its own
 * redactText, a note whose telephone number its own audit accepts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { mimeAttachment } from '../../scripts/lib/mime-attachment.ts';

export const SECRET = 'Zebrafinch operation';

async function digest(): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawText(`${SECRET}: the source list.`, { x: 72, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save()).toString('base64');
}

const part = (name: string, type: string, body: string, base64 = false) => mimeAttachment('XX', name, type, body, base64);

async function message(): Promise<string> {
  return [
    'From: Desk <desk@fusion.example.gov>',
    'To: Analysts <analysts@fusion.example.gov>',
    'Subject: Weekly digest',
    'Date: Tue, 26 May 2020 10:00:00 -0500',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="XX"',
    '',
    '--XX',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The digest and the roster are attached.',
    part('digest.pdf', 'application/pdf', await digest(), true),
    part('roster.csv', 'text/csv', 'name,email\nAnn,ann@home.example.org\nBo,bo@home.example.org\n'),
    part('notes.txt', 'text/plain', 'Call the duty desk at (202) 324-3000.\n'),
    '--XX--',
    '',
  ].join('\r\n');
}

export const MAIL_SIDECAR = `---
title: Weekly digest
audit:
  - rule: pii-email
    reason: "Agency inboxes."
    reviewer: "Test desk"
attachments:
  - name: digest.pdf
    withhold: b7(E)
  - name: roster.csv
    redactText:
      - rule: pii-email
        column: email
        reason: b6
  - name: notes.txt
    audit:
      - rule: pii-phone
        reason: "The duty desk's public line."
        reviewer: "Test desk"
        match: "(202) 324-3000"
---
`;

/** Writes the collection `mail` with the message and its sidecar into `content`. */
export async function writeMailCollection(content: string): Promise<void> {
  await mkdir(path.join(content, 'documents/mail'), { recursive: true });
  await writeFile(path.join(content, 'collections/mail.md'), '---\ntitle: Mail\n---\n');
  await writeFile(path.join(content, 'documents/mail/digest.eml'), await message());
  await writeFile(path.join(content, 'documents/mail/digest.md'), MAIL_SIDECAR);
}
