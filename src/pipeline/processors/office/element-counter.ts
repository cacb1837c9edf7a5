/**
 * Counts elements of an XML part by namespace and local name, fed in
 * chunks of any size, without parsing the document into memory. Office
 * programs resolve prefixes, so a `<x:del>` whose `x` is bound to Word's
 * namespace is as much a deletion as `<w:del>`: elements are kept by
 * prefix and judged once the part's namespace declarations are all seen.
 * Pure.
 *
 * It reads tags, not a tree: a tag inside an XML comment or CDATA counts
 * too. That errs towards a finding, never towards missing one.
 */

/** Element names are short; anything a match needs is within this many characters of its start. */
const CARRY = 4096;
const START_TAG = /<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)(?=[\s/>])/g;
const DECLARATION = /\bxmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export class ElementCounter {
  private carry = '';
  /** `prefix` + NUL + local name → count ('' is no prefix). */
  private readonly byName = new Map<string, number>();
  /** Prefix → every namespace it is bound to somewhere in the part. */
  private readonly bindings = new Map<string, Set<string>>();

  private readonly locals: ReadonlySet<string>;

  /** `locals`: the local names worth counting. */
  constructor(locals: ReadonlySet<string>) {
    this.locals = locals;
  }

  /** Adds the next piece of the part's text; `final` on the last one. */
  push(text: string, final = false): void {
    const buffer = this.carry + text;
    // A match starting past `limit` may still be cut off: it is left for the next piece.
    const limit = final ? buffer.length : Math.max(0, buffer.length - CARRY);
    for (const m of buffer.matchAll(START_TAG)) {
      if (m.index >= limit) break;
      if (!this.locals.has(m[2]!)) continue;
      const key = `${m[1] ?? ''}\0${m[2]}`;
      this.byName.set(key, (this.byName.get(key) ?? 0) + 1);
    }
    for (const m of buffer.matchAll(DECLARATION)) {
      if (m.index >= limit) break;
      const prefix = m[1] ?? '';
      const uris = this.bindings.get(prefix) ?? new Set<string>();
      uris.add(m[2] ?? m[3] ?? '');
      this.bindings.set(prefix, uris);
    }
    this.carry = buffer.slice(limit);
  }

  /** Elements named `local` in any of `namespaces`, once the whole part has been pushed. */
  count(namespaces: ReadonlySet<string>, local: string): number {
    let n = 0;
    for (const [key, count] of this.byName) {
      const [prefix, name] = key.split('\0') as [string, string];
      if (name !== local) continue;
      const uris = this.bindings.get(prefix);
      if (uris && [...uris].some((u) => namespaces.has(u))) n += count;
    }
    return n;
  }
}

/**
 * The decoder for a part's bytes: XML may be UTF-16 (with a byte-order
 * mark, or recognisable from `<?` in its first bytes); anything else is read
 * as UTF-8, which keeps the ASCII of tags intact in any 8-bit encoding.
 */
export function xmlDecoder(first: Uint8Array): TextDecoder {
  const [a, b, c, d] = first;
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0 && c === 0x3f && d === 0)) return new TextDecoder('utf-16le');
  if ((a === 0xfe && b === 0xff) || (a === 0 && b === 0x3c && c === 0 && d === 0x3f)) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}
