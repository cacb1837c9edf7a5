/**
 * The build's steps run in the build's own process, in order, each given the
 * pipeline's result the build holds (no hand-over file between processes);
 * a failing step or a stop ends the run before the next step starts.
 */
import { describe, expect, it } from 'vitest';
import { runSteps } from '../../src/build/steps.ts';
import type { SiteStep, StepContext } from '../../src/build/step.ts';
import type { PipelineResult } from '../../src/pipeline/run.ts';

/** Only its identity matters here: the steps must receive this very object. */
const pipeline = { cacheDir: '/cache', dataDir: '/site' } as PipelineResult;

function recording(names: string[], seen: StepContext[], fail?: string): SiteStep[] {
  return names.map((name) => ({
    name,
    run: async (ctx) => {
      seen.push(ctx);
      ctx.logger.info(`ran ${name}`);
      if (name === fail) throw new Error(`${name} failed`);
      return name === 'search-index' ? { searchIndexes: 2, searchIndexPeakRssMb: 40 } : undefined;
    },
  }));
}

describe('runSteps', () => {
  it('gives every step, in order, the pipeline result and folder it was given, and returns their times and figures', async () => {
    const seen: StepContext[] = [];
    const lines: string[] = [];
    const run = await runSteps(recording(['derivatives', 'search-index', 'manifest'], seen), { outDir: '/staging', pipeline }, (l) => lines.push(l));
    expect(seen.map((ctx) => ctx.pipeline)).toEqual([pipeline, pipeline, pipeline]);
    for (const ctx of seen) expect(ctx.pipeline).toBe(pipeline);
    expect(seen.map((ctx) => ctx.outDir)).toEqual(['/staging', '/staging', '/staging']);
    expect(Object.keys(run.stages)).toEqual(['derivatives', 'search-index', 'manifest']);
    expect(run.figures).toEqual({ searchIndexes: 2, searchIndexPeakRssMb: 40 });
    expect(lines).toContain('[trove:search-index] ran search-index');
    expect(lines).toContainEqual(expect.stringMatching(/^\[trove\] manifest done in [\d.]+ s$/));
  });

  it('stops at a failing step: the steps after it do not run', async () => {
    const seen: StepContext[] = [];
    const steps = recording(['derivatives', 'search-index', 'manifest'], seen, 'search-index');
    await expect(runSteps(steps, { outDir: '/staging', pipeline }, () => {})).rejects.toThrow('search-index failed');
    expect(seen).toHaveLength(2);
  });

  it('lets the step under way finish once stopped, and starts no other', async () => {
    const stop = new AbortController();
    const ran: string[] = [];
    const steps: SiteStep[] = ['derivatives', 'search-index', 'manifest'].map((name) => ({
      name,
      run: async () => {
        if (name === 'derivatives') stop.abort(new Error('stopped by SIGINT'));
        await new Promise((resolve) => setTimeout(resolve, 10));
        ran.push(name);
      },
    }));
    await expect(runSteps(steps, { outDir: '/staging', pipeline }, () => {}, stop.signal)).rejects.toThrow('stopped by SIGINT');
    expect(ran).toEqual(['derivatives']);
  });
});
