/**
 * Writes `MIRRORING.md` at the root of the site: how to copy, serve and
 * verify this copy, with the publisher's key fingerprint, so a mirror can
 * check itself from nothing but the folder (with `trove-verify.mjs`, which
 * ships beside it).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StepContext } from '../step.ts';

export function mirroringNotes(site: StepContext['pipeline']['data']['site']): string {
  const url = site.url ?? 'https://publisher.example/';
  const key = site.publicKey
    ? `The publisher signs every build with the Ed25519 key\n\n    ${site.publicKey}\n\nwhose fingerprint is\n\n    ${site.fingerprint}\n\nCheck this fingerprint against one the publisher announces elsewhere (their\nown site, social accounts, printed material): a copy can carry a forged key.`
    : 'This site is not signed (its publisher has not configured a key): the\nverifier can prove that a copy matches its manifest, not who made it.';
  const fp = site.fingerprint ? ` --fingerprint "${site.fingerprint}"` : '';
  return `# Mirroring ${site.title}

This folder is the whole site: plain files, no server code. Serve it from any
web server, at any path; every link is relative. Opened straight from disk
(\`index.html\`), it browses without search.

## Copy

    rsync -a --delete <source>/ /srv/mirror/
    wget --mirror --no-parent --no-host-directories --cut-dirs=N ${url}

or unpack the mirror kit archive (\`.tar.gz\`), or fetch it with its \`.torrent\`.

## Verify

\`trove-manifest.json\` lists every file with its size and SHA-256;
\`trove-manifest.json.sig\` is the publisher's signature of it.

${key}

With Node.js 18 or newer, from this folder:

    node trove-verify.mjs .${fp}

or against a live mirror:

    node trove-verify.mjs https://mirror.example/path/${fp}

It reports missing, altered and extra files, and whether the signature
holds. Exit status 0 means complete, unaltered and signed with the
publisher's key; 1 files differ; 2 the signature is invalid or made by
another key; 3 unsigned; 4 no readable manifest; 5 files and signature hold
but no key was pinned, so the signer is not verified (give --fingerprint);
6 a wrong command line. Without --fingerprint the verifier only checks the
key this copy names itself, which a forger can replace along with the files.
From a checkout of Trove, \`npm run verify -- <folder or URL>\` does the same,
with the key in its content/site.yml.

Known mirrors: ${site.mirrors.length ? site.mirrors.join(', ') : 'none listed yet'}.
`;
}

export async function writeMirroringNotes({ outDir, pipeline }: StepContext): Promise<void> {
  await writeFile(path.join(outDir, 'MIRRORING.md'), mirroringNotes(pipeline.data.site));
}
