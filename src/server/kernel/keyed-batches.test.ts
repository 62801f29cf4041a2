import { describe, expect, it } from 'vitest';
import { createKeyedBatches, type Settled } from './keyed-batches';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('keyed batches', () => {
  it('runs the first item alone, then what arrived meanwhile as one batch; other keys at once', async () => {
    const batches: string[][] = [];
    const inBatch = createKeyedBatches<string, string>(async (key, items) => {
      batches.push(items);
      await tick();
      return items.map((i) => ({ value: `${key}:${i}` }));
    });
    const results = await Promise.all([inBatch('a', '1'), inBatch('a', '2'), inBatch('a', '3'), inBatch('b', '4')]);
    expect(results).toEqual(['a:1', 'a:2', 'a:3', 'b:4']);
    expect(batches).toEqual([['1'], ['4'], ['2', '3']]);
    // The key is idle again: the next item starts alone.
    expect(await inBatch('a', '5')).toBe('a:5');
    expect(batches.at(-1)).toEqual(['5']);
  });

  it('answers each item with its own result or error, caps a batch, and fails a batch whose run throws', async () => {
    const sizes: number[] = [];
    const inBatch = createKeyedBatches<number, number>(async (_key, items) => {
      sizes.push(items.length);
      await tick();
      if (items.includes(99)) throw new Error('statement failed');
      return items.map((n): Settled<number> => (n % 2 ? { value: n * 10 } : { error: new Error(`even ${n}`) }));
    }, 2);
    const settled = await Promise.allSettled([1, 2, 3, 5].map((n) => inBatch('k', n)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([10, 'even 2', 30, 50]);
    expect(sizes).toEqual([1, 2, 1]);
    await expect(inBatch('k', 99)).rejects.toThrow('statement failed');
  });
});
