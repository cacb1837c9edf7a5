/**
 * The content-stream lexer and writer the download's rebuild relies on:
 * every kind of token reads back as the same value, comments never come
 * through, inline images keep their binary data, and anything that is not
 * PDF syntax is refused rather than guessed at. And the walker that decides
 * what is drawn out of sight places it through the matrices in PDF's order.
 */
import { describe, expect, it } from 'vitest';
import { ContentSyntaxError, parseContent, parsePostScript, type Operation } from '../../src/pipeline/processors/sanitize/content-lexer.ts';
import { walkContent, type WalkHooks } from '../../src/pipeline/processors/sanitize/content-walk.ts';
import { formatNumber, writeContent } from '../../src/pipeline/processors/sanitize/content-writer.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const roundTrip = (s: string) => parseContent(writeContent(parseContent(bytes(s)).operations)).operations;

describe('content-stream lexer', () => {
  it('reads numbers, names, strings, arrays and dictionaries as values', () => {
    const { operations } = parseContent(bytes('1 -2.5 .5 4. --3 /Na#20me (a(b)c\\)\\n\\101) <48 65 6c6C6f> [1 /x (y)] <</K [1 2] /B true /N null>> DP'));
    expect(operations).toHaveLength(1);
    const [op] = operations as [Operation];
    expect(op.op).toBe('DP');
    expect(op.operands.slice(0, 5)).toEqual([
      { t: 'num', v: 1 },
      { t: 'num', v: -2.5 },
      { t: 'num', v: 0.5 },
      { t: 'num', v: 4 },
      { t: 'num', v: -3 },
    ]);
    expect(op.operands[5]).toEqual({ t: 'name', v: 'Na me' });
    expect(text((op.operands[6] as { bytes: Uint8Array }).bytes)).toBe('a(b)c)\nA');
    expect(text((op.operands[7] as { bytes: Uint8Array }).bytes)).toBe('Hello');
    expect(op.operands[8]).toMatchObject({ t: 'arr', items: [{ t: 'num', v: 1 }, { t: 'name', v: 'x' }, { t: 'str' }] });
    const dict = op.operands[9] as { t: 'dict'; entries: Map<string, unknown> };
    expect([...dict.entries.keys()]).toEqual(['K', 'B', 'N']);
    expect(dict.entries.get('B')).toEqual({ t: 'bool', v: true });
  });

  it('collects comments apart, so writing the operations back drops them', () => {
    const source = '% Informant Jane Roe\n0 0 1 rg % fill colour for Jane\n72 600 50 10 re f\n(100% sure) Tj';
    const parsed = parseContent(bytes(source));
    expect(parsed.comments).toEqual([' Informant Jane Roe', ' fill colour for Jane']);
    const written = text(writeContent(parsed.operations));
    expect(written).not.toMatch(/Jane/);
    // A percent sign inside a string is text, not a comment.
    expect(written).toContain('(100% sure) Tj');
    expect(roundTrip(source)).toEqual(parsed.operations);
  });

  it('keeps strings byte for byte through a round trip: nesting, escapes, binary bytes and line ends', () => {
    const raw = Uint8Array.from([0x28, 0x29, 0x5c, 0x0d, 0x0a, 0x00, 0xff, 0x41]);
    const op: Operation = { op: 'Tj', operands: [{ t: 'str', bytes: raw, hex: false }] };
    const back = parseContent(writeContent([op])).operations[0]!.operands[0] as { bytes: Uint8Array };
    expect([...back.bytes]).toEqual([...raw]);
    const lineEnds = parseContent(bytes('(a\r\nb\rc\\\nd) Tj')).operations[0]!.operands[0] as { bytes: Uint8Array };
    expect(text(lineEnds.bytes)).toBe('a\nb\ncd');
  });

  it('writes names with delimiters and spaces escaped, and numbers without exponents', () => {
    const [op] = roundTrip('/A#2FB#28 /C#23D Do') as [Operation];
    expect(op.operands).toEqual([
      { t: 'name', v: 'A/B(' },
      { t: 'name', v: 'C#D' },
    ]);
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatNumber(-12)).toBe('-12');
  });

  it('reads an inline image whose binary data holds "EI" and bytes that look like syntax', () => {
    const data = Buffer.from([0x45, 0x49, 0x28, 0x5b, 0x00, 0x20, 0x45, 0x49, 0xff, 0x25, 0x0a]);
    const source = Buffer.concat([Buffer.from('q BI /W 11 /H 1 /CS /G /BPC 8 ID '), data, Buffer.from('\nEI Q')]);
    const { operations, comments } = parseContent(new Uint8Array(source));
    expect(operations.map((o) => o.op)).toEqual(['q', 'BI', 'Q']);
    expect([...operations[1]!.image!.data]).toEqual([...data]);
    expect(comments).toEqual([]);
    const again = parseContent(writeContent(operations)).operations;
    expect([...again[1]!.image!.data]).toEqual([...data]);
  });

  it('refuses what is not PDF syntax instead of guessing', () => {
    expect(() => parseContent(bytes('(never closed Tj'))).toThrow(ContentSyntaxError);
    expect(() => parseContent(bytes('[1 2'))).toThrow(/not closed/);
    expect(() => parseContent(bytes('[1 2 Tj'))).toThrow(/inside an array/);
    expect(() => parseContent(bytes('1 2 } re'))).toThrow(/unexpected/);
    expect(() => parseContent(bytes('<4G> Tj'))).toThrow(/hexadecimal/);
    expect(() => parseContent(bytes('BI /W 1 ID \x00\x01\x02'))).toThrow(/EI/);
    expect(() => parseContent(bytes('['.repeat(100) + ']'.repeat(100)))).toThrow(/nested too deep/);
  });

  it('reads CMaps, whose dictionaries are PostScript procedures, token by token', () => {
    const cmap =
      '%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) def /Ordering (UCS) def >> def 1 beginbfchar <01> <004A> endbfchar endcmap end end';
    expect(() => parseContent(bytes(cmap))).toThrow(ContentSyntaxError);
    const parsed = parsePostScript(bytes(cmap));
    expect(parsed.comments).toEqual(['!PS-Adobe-3.0 Resource-CMap']);
    const written = text(writeContent(parsed.operations));
    expect(written).not.toContain('PS-Adobe');
    expect(written.replace(/\s+/g, ' ')).toContain('/CIDSystemInfo << /Registry (Adobe) def /Ordering (UCS) def >> def 1 beginbfchar <01> <004a> endbfchar');
  });
});

describe('content walker', () => {
  const hooks: WalkHooks = {
    xobject: (name) => (name.startsWith('Fm') ? { kind: 'form', bbox: { x0: 0, y0: 0, x1: 10, y1: 10 }, matrix: [1, 0, 0, 1, 0, 0] } : { kind: 'image' }),
    extGState: (name) => (name === 'Clear' ? { fillAlpha: 0 } : name === 'Solid' ? { fillAlpha: 1 } : undefined),
    properties: (name) => (name === 'MC0' ? ['Alt "Jane Roe"'] : []),
    inlineImage: () => 'Inline1',
    font: () => undefined,
  };
  /** What can be seen: the lower 500 points of a Letter page. */
  const walk = (s: string) => walkContent(parseContent(bytes(s)).operations, { x0: 0, y0: 0, x1: 612, y1: 500 }, hooks);

  it('applies the last matrix given first, as PDF does, to tell what lies outside the visible area', () => {
    // Moved up 300, then scaled by 2: at 600, out of sight.
    expect(walk('2 0 0 2 0 0 cm 1 0 0 1 0 300 cm /Im Do').undrawn).toEqual(['image /Im outside the visible area']);
    // Scaled by 2, then moved up 300: at 300, seen.
    expect(walk('1 0 0 1 0 300 cm 2 0 0 2 0 0 cm /Im Do').used.XObject).toEqual(new Set(['Im']));
    // A text line moved in text space, which the text matrix and then the page's matrix scale.
    expect(walk('BT /F 10 Tf 2 0 0 2 0 0 Tm 0 300 Td (x) Tj ET').undrawn).toEqual(['text outside the visible area']);
    expect(walk('2 0 0 2 0 0 cm BT /F 10 Tf 1 0 0 1 0 300 Tm (x) Tj ET').undrawn).toEqual(['text outside the visible area']);
    expect(walk('BT /F 10 Tf 1 0 0 1 0 300 Tm (x) Tj ET').undrawn).toEqual([]);
  });

  it('drops what is clipped away, fully transparent or outside, and keeps the rest with the resources it uses', () => {
    const ops = (s: string) =>
      walk(s)
        .operations.map((o) => o.op)
        .join(' ');
    // Clipped to a box below the image: nothing of it shows.
    const clipped = walk('q 0 0 100 100 re W n 1 0 0 1 0 200 cm /Im Do Q /Im2 Do');
    expect(clipped.undrawn).toEqual(['image /Im outside the visible area']);
    expect([...clipped.used.XObject]).toEqual(['Im2']);
    expect(ops('q 0 0 100 100 re W n 1 0 0 1 0 200 cm /Im Do Q /Im2 Do')).toBe('q re W n cm Q Do');
    // An image drawn fully transparent goes; a form under the same state stays (what it draws sets its own).
    const clear = walk('q /Clear gs /Im Do /Fm1 Do Q /Im Do');
    expect(clear.undrawn).toEqual(['image /Im drawn fully transparent']);
    expect(ops('q /Clear gs /Im Do /Fm1 Do Q /Im Do')).toBe('q gs Do Q Do');
    expect([...clear.used.ExtGState]).toEqual(['Clear']);
    // A shading where the clip leaves nothing, an inline image out of sight.
    expect(walk('0 0 0 0 re W n /Sh sh').undrawn).toEqual(['shading /Sh outside the visible area']);
    expect(walk('/Clear gs /Sh sh').undrawn).toEqual(['shading /Sh drawn fully transparent']);
    const inline = walk('q 10 0 0 10 0 900 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x00\nEI Q q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x00\nEI Q');
    expect(inline.undrawn).toEqual(['an inline image outside the visible area']);
    expect(inline.operations.map((o) => `${o.op}${o.operands.map((x) => ` ${(x as { v: unknown }).v}`).join('')}`)).toContain('Do Inline1');
  });

  it('drops marked content, keeping its replacement text for the report, and operators PDF does not define', () => {
    const result = walk('/Span <</ActualText (Jane Roe)>> BDC 0 0 1 rg EMC /Figure /MC0 BDC EMC 1 2 frob 0 0 5 5 re f');
    expect(result.replacementText).toEqual(['ActualText "Jane Roe"', 'Alt "Jane Roe"']);
    expect(result.unknownOperators).toEqual(['frob']);
    expect(result.operations.map((o) => o.op)).toEqual(['rg', 're', 'f']);
  });
});
