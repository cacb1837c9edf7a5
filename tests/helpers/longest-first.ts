/**
 * The order test files start in. Vitest starts the files that took longest
 * last time first, and on a fresh clone (no timings yet) the largest
 * files; the example build's file is small and took over a minute, so on a
 * fresh clone it started last and ran alone while the other lane idled.
 * The files known to be long start first, in this order; the rest keep
 * Vitest's order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONG = ['tests/build/example-collection.test.ts', 'tests/build/bench.test.ts', 'tests/build/build-errors.test.ts', 'tests/audit/xray-test-pdfs.test.ts'];

function rank(spec: TestSpecification): number {
  const i = LONG.findIndex((file) => spec.moduleId.endsWith(file));
  return i === -1 ? LONG.length : i;
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Projects run one after another: reorder within each project's run of files only.
    const runs: TestSpecification[][] = [];
    for (const spec of sorted) {
      const last = runs.at(-1);
      if (last && last[0]!.project.name === spec.project.name) last.push(spec);
      else runs.push([spec]);
    }
    return runs.flatMap((run) => [...run].sort((a, b) => rank(a) - rank(b)));
  }
}
