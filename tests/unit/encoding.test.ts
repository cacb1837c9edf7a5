/** Encoding detection for text and CSV files of unknown origin. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFileEncoding } from '../../src/pipeline/processors/table/read-table.ts';
import { decodeText, detectEncoding, sanitizeText } from '../../src/pipeline/processors/text/encoding.ts';
import { tempDir } from '../helpers/build.ts';

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('detectEncoding and decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const plain = new TextEncoder().encode('Zoë, São Paulo, 東京');
    expect(decodeText(plain)).toEqual({ text: 'Zoë, São Paulo, 東京', encoding: 'utf-8' });
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeText(bom)).toEqual({ text: 'Zoë, São Paulo, 東京', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 in both byte orders, with a BOM or without', () => {
    const le = Buffer.from('\uFEFFnom,ville\nRenée,Montréal\n', 'utf16le');
    expect(decodeText(le)).toEqual({ text: 'nom,ville\nRenée,Montréal\n', encoding: 'utf-16le' });
    const be = Buffer.from(le).swap16();
    expect(decodeText(be)).toEqual({ text: 'nom,ville\nRenée,Montréal\n', encoding: 'utf-16be' });
    expect(detectEncoding(Buffer.from('plain ascii text here', 'utf16le'))).toBe('utf-16le');
  });

  it('reads Latin-1 / Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(latin1('Fran\xe7ois M\xfcller, \x93quoted\x94'))).toEqual({
      text: 'François Müller, “quoted”',
      encoding: 'windows-1252',
    });
  });

  it('treats pure ASCII as UTF-8', () => {
    expect(detectEncoding(latin1('just ascii'))).toBe('utf-8');
  });

  it("does not mistake a character cut off at the end of a file's first bytes for Windows-1252", async () => {
    // "é" is two bytes in UTF-8; put its first byte at 4095 so the 4096-byte head ends inside it.
    const text = `${'x'.repeat(4095)}é,Renée\n`;
    const bytes = new TextEncoder().encode(text);
    expect(bytes[4095]).toBe(0xc3);
    expect(detectEncoding(bytes.subarray(0, 4096), { prefix: true })).toBe('utf-8');
    // A whole file that really ends mid-character is not UTF-8.
    expect(detectEncoding(bytes.subarray(0, 4096))).toBe('windows-1252');
    const file = path.join(await tempDir('encoding'), 'straddling.csv');
    await writeFile(file, bytes);
    expect(await detectFileEncoding(file)).toBe('utf-8');
  });
});

describe('sanitizeText', () => {
  it('normalizes line breaks and removes control and direction-override characters', () => {
    expect(sanitizeText('a\r\nb\rc\u0000d\u202Ee\u200Bf')).toBe('a\nb\ncdef');
  });
});
