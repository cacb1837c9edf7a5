/**
 * Splitting document processing across machines: `--shard i/n` processes
 * only the documents whose id hashes to shard i (1-based) of n. The split
 * depends on the id alone, so every machine agrees on it without talking to
 * the others, and adding a document never moves the others between shards.
 * Every shard fills the same content-addressed cache; merged, the cache
 * lets a final build assemble the site without processing anything.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard takes i/n with 1 ≤ i ≤ n (for example 2/4), not "${text}"`);
  }
  return { index, count };
}

/** The shard (1-based) a document id belongs to among `count`. */
export function shardOf(id: string, count: number): number {
  const h = createHash('sha256').update(id).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function inShard(id: string, shard: Shard): boolean {
  return shardOf(id, shard.count) === shard.index;
}
