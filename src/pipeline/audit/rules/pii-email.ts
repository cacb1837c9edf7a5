/** `pii-email`: e-mail addresses in the text of a page. */
import type { Rule } from '../types.ts';
import { located } from './located.ts';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g;

export const piiEmail: Rule = {
  id: 'pii-email',
  severity: 'blocking',
  title: 'an e-mail address in the text',
  fix: 'redact it (`redactText` in any format, or a box under `redactions` on a page), or accept it if the address is public (an agency inbox)',
  input: 'text',
  check(pageNumber, text, locate) {
    const found = located(locate);
    for (const m of text.matchAll(EMAIL)) found.add(m[0], m.index, m.index + m[0].length, { rule: 'pii-email', page: pageNumber, evidence: m[0], value: m[0] });
    return found.findings;
  },
};
