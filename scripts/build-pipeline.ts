/**
 * Internal to `npm run build` (src/build/pipeline-process.ts starts it as a
 * process of its own): the document pipeline, from the content folder to the
 * site data and the derivative cache, with the folders the build resolved
 * (TROVE_CONTENT, TROVE_WORK). Its result, with its peak memory, or its
 * problems go to the build over IPC (src/build/child-process.ts).
 */
import { childMain } from '../src/build/child-process.ts';
import type { PipelinePlan } from '../src/build/pipeline-process.ts';
import { projectFolders } from '../src/pipeline/folders.ts';
import { runPipeline } from '../src/pipeline/run.ts';

await childMain('scripts/build-pipeline.ts', async (notify) => {
  const folders = projectFolders();
  const result = await runPipeline({
    contentDir: folders.content,
    workDir: folders.work,
    log: (line) => console.log(`[trove] ${line}`),
    onPlan: (toProcess) => notify({ toProcess } satisfies PipelinePlan),
  });
  return { result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
});
