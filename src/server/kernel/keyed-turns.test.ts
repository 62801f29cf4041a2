import { describe, expect, it } from 'vitest';
import { createKeyedTurns } from './keyed-turns';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('keyed turns', () => {
  it('runs one at a time per key, in arrival order, and different keys at once', async () => {
    const inTurn = createKeyedTurns();
    const log: string[] = [];
    const job = (key: string, name: string) =>
      inTurn(key, async () => {
        log.push(`${name} starts`);
        await tick();
        log.push(`${name} ends`);
        return name;
      });
    const results = await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1'), job('a', 'a3')]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'a3']);
    const a = log.filter((l) => l.startsWith('a'));
    expect(a).toEqual(['a1 starts', 'a1 ends', 'a2 starts', 'a2 ends', 'a3 starts', 'a3 ends']);
    // b did not wait for a's line
    expect(log.indexOf('b1 starts')).toBeLessThan(log.indexOf('a1 ends'));
  });

  it('passes the turn on when a job fails', async () => {
    const inTurn = createKeyedTurns();
    const failed = inTurn('a', async () => {
      throw new Error('no seat');
    });
    const next = inTurn('a', async () => 'next');
    await expect(failed).rejects.toThrow('no seat');
    expect(await next).toBe('next');
  });
});
