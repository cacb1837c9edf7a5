/**
 * An e-mail's `attachments:` entries (in its message's sidecar): which
 * attachment each names (as written, or as `redactText` leaves the name),
 * what an attachment takes from its entry, and the check that every entry
 * names an attachment: a misspelt name would leave the attachment
 * published, unredacted, while the editor believes it withheld. An entry
 * for an attachment of an attached message is passed on to that message
 * (its names from the outside in, the first one dropped) and checked there.
 */
import type { DocumentEntry, ScopedTextRedaction } from '../content/discover.ts';
import type { Problem } from '../errors.ts';
import type { AttachmentSettings, DocumentMeta } from '../../schemas/document.ts';
import { closestOf } from '../../lib/edit-distance.ts';
import { TextRedactor, type TextRedactionRequest } from '../redact/text-redactor.ts';
import type { ProcessResult } from '../processors/types.ts';

/** A `redactText` entry as the job carries it: without where it is written. */
export function requestOf({ text, pattern, rule, reason, column }: ScopedTextRedaction): TextRedactionRequest {
  return {
    ...(text !== undefined ? { text } : {}),
    ...(pattern !== undefined ? { pattern } : {}),
    ...(rule !== undefined ? { rule } : {}),
    reason,
    ...(column !== undefined ? { column } : {}),
  };
}

/** A redactor with the document's `redactText` entries, to compare names as redaction leaves them. */
export function textRedactorOf(entry: Pick<DocumentEntry, 'textRedactions'>): TextRedactor {
  return new TextRedactor((entry.textRedactions ?? []).map(requestOf));
}

/** Whether an entry's first name is this attachment's (as written, or as redactText left it). */
export function namesAttachment(entryName: string, filename: string, redact: TextRedactor): boolean {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return same(entryName, filename) || same(redact.redact(entryName), filename);
}

type OwnMeta = Pick<DocumentMeta, 'redactions' | 'redactFoundBoxes' | 'redactColumns' | 'redactRows' | 'redactText' | 'audit' | 'attachments'>;

/**
 * What an attachment takes from its entry under its message's
 * `attachments:` (none when it has no entry): its redactions, acceptances
 * and the entries of the attachments inside it; and its `redactText`, after
 * the message's, which reach it too. `redact` is the message's redactor.
 */
export function ownSettings(parent: DocumentEntry, filename: string, redact: TextRedactor): { meta: OwnMeta; textRedactions: ScopedTextRedaction[] } {
  const all = parent.meta.attachments ?? [];
  const index = all.findIndex((s) => s.name.length === 1 && namesAttachment(s.name[0]!, filename, redact));
  const setting: AttachmentSettings | undefined = all[index];
  const inner = all.filter((s) => s.name.length > 1 && namesAttachment(s.name[0]!, filename, redact)).map((s) => ({ ...s, name: s.name.slice(1) }));
  const own = (setting?.redactText ?? []).map((r, i) => ({ ...r, in: `${parent.sidecarFile} › attachments[${index + 1}]`, index: i }));
  return {
    meta: {
      redactions: setting?.redactions ?? [],
      redactFoundBoxes: setting?.redactFoundBoxes,
      redactColumns: setting?.redactColumns ?? [],
      redactRows: setting?.redactRows ?? [],
      redactText: setting?.redactText ?? [],
      audit: setting?.audit ?? [],
      attachments: inner,
    },
    textRedactions: [...(parent.textRedactions ?? []), ...own],
  };
}

export function unknownAttachmentNames(processed: readonly { entry: DocumentEntry; result: Pick<ProcessResult, 'attachments'> }[]): Problem[] {
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
