/**
 * Text that belongs to layers hidden by default. pdf.js's text content marks
 * where marked-content sections begin and end but not which layer they
 * belong to; its operator list does. Both walk the same content streams in
 * the same order, so the n-th section of one is the n-th of the other.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OperatorListLike } from './filled-shapes.ts';

export interface OptionalContentLike {
  isVisible(group: unknown): boolean;
}

/** For each marked-content section of the page, in order: is its own content visible? */
export function sectionVisibility(ops: OperatorListLike, config: OptionalContentLike): boolean[] {
  const flags: boolean[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn === OPS.beginMarkedContent) flags.push(true);
    else if (fn === OPS.beginMarkedContentProps) {
      const [tag, props] = ops.argsArray[i] as [string, unknown];
      flags.push(tag === 'OC' ? config.isVisible(props) : true);
    }
  }
  return flags;
}

export interface MarkedItem {
  type?: string;
  str?: string;
}

/**
 * The text items outside hidden sections. `matched` is false when the two
 * walks disagree on the number of sections: the caller must then treat all
 * of the page's text as possibly hidden.
 */
export function visibleItems<T extends MarkedItem>(items: T[], flags: boolean[]): { items: T[]; matched: boolean } {
  const out: T[] = [];
  const stack: boolean[] = [];
  let next = 0;
  for (const item of items) {
    if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
      // Every section takes its flag, also one inside a hidden section, so the sections after it keep theirs.
      const own = flags[next++] ?? true;
      stack.push((stack.length === 0 || stack[stack.length - 1]!) && own);
    } else if (item.type === 'endMarkedContent') {
      stack.pop();
    } else if (typeof item.str === 'string' && (stack.length === 0 || stack[stack.length - 1])) {
      out.push(item);
    }
  }
  return { items: out, matched: next === flags.length };
}

/** Whether the page draws anything inside a hidden section. */
export function usesHiddenContent(flags: boolean[]): boolean {
  return flags.some((visible) => !visible);
}
