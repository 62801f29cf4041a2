// Per-process caches of what every request reads and rarely changes. Correctness never depends on them:
// each entry is short-lived, and the database tells every process what changed (kernel/change-feed.ts),
// so a change made by any process, or by SQL, is dropped everywhere within a moment of its commit.

/**
 * A key → value map whose entries live `maxAgeMs` at most, with entries grouped by a tag (e.g. a user) so
 * one notification drops them all. A value read while an invalidation arrived is not stored: the
 * generation counter makes a lookup that raced a change fetch again next time.
 */
export function createTaggedCache<V>(opts: { maxAgeMs: number; maxEntries: number }) {
  const entries = new Map<string, { value: V; tag: string; at: number }>();
  const byTag = new Map<string, Set<string>>();
  let generation = 0;

  function drop(key: string) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    const keys = byTag.get(e.tag);
    keys?.delete(key);
    if (keys && keys.size === 0) byTag.delete(e.tag);
  }

  return {
    get(key: string): V | undefined {
      const e = entries.get(key);
      if (!e) return undefined;
      if (performance.now() - e.at > opts.maxAgeMs) {
        drop(key);
        return undefined;
      }
      return e.value;
    },
    /** The generation to pass back to `set`: taken before the lookup whose result will be stored. */
    generation: () => generation,
    set(key: string, tag: string, value: V, seenGeneration: number) {
      if (seenGeneration !== generation) return;
      if (entries.size >= opts.maxEntries) {
        entries.clear();
        byTag.clear();
      }
      drop(key);
      entries.set(key, { value, tag, at: performance.now() });
      let keys = byTag.get(tag);
      if (!keys) byTag.set(tag, (keys = new Set()));
      keys.add(key);
    },
    dropKey(key: string) {
      generation++;
      drop(key);
    },
    dropTag(tag: string) {
      generation++;
      for (const key of byTag.get(tag) ?? []) entries.delete(key);
      byTag.delete(tag);
    },
    clear() {
      generation++;
      entries.clear();
      byTag.clear();
    },
  };
}
