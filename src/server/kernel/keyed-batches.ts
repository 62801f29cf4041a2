// Work for the same key, in this process, done in batches: while one batch runs, what arrives for its key waits
// here, holding nothing, and goes in the next batch together. For work that the database would otherwise do
// one at a time (statements taking the same class's seats queue on its row): a batch is one statement.

export type Settled<R> = { value: R } | { error: unknown };

/** A promise's outcome as a value: what `run` answers each item with. */
export const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/**
 * `run` gets a key's waiting items (at most `maxBatch`, in arrival order) and answers each; the first item for
 * an idle key starts at once, alone.
 */
export function createKeyedBatches<T, R>(run: (key: string, items: T[]) => Promise<Settled<R>[]>, maxBatch = 50) {
  const waiting = new Map<string, { item: T; settle: (result: Settled<R>) => void }[]>();

  async function drain(key: string, queue: { item: T; settle: (result: Settled<R>) => void }[]) {
    while (queue.length) {
      const batch = queue.splice(0, maxBatch);
      const results = await run(
        key,
        batch.map((b) => b.item),
      ).catch((error: unknown) => batch.map(() => ({ error })));
      batch.forEach((b, i) => b.settle(results[i]));
    }
    waiting.delete(key);
  }

  return function inBatch(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const settle = (result: Settled<R>) => ('error' in result ? reject(result.error) : resolve(result.value));
      const queue = waiting.get(key);
      if (queue) return void queue.push({ item, settle });
      const fresh = [{ item, settle }];
      waiting.set(key, fresh);
      void drain(key, fresh);
    });
  };
}
