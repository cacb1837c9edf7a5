/** `pii-email`: e-mail addresses in the text of a page. */
import type { Finding, Rule } from '../types.ts';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g;

export const piiEmail: Rule = {
  id: 'pii-email',
  severity: 'blocking',
  title: 'an e-mail address in the text',
  fix: 'redact it (declare a box under `redactions`), or accept it if the address is public (an agency inbox)',
  input: 'text',
  check(pageNumber, text) {
    return [...new Set(text.match(EMAIL) ?? [])].map((m): Finding => ({ rule: 'pii-email', page: pageNumber, evidence: m }));
  },
};
