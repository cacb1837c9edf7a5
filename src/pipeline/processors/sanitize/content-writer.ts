/**
 * Writes operations (content-lexer.ts) back as a content stream: one
 * operation a line, operands written from their values (never copied from
 * the source bytes), so nothing the lexer did not read as an operand, such
 * as a comment, can come through.
 */
import type { Operand, Operation } from './content-lexer.ts';

export class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;

  text(s: string): void {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.buffer[this.length++] = s.charCodeAt(i) & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }

  byte(c: number): void {
    this.reserve(1);
    this.buffer[this.length++] = c;
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

export function writeContent(operations: readonly Operation[]): Uint8Array {
  const out = new ByteWriter();
  for (const operation of operations) writeOperation(out, operation);
  return out.result();
}

function writeOperation(out: ByteWriter, { op, operands, image }: Operation): void {
  for (const operand of operands) {
    writeOperand(out, operand);
    out.byte(0x20);
  }
  if (image) {
    out.text('BI');
    for (const [key, value] of image.dict) {
      out.byte(0x20);
      out.text(formatName(key));
      out.byte(0x20);
      writeOperand(out, value);
    }
    out.text(' ID ');
    out.bytes(image.data);
    out.text('\nEI\n');
    return;
  }
  out.text(op);
  out.byte(0x0a);
}

function writeOperand(out: ByteWriter, operand: Operand): void {
  switch (operand.t) {
    case 'num':
      out.text(formatNumber(operand.v));
      return;
    case 'name':
      out.text(formatName(operand.v));
      return;
    case 'str':
      if (operand.hex) writeHex(out, operand.bytes);
      else writeLiteral(out, operand.bytes);
      return;
    case 'bool':
      out.text(operand.v ? 'true' : 'false');
      return;
    case 'null':
      out.text('null');
      return;
    case 'arr':
      out.byte(0x5b);
      operand.items.forEach((item, i) => {
        if (i > 0) out.byte(0x20);
        writeOperand(out, item);
      });
      out.byte(0x5d);
      return;
    case 'dict':
      out.text('<<');
      for (const [key, value] of operand.entries) {
        out.text(formatName(key));
        out.byte(0x20);
        writeOperand(out, value);
        out.byte(0x20);
      }
      out.text('>>');
      return;
  }
}

/** Shortest form that reads back as the same number, never in exponent notation (PDF has none). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '0';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const plain = String(v);
  if (!/e/i.test(plain)) return plain;
  if (Math.abs(v) < 1e-6) return '0';
  return v.toFixed(0);
}

const NAME_PLAIN = /^[\x21-\x7e]$/;
const NAME_SPECIAL = new Set('()<>[]{}/%#');

function formatName(name: string): string {
  let out = '/';
  for (const ch of name) {
    const c = ch.charCodeAt(0) & 0xff;
    if (NAME_PLAIN.test(String.fromCharCode(c)) && !NAME_SPECIAL.has(String.fromCharCode(c))) out += String.fromCharCode(c);
    else out += `#${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function writeLiteral(out: ByteWriter, bytes: Uint8Array): void {
  out.byte(0x28);
  for (const c of bytes) {
    if (c === 0x28 || c === 0x29 || c === 0x5c) {
      out.byte(0x5c);
      out.byte(c);
    } else if (c === 0x0d) {
      // A raw carriage return would be read back as a line feed.
      out.text('\\r');
    } else {
      out.byte(c);
    }
  }
  out.byte(0x29);
}

function writeHex(out: ByteWriter, bytes: Uint8Array): void {
  out.byte(0x3c);
  for (const c of bytes) out.text(c.toString(16).padStart(2, '0'));
  out.byte(0x3e);
}
