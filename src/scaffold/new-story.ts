/**
 * A story skeleton: `content/stories/<slug>.md`, a draft dated today, with
 * the citation and embed syntax shown in its body. Never overwrites; makes
 * `stories/` when the content folder has none yet.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkSegment, suggestSegment } from '../lib/ids.ts';

export function storySlug(title: string): string {
  return suggestSegment(title).replace(/[._]+/g, '-').replace(/-{2,}/g, '-').slice(0, 60).replace(/-+$/, '') || 'story';
}

const yamlString = (s: string) => JSON.stringify(s);

export function storySkeleton(title: string, today: string): string {
  return `---
title: ${yamlString(title)}
date: "${today}"
authors: []
summary: ""
tags: []
# A draft is left out of the site. Remove this line (or set false) to publish.
draft: true
---

Write the story here. Cite a document page with a link:
[the memo, page 2](doc:<collection>/<name>#page=2).

Show a page image or a document card with an embed, on a line of its own:

::page{id="<collection>/<name>" page=2}

::document{id="<collection>/<name>"}
`;
}

export async function newStory(contentDir: string, title: string, now = new Date()): Promise<string> {
  if (!title.trim()) throw new Error('give the story a title: npm run new:story -- "The title"');
  const slug = storySlug(title);
  const problem = checkSegment(slug);
  if (problem) throw new Error(`cannot make a file name from this title: ${problem.message}`);
  const file = path.join(contentDir, 'stories', `${slug}.md`);
  // A new collection has no stories yet: the folder is made, but only inside a content folder that exists.
  const isFolder = await stat(contentDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new Error(`${contentDir} does not exist; set TROVE_CONTENT to the content folder, or run this from the project's folder`);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, storySkeleton(title.trim(), now.toISOString().slice(0, 10)), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`${file} already exists; it was left as it was. Choose another title, or edit that story`, { cause: e });
    throw e;
  }
  return file;
}
