/**
 * `trove-verify.mjs` in the site: the verifier every copy carries, written
 * from its one source (src/signing/trove-verify.mjs). public/ holds a link
 * to that file so `astro dev` serves it too, but a checkout without
 * symbolic links (Windows, a zip download) has a one-line text file there,
 * which Astro would publish as the verifier; writing the source over it
 * means every site carries the real one.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { StepContext } from '../step.ts';

export const VERIFIER_SOURCE = path.join(import.meta.dirname, '../../signing/trove-verify.mjs');

export async function writeVerifier({ outDir }: StepContext): Promise<void> {
  await copyFile(VERIFIER_SOURCE, path.join(outDir, 'trove-verify.mjs'));
}
