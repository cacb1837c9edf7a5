/**
 * `dark-annotation`: an annotation over text that hides it in a PDF viewer,
 * the way people "redact" there: a dark highlight, box, ink or polygon, a
 * square with an interior colour, a stamp, a widget. The annotation is
 * dropped when Trove rebuilds the file, so the text under it would be
 * published in plain sight. Found two ways: dark markup annotations by their
 * colour, and any annotation by its effect, comparing the page rendered with
 * and without annotations (see ../visibility.ts).
 */
import { boundsOf, coverage, roundBox, textOf, toPageBox, IDENTITY } from '../geometry.ts';
import { carriesInformation, hiddenRuns } from '../hidden-runs.ts';
import type { AnnotationLike, Box, Finding, Rule } from '../types.ts';
import { clip } from './text-under-box.ts';

const MARKING = new Set(['Highlight', 'Square', 'Polygon', 'Ink', 'StrikeOut', 'Squiggly', 'Underline']);

export const darkAnnotation: Rule = {
  id: 'dark-annotation',
  severity: 'blocking',
  title: 'a dark highlight or box annotation lies over text that is still live',
  fix: 'redact it properly (declare the box under `redactions`, or add `redactFoundBoxes: <reason>` to the sidecar), or accept it',
  input: 'pdf-page',
  check({ pageNumber, glyphs, annotations, space, hiddenByAnnotations }) {
    const findings: Finding[] = [];
    const kinds = new Set(['covered', 'blocks', 'blends', 'no-ink', 'overlaps'] as const);
    for (const run of hiddenRuns(hiddenByAnnotations, kinds)) {
      findings.push({
        rule: 'dark-annotation',
        page: pageNumber,
        box: roundBox(run.box),
        evidence: `an annotation hides "${clip(run.text)}" in a PDF viewer`,
        value: run.text,
      });
    }
    for (const a of annotations) {
      if (!a.subtype || !MARKING.has(a.subtype) || !isDark(a.color)) continue;
      for (const box of areasOf(a, space)) {
        const covered = glyphs.filter((g) => coverage(g.box, box) >= 0.5);
        if (!covered.some((g) => g.char.trim() !== '') || !carriesInformation(textOf(covered))) continue;
        if (findings.some((f) => f.box && coverage(box, f.box) >= 0.5)) continue;
        findings.push({
          rule: 'dark-annotation',
          page: pageNumber,
          box: roundBox(box),
          evidence: `a dark ${a.subtype} annotation covers "${clip(textOf(covered))}"`,
          value: textOf(covered),
        });
      }
    }
    return findings;
  },
};

export function isDark(color: ArrayLike<number> | null | undefined): boolean {
  if (!color || color.length < 3) return false;
  const luminance = (0.2126 * color[0] + 0.7152 * color[1] + 0.0722 * color[2]) / 255;
  return luminance < 0.3;
}

/** The quadrilaterals of a markup annotation, or its rectangle. */
export function areasOf(a: AnnotationLike, space: import('../geometry.ts').PageSpace): Box[] {
  const q = a.quadPoints;
  if (q && q.length >= 8) {
    const boxes: Box[] = [];
    for (let i = 0; i + 7 < q.length; i += 8) {
      const pts: [number, number][] = [0, 2, 4, 6].map((k) => [q[i + k], q[i + k + 1]]);
      const b = boundsOf(pts);
      boxes.push(
        toPageBox(space, IDENTITY, [
          [b.x, b.y],
          [b.x + b.width, b.y],
          [b.x, b.y + b.height],
          [b.x + b.width, b.y + b.height],
        ]),
      );
    }
    return boxes;
  }
  const r = a.rect;
  if (!r || r.length < 4) return [];
  return [
    toPageBox(space, IDENTITY, [
      [r[0], r[1]],
      [r[2], r[1]],
      [r[0], r[3]],
      [r[2], r[3]],
    ]),
  ];
}
