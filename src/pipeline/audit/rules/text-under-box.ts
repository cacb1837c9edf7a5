/**
 * `text-under-box`: text that copying, search or the download would reveal
 * lies under something a reader sees instead: the classic failed redaction.
 * Judged on the rendered page (see ../visibility.ts), so it does not matter
 * what drew the cover: a filled rectangle, a bar through a clipping path,
 * stripes, a thick stroke, a gradient, an image of a noisy bar, a box with
 * a label on it, or a font whose glyphs are solid blocks.
 */
import { hiddenRuns, runFinding } from '../hidden-runs.ts';
import type { Rule } from '../types.ts';

const KINDS = new Set(['covered', 'blocks'] as const);

export const textUnderBox: Rule = {
  id: 'text-under-box',
  severity: 'blocking',
  title: 'text that can be copied or searched lies under a box, bar or mark that hides it from readers',
  fix: 'redact it properly (declare the box under `redactions`, or add `redactFoundBoxes: <reason>` to the sidecar), or accept it if the box is not a redaction',
  input: 'pdf-page',
  check({ pageNumber, hidden }) {
    return hiddenRuns(hidden, KINDS).map((run) =>
      runFinding(
        'text-under-box',
        pageNumber,
        run,
        `${run.reason === 'blocks' ? 'text drawn as solid blocks' : 'something drawn over it'} hides "${clip(run.text)}"`,
      ),
    );
  },
};

export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
