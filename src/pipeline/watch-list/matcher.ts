/**
 * Finds every watch-list term in text in one pass, whatever the number of
 * terms (Aho-Corasick over the terms' keys, see normalize.ts): a site of
 * gigabytes is read once, not once per term. Text is folded into
 * comparison form as it is read, without copies. A scan keeps its place
 * between pieces, so a file can be streamed and a term cut between two
 * pieces is still found. Pure.
 */
import { ASCII_FOLD, foldCodePoint } from './normalize.ts';

export interface WatchTerm {
  /** 1-based line of the watch-list file: what a hit reports, never the term. */
  line: number;
  /** The term in comparison form (`watchKey`). */
  key: string;
}

export class TermMatcher {
  /** Per node: character code → next node. Node 0 is the root. */
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Per node: lines of every term that ends here, including through fail links. */
  private readonly lines: number[][] = [[]];

  constructor(terms: readonly WatchTerm[]) {
    for (const { key, line } of terms) {
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        let to = this.next[node]!.get(c);
        if (to === undefined) {
          to = this.next.push(new Map()) - 1;
          this.fail.push(0);
          this.lines.push([]);
          this.next[node]!.set(c, to);
        }
        node = to;
      }
      this.lines[node]!.push(line);
    }
    this.link();
  }

  /** Breadth-first: each node's fail link is the longest proper suffix that is also a path from the root. */
  private link(): void {
    const queue = [...this.next[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [c, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.lines[this.fail[child]!]!;
        if (inherited.length > 0) this.lines[child] = [...this.lines[child]!, ...inherited];
        queue.push(child);
      }
    }
  }

  /** A new scan, at the start of a text. */
  scan(): TermScan {
    return new TermScan(this.next, this.fail, this.lines);
  }
}

export class TermScan {
  private node = 0;
  /** Lines of the terms found so far. */
  readonly found = new Set<number>();
  private readonly next: Map<number, number>[];
  private readonly fail: number[];
  private readonly lines: number[][];

  constructor(next: Map<number, number>[], fail: number[], lines: number[][]) {
    this.next = next;
    this.fail = fail;
    this.lines = lines;
  }

  /** Reads the next piece of text (any text: it is folded here). */
  feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const folded = ASCII_FOLD[c]!;
        if (folded) this.step(folded);
        continue;
      }
      const codePoint = text.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      const folded = foldCodePoint(codePoint);
      for (let j = 0; j < folded.length; j++) this.step(folded.charCodeAt(j));
    }
  }

  /** What follows is apart from what came before: no term runs across. */
  break(): void {
    this.node = 0;
  }

  private step(c: number): void {
    let node = this.node;
    let to = this.next[node]!.get(c);
    while (to === undefined && node !== 0) {
      node = this.fail[node]!;
      to = this.next[node]!.get(c);
    }
    this.node = to ?? 0;
    const hits = this.lines[this.node]!;
    if (hits.length > 0) for (const line of hits) this.found.add(line);
  }
}
