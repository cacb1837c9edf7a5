/**
 * E-mail (`.eml`, and `.mbox` as a collection of messages): each message is
 * a page of the document, with its headers (from, to, cc, date, subject),
 * its body as text or as sanitized HTML, and its attachments, which the
 * pipeline then publishes as documents of their own. `redactText` applies
 * to the published headers, the body and the attachments' names. Raw headers (routing,
 * IP addresses, client software) are never published. The download is the
 * messages as shown, in plain text.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PostalMime from 'postal-mime';
import type { Finding } from '../audit/types.ts';
import { suggestSegment } from '../../lib/ids.ts';
import { auditMessage, messageParts } from './email/audit-fields.ts';
import { htmlToText, redactEmailHtml, sanitizeEmailHtml } from './email/sanitize-html.ts';
import { applySpans, TextRedactor, textRedactionCounts } from '../redact/text-redactor.ts';
import { splitMbox } from './email/mbox.ts';
import { DocumentError } from '../errors.ts';
import { sanitizeText } from './text/encoding.ts';
import { writeGenericThumbnail } from './thumbnail.ts';
import type { EmailAttachment, EmailMessage, PageResult, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

/** Most messages read from one mbox. */
const MAX_MESSAGES = 20_000;

type Address = { name?: string; address?: string; group?: Address[] };

function addresses(list: Address | Address[] | undefined): string[] {
  const flat = (a: Address): string[] => (a.group ? a.group.flatMap(flat) : [a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? '')]);
  return (Array.isArray(list) ? list : list ? [list] : [])
    .flatMap(flat)
    .filter(Boolean)
    .map((s) => sanitizeText(s));
}

/** The Date: header as ISO time; a malformed one is left out rather than guessed at. */
function isoDate(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const time = new Date(header).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function headerText(m: EmailMessage): string {
  return [
    `From: ${m.from.join(', ')}`,
    m.to.length ? `To: ${m.to.join(', ')}` : '',
    m.cc.length ? `Cc: ${m.cc.join(', ')}` : '',
    m.date ? `Date: ${m.date}` : '',
    `Subject: ${m.subject}`,
  ]
    .filter(Boolean)
    .join('\n');
}

export const emailProcessor: Processor = {
  type: 'email',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const bytes = await readFile(job.absPath);
    if (bytes.byteLength === 0) throw new DocumentError('the file is empty (0 bytes)', 'replace it with the real message');
    const isMbox = path.extname(job.absPath).toLowerCase() === '.mbox';
    const raw = isMbox ? splitMbox(bytes) : [bytes];
    if (raw.length > MAX_MESSAGES) throw new DocumentError(`the mailbox has ${raw.length} messages, more than ${MAX_MESSAGES}`, 'split it into several files');
    await mkdir(path.join(job.outDir, 'attachments'), { recursive: true });
    const pages: PageResult[] = [];
    const attachments: EmailAttachment[] = [];
    const findings: Finding[] = [];
    const redactor = new TextRedactor(job.redaction?.texts ?? [], job.audit);
    const redact = (text: string) => redactor.redact(text);
    for (const [i, source] of raw.entries()) {
      const pageNumber = i + 1;
      let parsed: Awaited<ReturnType<typeof PostalMime.parse>>;
      try {
        parsed = await PostalMime.parse(source);
      } catch (e) {
        throw new DocumentError(
          `message ${pageNumber} cannot be read: ${(e as Error).message}`,
          'check that the file is an e-mail message (.eml) or mailbox (.mbox)',
        );
      }
      // The audit, search and download see what readers see: the page shows the
      // HTML body whenever there is one, so its text (not the plain-text
      // alternative, which may say only "view the HTML version") is what counts.
      const { html, body } = redactedBody(parsed.html ? sanitizeEmailHtml(parsed.html) : undefined, parsed.text ?? '', redactor);
      const message: EmailMessage = {
        from: addresses(parsed.from as Address | undefined).map(redact),
        to: addresses(parsed.to as Address[] | undefined).map(redact),
        cc: addresses(parsed.cc as Address[] | undefined).map(redact),
        date: isoDate(parsed.date),
        subject: redact(sanitizeText(parsed.subject ?? '(no subject)')),
        messageId: parsed.messageId,
        inReplyTo: parsed.inReplyTo,
        html,
        attachments: [],
      };
      for (const [k, a] of parsed.attachments.entries()) {
        // Unnamed text parts are alternative bodies (e.g. text/watch-html), not attachments.
        if (!a.filename && a.mimeType.startsWith('text/') && a.disposition !== 'attachment') continue;
        const content = typeof a.content === 'string' ? Buffer.from(a.content) : Buffer.from(a.content as ArrayBuffer);
        const written = sanitizeText(a.filename ?? `attachment-${k + 1}${a.mimeType === 'message/rfc822' ? '.eml' : ''}`);
        // A redacted name is redacted in the published file name too (and so in the attachment's address).
        const original = redact(written);
        const withheld = withholding(job, written, original);
        if (withheld) {
          // Nothing of it is kept: not its bytes, not its name, not its size.
          const attachment: EmailAttachment = {
            page: pageNumber,
            file: '',
            filename: '',
            mimeType: '',
            bytes: 0,
            withheld: withheld.withhold,
            setting: withheld.setting,
          };
          attachments.push(attachment);
          message.attachments.push(attachment);
          continue;
        }
        const ext = path.extname(original).toLowerCase();
        const file = `attachments/${pageNumber}-${k + 1}-${suggestSegment(path.basename(original, ext)).slice(0, 60)}${ext}`;
        await writeFile(path.join(job.outDir, file), content);
        const attachment: EmailAttachment = { page: pageNumber, file, filename: original, mimeType: a.mimeType, bytes: content.byteLength };
        attachments.push(attachment);
        message.attachments.push(attachment);
      }
      const text = `${headerText(message)}\n\n${body}`.trim();
      findings.push(...auditMessage(pageNumber, messageParts(message, body), text, job.audit));
      pages.push({ pageNumber, widthPx: 0, heightPx: 0, text, noImage: true, email: message });
      progress(pageNumber, raw.length);
    }
    await writeFile(path.join(job.outDir, 'download.txt'), `${pages.map((p) => p.text).join('\n\n----------------------------------------\n\n')}\n`);
    const thumbnail = await writeGenericThumbnail(path.join(job.outDir, 'thumb.webp'), job.options, 'text');
    return { type: 'email', pageCount: pages.length, pages, thumbnail, downloadExtension: 'txt', findings, attachments, ...textRedactionCounts(redactor) };
  },
};

/** The sidecar's entry that withholds an attachment of this name (as written, or as redactText leaves it), if any. */
function withholding(job: ProcessJob, written: string, published: string): { withhold: string; setting: number } | undefined {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return job.redaction?.attachments?.find((w) => same(w.name, written) || same(w.name, published));
}

/**
 * The body as published, redacted: the HTML with each text node redacted,
 * unless what `redactText` removes runs across elements there: then the
 * HTML is dropped and its text published, redacted, in its place.
 */
function redactedBody(html: string | undefined, plain: string, redactor: TextRedactor): { html?: string; body: string } {
  const text = sanitizeText(html !== undefined ? htmlToText(html) : plain);
  const spans = redactor.spans(text);
  if (spans.length === 0) return { html, body: text };
  if (html !== undefined) {
    const redacted = redactEmailHtml(html, (t) => applySpans(t, redactor.spans(t, undefined, false)));
    const shown = sanitizeText(htmlToText(redacted));
    if (redactor.spans(shown, undefined, false).length === 0) return { html: redacted, body: shown };
  }
  return { body: applySpans(text, spans) };
}
