import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../../src/pipeline/documents/shard.ts';

const ids = Array.from({ length: 2000 }, (_, i) => `c${i % 7}/doc-${i}`);

describe('shards', () => {
  it('put every document in exactly one shard, for any number of shards', () => {
    for (const count of [1, 2, 3, 4, 7, 16]) {
      for (const id of ids) {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(id, { index, count }));
        expect(owners, `${id} in ${count} shards`).toHaveLength(1);
        expect(owners[0]).toBe(shardOf(id, count));
      }
    }
  });

  it('spread documents evenly and do not move them when others are added', () => {
    const sizes = [0, 0, 0, 0];
    for (const id of ids) sizes[shardOf(id, 4) - 1]!++;
    for (const n of sizes) expect(Math.abs(n - ids.length / 4)).toBeLessThan(ids.length * 0.05);
    const before = ids.map((id) => shardOf(id, 4));
    const more = [...ids, 'c9/new-doc'];
    expect(more.slice(0, ids.length).map((id) => shardOf(id, 4))).toEqual(before);
  });

  it('parse i/n and refuse anything else, saying what is expected', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '1/2/3', '-1/2']) {
      expect(() => parseShard(bad), bad).toThrow(/--shard takes i\/n with 1 ≤ i ≤ n \(for example 2\/4\)/);
    }
  });
});
