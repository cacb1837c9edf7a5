/**
 * `npm run cache:prune`: removes cache entries the current content does not
 * use (documents since changed, removed, or made with other options or tool
 * versions) and temporary folders that interrupted builds left behind. An
 * entry is in use when a published document's key (content hash, type,
 * options, tool versions, redactions) names it; e-mail attachments' entries
 * are found through their message's entry. Nothing here can make a build
 * reuse a stale entry: keys already prevent that; pruning only frees disk.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { discover } from '../content/discover.ts';
import type { Problem } from '../errors.ts';
import { attachmentEntries, lookup, type ProcessedDocument } from '../documents/process-documents.ts';
import { renderOptions } from '../processors/types.ts';
import { isPublished } from '../content/publishable.ts';
import { DerivativeCache } from './derivative-cache.ts';

export interface PruneResult {
  kept: number;
  removed: string[];
  removedBytes: number;
  temporary: number;
}

/** Temporary folders younger than this may belong to a build that is running now. */
const TMP_GRACE_MS = 6 * 60 * 60 * 1000;

export async function pruneCache(options: {
  contentDir: string;
  cacheDir: string;
  dryRun?: boolean;
  now?: Date;
}): Promise<PruneResult & { problems: Problem[] }> {
  const problems: Problem[] = [];
  const now = options.now ?? new Date();
  const cache = new DerivativeCache(options.cacheDir);
  const content = await discover(options.contentDir, problems);
  const used = new Set<string>();
  let entries = content.documents.filter((d) => isPublished(d.meta, now));
  // Messages, their attachments, and attachments of attached messages (as the build does).
  for (let level = 0; level < 3 && entries.length > 0; level++) {
    const found = await lookup(entries, cache, renderOptions(), content.site);
    const parents: ProcessedDocument[] = [];
    for (const l of found) {
      used.add(l.key);
      if (l.cached) parents.push({ entry: l.entry, sha256: l.sha256, bytes: l.bytes, cacheKey: l.key, result: l.cached, processed: false });
    }
    entries = attachmentEntries(parents, cache);
  }
  // With content errors the set of used entries is uncertain: remove nothing.
  if (problems.length > 0) return { kept: used.size, removed: [], removedBytes: 0, temporary: 0, problems };

  const removed: string[] = [];
  let removedBytes = 0;
  let kept = 0;
  const root = path.join(cache.dir, 'derivatives');
  for (const prefix of await readdir(root).catch(() => [] as string[])) {
    for (const key of await readdir(path.join(root, prefix)).catch(() => [] as string[])) {
      if (used.has(key)) {
        kept++;
        continue;
      }
      const dir = cache.entryDir(key);
      removedBytes += await sizeOf(dir);
      removed.push(key);
      if (!options.dryRun) await rm(dir, { recursive: true, force: true });
    }
  }
  let temporary = 0;
  const tmpRoot = path.join(cache.dir, 'tmp');
  for (const name of await readdir(tmpRoot).catch(() => [] as string[])) {
    const dir = path.join(tmpRoot, name);
    const info = await stat(dir);
    if (now.getTime() - info.mtimeMs < TMP_GRACE_MS) continue;
    temporary++;
    removedBytes += await sizeOf(dir);
    if (!options.dryRun) await rm(dir, { recursive: true, force: true });
  }
  return { kept, removed, removedBytes, temporary, problems };
}

async function sizeOf(dir: string): Promise<number> {
  let bytes = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) bytes += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return bytes;
}
