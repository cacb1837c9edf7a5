/**
 * `invisible-text`: text that copying, search or the download would reveal
 * but that a reader of the page cannot see: drawn in the colour of what is
 * under it (white on white), painting nothing (invisible render mode, empty
 * glyphs) where no picture shows the words, outside the visible page, or
 * too small to read. Judged on the rendered page (see ../visibility.ts).
 */
import { hiddenRuns, outsideRuns, runFinding } from '../hidden-runs.ts';
import type { HiddenReason } from '../visibility.ts';
import { MIN_READABLE_PT } from '../visibility.ts';
import type { Rule } from '../types.ts';
import { clip } from './text-under-box.ts';

const KINDS = new Set<HiddenReason>(['blends', 'no-ink', 'overlaps', 'tiny']);

const WHY: Record<string, string> = {
  blends: 'text in the colour of its background',
  'no-ink': 'text that draws nothing',
  outside: 'text outside the visible page',
  overlaps: 'text drawn over other text that says something else, or letters drawn on top of each other',
  tiny: `text smaller than ${MIN_READABLE_PT} pt`,
};

export const invisibleText: Rule = {
  id: 'invisible-text',
  severity: 'blocking',
  title: 'text that can be copied or searched is invisible on the page',
  fix: 'remove it from the file and export again, or add `redactFoundBoxes: <reason>` to the sidecar to drop it, or accept it if it is harmless (for example a text layer that matches the page)',
  input: 'pdf-page',
  check({ pageNumber, hidden, space }) {
    return [...hiddenRuns(hidden, KINDS), ...outsideRuns(hidden, space)].map((run) =>
      runFinding('invisible-text', pageNumber, run, `${WHY[run.reason]}: "${clip(run.text)}"`),
    );
  },
};
