/**
 * `npm run keygen [-- --out <file>]`: makes the publisher's Ed25519 key
 * pair. The private key is written (mode 0600) outside the repository,
 * by default to ~/.trove/keys/trove-signing-key-<fingerprint>.pem; the
 * public key and its fingerprint are printed as the two lines to paste
 * into content/site.yml. Never overwrites a file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { generateSigningKey, KEY_FILE_ENV } from '../src/signing/keys.ts';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const key = generateSigningKey();
const file = path.resolve(
  outIndex !== -1 && args[outIndex + 1]
    ? args[outIndex + 1]
    : path.join(homedir(), '.trove', 'keys', `trove-signing-key-${key.fingerprint.replace(/ /g, '').slice(0, 8)}.pem`),
);
const root = process.cwd();
if (file === root || file.startsWith(root + path.sep)) {
  console.error(`keygen: ${file} is inside the project; keep the private key outside the repository (the default is ~/.trove/keys/)`);
  process.exit(1);
}
// Each failure as it is: "already exists" only when the key file itself does.
const reason = (e: unknown) => (e as Error).message.replace(/, \w+ '[^']*'$/, '');
try {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
} catch (e) {
  console.error(
    `keygen: cannot create the folder ${path.dirname(file)} for the private key (${reason(e)}); nothing was written. Choose another path with --out`,
  );
  process.exit(1);
}
try {
  await writeFile(file, key.privatePem, { mode: 0o600, flag: 'wx' });
} catch (e) {
  console.error(
    (e as NodeJS.ErrnoException).code === 'EEXIST'
      ? `keygen: ${file} already exists; it was left as it was. Choose another path with --out`
      : `keygen: cannot write the private key to ${file} (${reason(e)}); nothing was written. Choose another path with --out`,
  );
  process.exit(1);
}
console.log(`Private key written to ${file} (keep it secret, keep a backup).

1. Publish the public key: add these two lines to content/site.yml
     publicKey: "${key.publicKey}"
     fingerprint: "${key.fingerprint}"
   (the build checks that they belong together), and announce the
   fingerprint wherever readers can check it: mirrors verify with
     node trove-verify.mjs <copy> --fingerprint "${key.fingerprint}"

2. Sign builds: set ${KEY_FILE_ENV}=${file}
   (in CI, store the file's contents in a secret and set TROVE_SIGNING_KEY instead).`);
