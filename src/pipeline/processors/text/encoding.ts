/**
 * Decoding text files of unknown encoding, as leaks deliver them: UTF-8
 * (with or without a byte-order mark), UTF-16 (with a BOM, either byte
 * order), or, when the bytes are not valid UTF-8, Windows-1252 (a superset
 * of Latin-1 for printable text, and what "Latin-1" files from Windows
 * tools really are). The result is always a JavaScript string without BOM.
 */

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The encoding of `bytes`. With `prefix`, the bytes are only the start of a
 * file: a multi-byte character cut off at their end is not a sign of
 * another encoding (the caller checks the rest).
 */
export function detectEncoding(bytes: Uint8Array, { prefix = false } = {}): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: many NUL bytes in alternate positions.
  const sample = bytes.subarray(0, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenNul++;
    else oddNul++;
  }
  if (sample.length >= 4 && oddNul > sample.length / 4 && evenNul === 0) return 'utf-16le';
  if (sample.length >= 4 && evenNul > sample.length / 4 && oddNul === 0) return 'utf-16be';
  try {
    // In streaming mode an incomplete sequence at the end waits for more bytes instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: prefix });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const encoding = detectEncoding(bytes);
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  // TextDecoder drops a leading BOM for the UTF encodings by default.
  const text = new TextDecoder(label).decode(bytes);
  return { text, encoding };
}

/**
 * Text made safe to show and index: NFC, line breaks normalized to `\n`,
 * control characters (other than tab and newline) removed.
 */
export function sanitizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]/g, '');
}
