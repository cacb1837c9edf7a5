/**
 * A Vite plugin that tells pages where the pipeline wrote the site data:
 * `import { dataDir } from 'virtual:trove/data'`. Pages read JSON from there
 * at build time; they never import the pipeline itself.
 */
import type { Plugin } from 'vite';

const ID = 'virtual:trove/data';
const RESOLVED = `\0${ID}`;

export function virtualDataModule(dataDir: string): Plugin {
  return {
    name: 'trove:virtual-data',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export const dataDir = ${JSON.stringify(dataDir)};` : undefined),
  };
}
