/** Files of the shared corpus (`../shared/corpus/` from the project root). */
import path from 'node:path';
import { ROOT } from './build.ts';

export const CORPUS = path.resolve(ROOT, '../shared/corpus');

export function corpusFile(relative: string): string {
  return path.join(CORPUS, relative);
}
