/**
 * The audit of one e-mail message, part by part: each published header, the
 * body and the attachments' names are checked on their own, and every
 * finding says which part it is in, so that an acceptance of the addresses
 * in `from` and `to` cannot let an address in the body through. The message
 * as shown is checked too: a value that only appears across two parts is
 * still found, without a field (only an acceptance without `field` can
 * accept it).
 */
import { rulesFor } from '../../audit/rules/index.ts';
import type { EmailField, Finding, TextRuleOptions } from '../../audit/types.ts';
import { valueKey } from '../../../lib/value-match.ts';
import type { EmailMessage } from '../types.ts';

/** The parts of a message as its page shows them. */
export function messageParts(message: EmailMessage, body: string): [EmailField, string][] {
  return [
    ['from', message.from.join(', ')],
    ['to', message.to.join(', ')],
    ['cc', message.cc.join(', ')],
    ['date', message.date ?? ''],
    ['subject', message.subject],
    ['body', body],
    [
      'attachment-names',
      message.attachments
        .filter((a) => !a.withheld)
        .map((a) => a.filename)
        .join('\n'),
    ],
  ];
}

const sameValue = (f: Finding) => `${f.rule}\u0000${valueKey(f.value ?? f.evidence)}`;

export function auditMessage(pageNumber: number, parts: [EmailField, string][], shown: string, options?: TextRuleOptions): Finding[] {
  const findings: Finding[] = [];
  const inAPart = new Set<string>();
  for (const [field, text] of parts) {
    if (!text.trim()) continue;
    for (const rule of rulesFor('text')) {
      for (const f of rule.check(pageNumber, text, undefined, options)) {
        findings.push({ ...f, field });
        inAPart.add(sameValue(f));
      }
    }
  }
  for (const rule of rulesFor('text')) for (const f of rule.check(pageNumber, shown, undefined, options)) if (!inAPart.has(sameValue(f))) findings.push(f);
  return findings;
}
