/**
 * The watch list: terms that must never be published (a source's name, a
 * home address, a number), one a line, in a file named by
 * TROVE_WATCHLIST_FILE. Like the signing key it must live outside the
 * project: inside it, it could be committed, or copied into the site. Its
 * terms are never printed (build logs are often public): every message
 * names a line number instead.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { projectFolders } from '../folders.ts';
import type { WatchTerm } from './matcher.ts';
import { watchKey } from './normalize.ts';

export const WATCHLIST_ENV = 'TROVE_WATCHLIST_FILE';

/** Fewer letters and digits than this would be found inside ordinary words all over a site. */
const MIN_TERM_LENGTH = 4;
/** Chinese and Japanese names are two or three characters, each as specific as a word. */
const MIN_IDEOGRAPHIC_LENGTH = 2;
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function longEnough(key: string): boolean {
  return key.length >= MIN_TERM_LENGTH || (key.length >= MIN_IDEOGRAPHIC_LENGTH && IDEOGRAPHIC.test(key));
}

export interface WatchList {
  /** The file, absolute, for messages. */
  file: string;
  terms: WatchTerm[];
}

export class WatchListError extends Error {}

/** Folders the watch list must not be in: the project, and the content and output folders wherever they are. */
function forbiddenFolders(env: NodeJS.ProcessEnv, projectRoot: string): string[] {
  const { content, out } = projectFolders(env, projectRoot);
  return [path.resolve(projectRoot), content, out];
}

/** The configured watch list, or undefined when TROVE_WATCHLIST_FILE is unset. */
export function loadWatchList(env: NodeJS.ProcessEnv, projectRoot: string): WatchList | undefined {
  const setting = env[WATCHLIST_ENV]?.trim();
  if (!setting) return undefined;
  const file = path.resolve(projectRoot, setting);
  let real = file;
  try {
    real = realpathSync(file);
  } catch {}
  for (const folder of forbiddenFolders(env, projectRoot)) {
    // A link from outside to a file inside counts as inside: the file itself could be committed.
    const inside = [file, real].find((p) => p === folder || p.startsWith(folder + path.sep));
    if (inside) {
      throw new WatchListError(
        `${WATCHLIST_ENV} points inside ${folder === path.resolve(projectRoot) ? 'the project' : `the folder ${folder}`} (${inside}); ` +
          'keep the watch list outside the repository and the site, e.g. in ~/.trove/watch-list.txt, where it cannot be committed or published',
      );
    }
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WatchListError(
      `cannot read the watch list ${file} (${WATCHLIST_ENV}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; fix the path or unset ${WATCHLIST_ENV}`,
    );
  }
  return { file, terms: parseWatchList(text, file) };
}

/** One term a line; blank lines and lines starting with `#` are skipped. */
export function parseWatchList(text: string, file: string): WatchTerm[] {
  const terms: WatchTerm[] = [];
  const short: number[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const key = watchKey(line);
      if (!longEnough(key)) short.push(i + 1);
      else terms.push({ line: i + 1, key });
    });
  if (short.length > 0) {
    const lines = short.map((n) => `${file}:${n}`).join(', ');
    throw new WatchListError(
      `${lines}: a watch-list term needs at least ${MIN_TERM_LENGTH} letters or digits (${MIN_IDEOGRAPHIC_LENGTH} Chinese or Japanese characters; spaces and punctuation do not count), or it would be found inside ordinary words; write the name, address or number in full`,
    );
  }
  if (terms.length === 0) throw new WatchListError(`the watch list ${file} has no terms: write one per line, or unset ${WATCHLIST_ENV}`);
  return terms;
}
