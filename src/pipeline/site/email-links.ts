/**
 * How e-mails link to each other and to their attachments in the site data:
 * replies found by Message-ID / In-Reply-To among all published messages,
 * and each attachment's own document (when its type could be published).
 */
import type { DocumentDetail, EmailAttachment, EmailMessage, MessageRef } from '../../lib/model.ts';
import type { ProcessedDocument } from '../documents/process-documents.ts';

export interface EmailLinks {
  thread(email: EmailMessage): NonNullable<DocumentDetail['pages'][number]['thread']>;
  attachmentsOf(id: string, attachments: EmailAttachment[]): NonNullable<DocumentDetail['attachments']>;
}

export function emailLinks(processed: ProcessedDocument[]): EmailLinks {
  const byMessageId = new Map<string, MessageRef>();
  const attachmentDocs = new Map<string, string>();
  for (const p of processed) {
    for (const page of p.result.pages) {
      if (page.email?.messageId) byMessageId.set(page.email.messageId, { id: p.entry.id, page: page.pageNumber, subject: page.email.subject });
    }
    if (p.entry.attachmentOf) attachmentDocs.set(`${p.entry.attachmentOf.id}\u0000${p.entry.attachmentOf.file}`, p.entry.id);
  }
  const repliesTo = new Map<string, MessageRef[]>();
  for (const p of processed) {
    for (const page of p.result.pages) {
      const parent = page.email?.inReplyTo;
      if (!parent || !byMessageId.has(parent)) continue;
      const list = repliesTo.get(parent) ?? [];
      list.push({ id: p.entry.id, page: page.pageNumber, subject: page.email!.subject });
      repliesTo.set(parent, list);
    }
  }
  return {
    thread: (email) => ({
      inReplyTo: email.inReplyTo ? byMessageId.get(email.inReplyTo) : undefined,
      replies: email.messageId ? (repliesTo.get(email.messageId) ?? []) : [],
    }),
    attachmentsOf: (id, attachments) =>
      attachments.map((a) =>
        // A withheld attachment is listed as withheld, with its reason: no name, no size.
        a.withheld
          ? { page: a.page, filename: '', bytes: 0, withheld: a.withheld }
          : { page: a.page, filename: a.filename, bytes: a.bytes, id: attachmentDocs.get(`${id}\u0000${a.file}`) },
      ),
  };
}
