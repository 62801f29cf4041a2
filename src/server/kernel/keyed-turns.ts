// One at a time per key, in this process: the others wait their turn in memory. For work that the database
// would serialize anyway (statements taking the same class's seat queue on its row), so that the waiting is
// done here, holding no database connection that other work could use.

export function createKeyedTurns() {
  const lastInLine = new Map<string, Promise<void>>();
  return async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = lastInLine.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = before.then(() => new Promise<void>((resolve) => (done = resolve)));
    lastInLine.set(key, mine);
    await before;
    try {
      return await work();
    } finally {
      done();
      if (lastInLine.get(key) === mine) lastInLine.delete(key);
    }
  };
}
