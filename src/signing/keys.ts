/**
 * The publisher's Ed25519 signing key: where it comes from (an environment
 * variable or a file outside the repository, never the repository), and
 * signing the manifest with it. Public keys are written `ed25519:<base64>`
 * and shown by fingerprint; both formats live in the verifier every site
 * carries (trove-verify.mjs, beside this file) so a mirror checks exactly
 * what was signed.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fingerprint, formatPublicKey, parsePublicKey } from './trove-verify.mjs';

export interface SigningKey {
  privateKey: KeyObject;
  /** `ed25519:<base64>` */
  publicKey: string;
  fingerprint: string;
  /** Where it came from, for messages (never the key itself). */
  origin: string;
}

export class SigningKeyError extends Error {}

export const KEY_ENV = 'TROVE_SIGNING_KEY';
export const KEY_FILE_ENV = 'TROVE_SIGNING_KEY_FILE';

export function publicKeyOf(privateKey: KeyObject): string {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return formatPublicKey(spki.subarray(spki.length - 32));
}

function fromPem(pem: string, origin: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem.includes('-----BEGIN') ? pem : `-----BEGIN PRIVATE KEY-----\n${pem.trim()}\n-----END PRIVATE KEY-----\n`);
  } catch (e) {
    throw new SigningKeyError(`${origin} is not a readable private key: ${(e as Error).message}; make one with \`npm run keygen\``);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`${origin} is a ${privateKey.asymmetricKeyType} key; Trove signs with Ed25519: make one with \`npm run keygen\``);
  }
  const publicKey = publicKeyOf(privateKey);
  const raw = Buffer.from(publicKey.slice('ed25519:'.length), 'base64');
  return { privateKey, publicKey, fingerprint: fingerprint(raw), origin };
}

/**
 * The configured signing key, or undefined when none is configured.
 * `projectRoot`: a key file inside it is refused (it could be committed).
 */
export function loadSigningKey(env: NodeJS.ProcessEnv, projectRoot: string): SigningKey | undefined {
  const inline = env[KEY_ENV];
  const file = env[KEY_FILE_ENV];
  if (inline && file) throw new SigningKeyError(`both ${KEY_ENV} and ${KEY_FILE_ENV} are set; set only one`);
  if (inline) return fromPem(inline, `the ${KEY_ENV} environment variable`);
  if (!file) return undefined;
  const full = path.resolve(file);
  const root = path.resolve(projectRoot);
  if (full === root || full.startsWith(root + path.sep)) {
    throw new SigningKeyError(
      `${KEY_FILE_ENV} points inside the project (${path.relative(root, full)}); keep the private key outside the repository, e.g. in ~/.trove/keys/`,
    );
  }
  let pem: string;
  try {
    pem = readFileSync(full, 'utf8');
  } catch (e) {
    throw new SigningKeyError(`cannot read the signing key ${full} (${KEY_FILE_ENV}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return fromPem(pem, full);
}

/**
 * Why a signing key cannot sign this site, or undefined when it can: the
 * key must be the one whose public half site.yml publishes. Checked before
 * a build starts (src/build/start-checks.ts) and again before it signs.
 */
export function keyMismatch(key: SigningKey, site: { publicKey?: string }, siteFile = 'content/site.yml'): string | undefined {
  if (!site.publicKey) return `a signing key is configured (${key.origin}) but ${siteFile} has no publicKey; add the line\n  publicKey: "${key.publicKey}"`;
  if (key.publicKey === site.publicKey) return undefined;
  return (
    `the signing key (${key.origin}, fingerprint ${key.fingerprint}) does not match publicKey in ${siteFile} (fingerprint ${fingerprint(parsePublicKey(site.publicKey))}); ` +
    'use the key that belongs to the published public key, or publish the new public key'
  );
}

export function signBytes(key: SigningKey, bytes: Uint8Array): string {
  return sign(null, bytes, key.privateKey).toString('base64');
}

export function generateSigningKey(): { privatePem: string; publicKey: string; fingerprint: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const key = fromPem(privatePem, 'the new key');
  return { privatePem, publicKey: key.publicKey, fingerprint: key.fingerprint };
}
