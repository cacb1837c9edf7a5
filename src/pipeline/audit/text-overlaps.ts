/**
 * Which characters share their place with text of about their size drawn by
 * another operation (see `hiddenWords` in visibility.ts). A page holds
 * thousands of characters, so they are found through a grid rather than by
 * comparing every pair: characters are grouped by size (each group spans a
 * factor of two, so "about its size" means its own group and the two beside
 * it), and each group has a grid of cells about twice its characters' size,
 * so a character covers a few cells and a cell holds a few characters.
 * Characters whose box covers many cells (stretched, or huge) are kept aside
 * and compared with every character of the nearby groups, so a hostile page
 * costs no more than comparing every pair.
 */
import { coverage, type Box, type Glyph } from './geometry.ts';

/** A character covering more cells than this is compared one by one instead. */
const MAX_CELLS = 64;

interface SizeGroup {
  cell: number;
  grid: Map<number, Glyph[]>;
  wide: Glyph[];
  all: Glyph[];
}

/**
 * For each glyph, the boxes of text of about its size (within a factor of
 * two) drawn by another operation over the same place (boxes overlapping
 * with some area). Blank characters are never among the others.
 */
export function overlapsOfOtherText(glyphs: Glyph[]): Map<Glyph, Box[]> {
  const groups = new Map<number, SizeGroup>();
  for (const g of glyphs) if (g.char.trim() !== '') addTo(groups, g);
  const out = new Map<Glyph, Box[]>();
  for (const g of glyphs) {
    const boxes = othersOver(groups, g);
    if (boxes.length > 0) out.set(g, boxes);
  }
  return out;
}

function groupOf(size: number): number {
  return size > 0 && Number.isFinite(size) ? Math.floor(Math.log2(size)) : Number.NEGATIVE_INFINITY;
}

function addTo(groups: Map<number, SizeGroup>, g: Glyph): void {
  const k = groupOf(g.size);
  let group = groups.get(k);
  if (!group) {
    group = { cell: Number.isFinite(k) ? 2 ** (k + 1) : 1, grid: new Map(), wide: [], all: [] };
    groups.set(k, group);
  }
  group.all.push(g);
  const cells = cellsOf(g.box, group.cell);
  if (!cells) {
    group.wide.push(g);
    return;
  }
  for (const c of cells) {
    const list = group.grid.get(c);
    if (list) list.push(g);
    else group.grid.set(c, [g]);
  }
}

/** The keys of the cells a box covers, or undefined when there are too many (or the box is not a real one). */
function cellsOf(box: Box, cell: number): number[] | undefined {
  const x0 = Math.floor(box.x / cell);
  const x1 = Math.floor((box.x + box.width) / cell);
  const y0 = Math.floor(box.y / cell);
  const y1 = Math.floor((box.y + box.height) / cell);
  if (![x0, x1, y0, y1].every(Number.isSafeInteger) || (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) return undefined;
  // Cell coordinates of real pages are far inside ±2^20; a key pairs them without strings.
  if (Math.max(Math.abs(x0), Math.abs(x1), Math.abs(y0), Math.abs(y1)) >= 2 ** 20) return undefined;
  const out: number[] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(x * 2 ** 21 + y);
  return out;
}

function othersOver(groups: Map<number, SizeGroup>, g: Glyph): Box[] {
  const k = groupOf(g.size);
  const near = new Set<Glyph>();
  for (const j of Number.isFinite(k) ? [k - 1, k, k + 1] : [k]) {
    const group = groups.get(j);
    if (!group) continue;
    const cells = cellsOf(g.box, group.cell);
    if (!cells) {
      for (const o of group.all) near.add(o);
      continue;
    }
    for (const o of group.wide) near.add(o);
    for (const c of cells) for (const o of group.grid.get(c) ?? []) near.add(o);
  }
  const out: Box[] = [];
  for (const o of near) if (o.item !== g.item && similarSize(o, g) && overlapShare(o.box, g.box) > 0) out.push(o.box);
  return out;
}

export function similarSize(a: Glyph, b: Glyph): boolean {
  return a.size <= 2 * b.size && b.size <= 2 * a.size;
}

/** The overlap of two boxes as a share of the smaller one. */
export function overlapShare(a: Box, b: Box): number {
  const smaller = a.width * a.height <= b.width * b.height ? a : b;
  return coverage(smaller, smaller === a ? b : a);
}
