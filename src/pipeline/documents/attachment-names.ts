/**
 * An `attachments:` entry in an e-mail's sidecar that names no attachment
 * of the message is a problem: a misspelt name would leave the attachment
 * published, unredacted, while the editor believes it withheld. Names are
 * compared as written and as `redactText` leaves them; an entry for an
 * attachment of an attached message is checked by that message.
 */
import type { Problem } from '../errors.ts';
import { closestOf } from '../../lib/edit-distance.ts';
import { namesAttachment, textRedactorOf, type ProcessedDocument } from './process-documents.ts';

export function unknownAttachmentNames(processed: ProcessedDocument[]): Problem[] {
  const problems: Problem[] = [];
  for (const { entry, result } of processed) {
    const settings = entry.meta.attachments ?? [];
    if (settings.length === 0) continue;
    const attachments = result.attachments ?? [];
    const redact = textRedactorOf(entry);
    const names = attachments.filter((a) => !a.withheld).map((a) => a.filename);
    settings.forEach((s, i) => {
      const first = s.name[0]!;
      const found = attachments.some((a) => (a.withheld ? s.name.length === 1 && a.setting === i : namesAttachment(first, a.filename, redact)));
      if (found) return;
      const guess = closestOf(first, names);
      const place = entry.attachmentOf ? ` (attached to ${entry.file})` : '';
      problems.push({
        file: entry.sidecarFile,
        message: `attachments: "${s.name.join(' › ')}" names no attachment of ${entry.file}${place}${entry.type === 'email' ? '' : ', which is no e-mail'}`,
        hint:
          entry.type !== 'email'
            ? 'attachments: is for e-mail messages; remove it'
            : guess
              ? `did you mean "${guess}"? The message's attachments: ${names.map((n) => `"${n}"`).join(', ')}`
              : names.length > 0
                ? `the message's attachments are: ${names.map((n) => `"${n}"`).join(', ')}`
                : 'the message has no attachment (left) to name; remove the entry',
      });
    });
  }
  return problems;
}
