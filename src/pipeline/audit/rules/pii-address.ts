/**
 * `pii-address`: street addresses in the text of a page, in the forms of
 * address-patterns.ts: a house number, a street name and a street type
 * (`1600 Pennsylvania Avenue`, `12A Station Road`, `12 station road`), the
 * number after the street as in German, Dutch or Scandinavian addresses
 * (`Goethestraße 9`, `Kalverstraat 92`), street words written first
 * (`Via Roma 12`, `Calle Mayor, 5`, `12 rue de Rivoli`), or a PO box.
 * Addresses of courts and agencies are common in public records: accept
 * those for the collection with a reason.
 */
import { normalizedText } from '../normalized-text.ts';
import type { Rule } from '../types.ts';
import { ADDRESS_PATTERNS } from './address-patterns.ts';
import { located } from './located.ts';

export const piiAddress: Rule = {
  id: 'pii-address',
  severity: 'blocking',
  title: 'a street address in the text',
  fix: 'redact it (`redactText` in any format, or a box under `redactions` on a page), or accept it if the address is public (a court or agency)',
  input: 'text',
  check(pageNumber, source, locate) {
    const found = located(locate);
    const { text, sourceSpan } = normalizedText(source);
    for (const [matchStart, matchEnd] of addressSpans(text)) {
      const [start, end] = sourceSpan(matchStart, matchEnd);
      const address = source.slice(start, end).replace(/\s+/g, ' ').trim();
      found.add(address.toLowerCase(), start, end, { rule: 'pii-address', page: pageNumber, evidence: address });
    }
    return found.findings;
  },
};

/** Where addresses are in `text`: the longest match of any form wherever forms overlap, in text order. */
function addressSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of ADDRESS_PATTERNS) for (const m of text.matchAll(pattern)) spans.push([m.index, m.index + m[0].replace(/\s+$/, '').length]);
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    if (previous && span[0] < previous[1]) {
      if (span[1] > previous[1]) previous[1] = span[1];
    } else out.push(span);
  }
  return out;
}
