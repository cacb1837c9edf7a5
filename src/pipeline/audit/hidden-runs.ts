/**
 * Hidden words become findings: neighbouring hidden words of the same kind
 * on one line are one finding, with the box an editor can declare as a
 * redaction. Runs that carry no information are left out, as x-ray (Free
 * Law Project) does: one letter or digit peeking out at a box's edge, one
 * character repeated (XXXX), or a redaction label under its own box.
 */
import { roundBox, unionBox } from './geometry.ts';
import type { Box, Finding } from './types.ts';
import type { HiddenReason, HiddenWord } from './visibility.ts';

export interface HiddenRun {
  words: HiddenWord[];
  box: Box;
  text: string;
  reason: HiddenReason;
}

/** Labels that redaction tools print on or under their boxes. */
const LABELS =
  /^(?:redacted and publicly filed|name redacted|confidential|privileged?|redact(?:ed|ion)?|withheld|exempt(?:ion)?|\(?b\)?\s*\(?\d\)?(?:\s*\(?[a-f]\)?)?)$/i;

export function hiddenRuns(words: HiddenWord[], kinds: ReadonlySet<HiddenReason>): HiddenRun[] {
  const runs: HiddenRun[] = [];
  let run: HiddenWord[] = [];
  const flush = () => {
    if (run.length > 0) {
      runs.push({ words: run, box: unionBox(run.map((w) => w.box)), text: textOfWords(run), reason: run[0]!.reason });
    }
    run = [];
  };
  for (const word of words) {
    if (!kinds.has(word.reason)) continue;
    const last = run[run.length - 1];
    if (last && !(sameKind(last.reason, word.reason) && sameLine(last.box, word.box))) flush();
    run.push(word);
  }
  flush();
  return runs.filter((r) => carriesInformation(r.text));
}

/**
 * Words outside the visible page, one run per side they lie on: printers'
 * marks and slug lines can fill a margin with hundreds of words, and a run
 * per side keeps its box off the page, so dropping it drops nothing visible.
 */
export function outsideRuns(words: HiddenWord[], page: { width: number; height: number }): HiddenRun[] {
  const sides = new Map<string, HiddenWord[]>();
  for (const w of words) {
    if (w.reason !== 'outside') continue;
    const cx = w.box.x + w.box.width / 2;
    const cy = w.box.y + w.box.height / 2;
    const side = cx < 0 ? 'left' : cx > page.width ? 'right' : cy < 0 ? 'top' : 'bottom';
    sides.set(side, [...(sides.get(side) ?? []), w]);
  }
  return [...sides.values()]
    .map((ws) => ({ words: ws, box: unionBox(ws.map((w) => w.box)), text: textOfWords(ws), reason: 'outside' as const }))
    .filter((r) => carriesInformation(r.text));
}

function textOfWords(words: HiddenWord[]): string {
  return words
    .map((w) => w.glyphs.map((g) => g.char).join(''))
    .join(' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '');
}

function sameKind(a: HiddenReason, b: HiddenReason): boolean {
  return a === b || (a === 'covered' && b === 'blocks') || (a === 'blocks' && b === 'covered');
}

/** On one line, and close enough to be read as one phrase (gaps of up to three of its characters' heights). */
function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (overlap < 0.5 * Math.min(a.height, b.height)) return false;
  const gap = b.x >= a.x ? b.x - (a.x + a.width) : a.x - (b.x + b.width);
  return gap <= 3 * Math.max(a.height, b.height);
}

export function carriesInformation(text: string): boolean {
  const alnum = text.replace(/[^\p{L}\p{N}]/gu, '');
  if (alnum.length <= 1) return false;
  if (new Set(alnum.toLowerCase()).size === 1) return false;
  return !LABELS.test(text.replace(/\s+/g, ' ').trim());
}

export function runFinding(rule: string, pageNumber: number, run: HiddenRun, evidence: string): Finding {
  return { rule, page: pageNumber, box: roundBox(run.box), evidence, value: run.text };
}
