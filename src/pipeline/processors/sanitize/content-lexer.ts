/**
 * Reads a PDF content stream (pages, forms, patterns, Type 3 glyphs) into
 * operations: the operands as values (numbers, names, strings, arrays,
 * dictionaries) and the operator. Comments are not operations: they are
 * collected apart, so writing the operations back (content-writer.ts)
 * leaves them out. Inline images (`BI … ID <bytes> EI`) come out as one
 * operation with their dictionary and data.
 *
 * One pass over the bytes, no backtracking except when looking for the end
 * of inline image data, so a stream of any size is read in linear time.
 * Anything that is not PDF syntax throws `ContentSyntaxError`: the caller
 * then publishes the page as an image instead of guessing.
 */
import { inlineDataEnd, isHex, latin1, parseNumber, REGULAR, WHITESPACE } from './pdf-syntax.ts';

export type Operand =
  | { t: 'num'; v: number }
  | { t: 'name'; v: string }
  | { t: 'str'; bytes: Uint8Array; hex: boolean }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'arr'; items: Operand[] }
  | { t: 'dict'; entries: Map<string, Operand> };

export interface Operation {
  op: string;
  operands: Operand[];
  /** For `BI`: the image's dictionary (abbreviated keys as written) and its data. */
  image?: { dict: Map<string, Operand>; data: Uint8Array };
}

export interface ParsedContent {
  operations: Operation[];
  /** Text of every comment, without the `%`. */
  comments: string[];
}

export class ContentSyntaxError extends Error {}

/** Nesting deeper than this is not a real page: refuse rather than recurse without end. */
const MAX_DEPTH = 64;

export function parseContent(bytes: Uint8Array): ParsedContent {
  return new Lexer(bytes, false).run();
}

/**
 * PostScript-like text (CMaps): the same tokens, but brackets and
 * dictionary marks are operators of their own (`<< /Registry (Adobe) def >>`
 * is a procedure there, not a PDF dictionary), so nothing is checked but
 * the tokens themselves.
 */
export function parsePostScript(bytes: Uint8Array): ParsedContent {
  return new Lexer(bytes, true).run();
}

class Lexer {
  private pos = 0;
  private readonly comments: string[] = [];
  private readonly bytes: Uint8Array;
  private readonly flat: boolean;

  constructor(bytes: Uint8Array, flat: boolean) {
    this.bytes = bytes;
    this.flat = flat;
  }

  run(): ParsedContent {
    const operations: Operation[] = [];
    let operands: Operand[] = [];
    for (;;) {
      const token = this.next(0);
      if (token === undefined) break;
      if (typeof token !== 'string') {
        operands.push(token);
        continue;
      }
      if (token === 'BI') {
        operations.push({ op: 'BI', operands: [], image: this.inlineImage() });
        operands = [];
        continue;
      }
      operations.push({ op: token, operands });
      operands = [];
    }
    return { operations, comments: this.comments };
  }

  /** The next operand, or an operator's name as a string; undefined at the end. */
  private next(depth: number): Operand | string | undefined {
    if (depth > MAX_DEPTH) throw new ContentSyntaxError('arrays or dictionaries nested too deep');
    const b = this.bytes;
    this.skipSpace();
    if (this.pos >= b.length) return undefined;
    const c = b[this.pos]!;
    if (this.flat) {
      const mark = this.mark(c);
      if (mark) return mark;
    }
    switch (c) {
      case 0x2f /* / */:
        return { t: 'name', v: this.name() };
      case 0x28 /* ( */:
        return { t: 'str', bytes: this.literal(), hex: false };
      case 0x3c /* < */:
        if (b[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return { t: 'dict', entries: this.dictBody(depth) };
        }
        return { t: 'str', bytes: this.hex(), hex: true };
      case 0x5b /* [ */: {
        this.pos++;
        const items: Operand[] = [];
        for (;;) {
          this.skipSpace();
          if (b[this.pos] === 0x5d) {
            this.pos++;
            return { t: 'arr', items };
          }
          const item = this.next(depth + 1);
          if (item === undefined) throw new ContentSyntaxError('an array is not closed');
          if (typeof item === 'string') throw new ContentSyntaxError(`operator "${item}" inside an array`);
          items.push(item);
        }
      }
      case 0x5d:
      case 0x3e:
      case 0x29:
      case 0x7b:
      case 0x7d:
        throw new ContentSyntaxError(`unexpected "${String.fromCharCode(c)}" at byte ${this.pos}`);
    }
    const start = this.pos;
    while (this.pos < b.length && REGULAR(b[this.pos]!)) this.pos++;
    const word = latin1(b, start, this.pos);
    const number = parseNumber(word);
    if (number !== undefined) return { t: 'num', v: number };
    if (word === 'true' || word === 'false') return { t: 'bool', v: word === 'true' };
    if (word === 'null') return { t: 'null' };
    // Unknown operators are read (compatibility sections may hold them) and dropped by the caller.
    if (!/^[\x21-\x7e]{1,32}$/.test(word)) throw new ContentSyntaxError(`"${word.slice(0, 20)}" is not an operator`);
    return word;
  }

  /** In PostScript text: a bracket or dictionary mark, as an operator. */
  private mark(c: number): string | undefined {
    const b = this.bytes;
    const two = (c === 0x3c || c === 0x3e) && b[this.pos + 1] === c;
    if (!two && c !== 0x5b && c !== 0x5d && c !== 0x7b && c !== 0x7d) return undefined;
    this.pos += two ? 2 : 1;
    return two ? String.fromCharCode(c, c) : String.fromCharCode(c);
  }

  private dictBody(depth: number): Map<string, Operand> {
    const b = this.bytes;
    const entries = new Map<string, Operand>();
    for (;;) {
      this.skipSpace();
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return entries;
      }
      const key = this.next(depth + 1);
      if (key === undefined) throw new ContentSyntaxError('a dictionary is not closed');
      if (typeof key === 'string' || key.t !== 'name') throw new ContentSyntaxError('a dictionary key is not a name');
      const value = this.next(depth + 1);
      if (value === undefined || typeof value === 'string') throw new ContentSyntaxError(`the dictionary entry /${key.v} has no value`);
      entries.set(key.v, value);
    }
  }

  private skipSpace(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WHITESPACE[c]) {
        this.pos++;
      } else if (c === 0x25 /* % */) {
        const start = ++this.pos;
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
        this.comments.push(latin1(b, start, this.pos));
      } else {
        return;
      }
    }
  }

  private name(): string {
    const b = this.bytes;
    this.pos++;
    let out = '';
    while (this.pos < b.length && REGULAR(b[this.pos]!)) {
      const c = b[this.pos]!;
      if (c === 0x23 /* # */ && isHex(b[this.pos + 1]) && isHex(b[this.pos + 2])) {
        out += String.fromCharCode(parseInt(latin1(b, this.pos + 1, this.pos + 3), 16));
        this.pos += 3;
      } else {
        out += String.fromCharCode(c);
        this.pos++;
      }
    }
    return out;
  }

  private literal(): Uint8Array {
    const b = this.bytes;
    const out: number[] = [];
    let nesting = 1;
    this.pos++;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x28) nesting++;
      else if (c === 0x29 && --nesting === 0) return Uint8Array.from(out);
      if (c === 0x0d) {
        // An end of line inside a string is read as one line feed, whatever it was.
        if (b[this.pos] === 0x0a) this.pos++;
        out.push(0x0a);
      } else if (c === 0x5c /* \ */) {
        this.escape(out);
      } else {
        out.push(c);
      }
    }
    throw new ContentSyntaxError('a string is not closed');
  }

  private escape(out: number[]): void {
    const b = this.bytes;
    if (this.pos >= b.length) return;
    const c = b[this.pos++]!;
    const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
    if (simple[c] !== undefined) out.push(simple[c]!);
    else if (c >= 0x30 && c <= 0x37) {
      let v = c - 0x30;
      for (let i = 0; i < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; i++) v = v * 8 + (b[this.pos++]! - 0x30);
      out.push(v & 0xff);
    } else if (c === 0x0d) {
      if (b[this.pos] === 0x0a) this.pos++;
    } else if (c !== 0x0a) {
      out.push(c);
    }
  }

  private hex(): Uint8Array {
    const b = this.bytes;
    const out: number[] = [];
    let high = -1;
    this.pos++;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x3e) {
        if (high >= 0) out.push(high << 4);
        return Uint8Array.from(out);
      }
      if (WHITESPACE[c]) continue;
      if (!isHex(c)) throw new ContentSyntaxError(`"${String.fromCharCode(c)}" in a hexadecimal string`);
      const v = parseInt(String.fromCharCode(c), 16);
      if (high < 0) high = v;
      else {
        out.push((high << 4) | v);
        high = -1;
      }
    }
    throw new ContentSyntaxError('a hexadecimal string is not closed');
  }

  /** `BI` was read: the dictionary up to `ID`, then the data up to `EI`. */
  private inlineImage(): { dict: Map<string, Operand>; data: Uint8Array } {
    const dict = new Map<string, Operand>();
    for (;;) {
      const key = this.next(1);
      if (key === 'ID') break;
      if (key === undefined || typeof key === 'string' || key.t !== 'name') throw new ContentSyntaxError('an inline image dictionary is malformed');
      const value = this.next(1);
      if (value === undefined || typeof value === 'string') throw new ContentSyntaxError(`the inline image entry /${key.v} has no value`);
      dict.set(key.v, value);
    }
    // One white-space byte separates ID from the data.
    const start = this.pos + 1;
    const declared = dict.get('L') ?? dict.get('Length');
    const end = inlineDataEnd(this.bytes, start, declared?.t === 'num' ? declared.v : undefined);
    if (end === undefined) throw new ContentSyntaxError('an inline image has no end (EI)');
    const data = this.bytes.subarray(start, end);
    this.pos = end;
    this.skipSpace();
    if (latin1(this.bytes, this.pos, this.pos + 2) !== 'EI') throw new ContentSyntaxError('an inline image does not end with EI');
    this.pos += 2;
    return { dict, data };
  }
}
