/**
 * Scenarios of editors' mistakes: the basic fixture is copied into a folder
 * of its own, one thing is edited, and the pipeline runs in the test's own
 * process; its problems are values to compare (file, line, message, hint).
 * Every scenario shares the run's document cache, so the fixture's
 * documents are processed once.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, type Problem } from '../../src/pipeline/errors.ts';
import { runPipeline, type PipelineResult } from '../../src/pipeline/run.ts';
import { fixtureContent, ROOT, tempDir } from './build.ts';
import { sharedCacheWorkDir } from './shared-builds.ts';

let workDir: Promise<string> | undefined;

/** The basic fixture with one edit, in a folder of its own; `shown` gives a file's path as problems name it. */
export async function editedCopy(name: string, edit: (content: string) => Promise<void>) {
  const content = path.join(await tempDir(name), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await edit(content);
  const shown = (p: string) => path.relative(ROOT, path.join(content, p));
  return { content, shown };
}

/** The pipeline's result on a content folder, or the problems it stopped with. */
export async function pipelineOf(contentDir: string): Promise<{ result?: PipelineResult; problems: Problem[] }> {
  workDir ??= sharedCacheWorkDir('content-scenarios');
  try {
    return { result: await runPipeline({ contentDir, workDir: await workDir }), problems: [] };
  } catch (e) {
    if (e instanceof BuildError) return { problems: e.problems };
    throw e;
  }
}

/** The basic fixture with one edit, through the pipeline. */
export async function scenario(name: string, edit: (content: string) => Promise<void>) {
  const { content, shown } = await editedCopy(name, edit);
  return { ...(await pipelineOf(content)), shown };
}

export async function replaceIn(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`scenario edit did not apply to ${file}`);
  await writeFile(file, next);
}

/** Appends lines to the fixture's site.yml. */
export async function appendToSiteYml(content: string, lines: string): Promise<void> {
  await writeFile(path.join(content, 'site.yml'), `${await readFile(path.join(content, 'site.yml'), 'utf8')}${lines}`);
}

export const story = (content: string) => path.join(content, 'stories/first-circuit.md');
export const sidecar = (content: string, name: string) => path.join(content, `documents/appeals/${name}.md`);

/** A problem as the pipeline reports it: equal only with the same file, line, message and hint. */
export const problem = (file: string, line: number | undefined, message: string, hint?: string): Problem => ({ file, line, message, hint });
