// Counters that start again in every test file. A worker without isolation (vitest.config.ts) runs many files
// in one process and keeps the support modules loaded, so a module-level counter would carry on from the file
// before: the names it makes (学*1, 讲座 3) would depend on which files ran first in that worker.
import { expect } from 'vitest';

/** 1, 2, 3… counted per test file. */
export function perFileCounter(): () => number {
  const counts = new Map<string, number>();
  return () => {
    const file = expect.getState().testPath ?? '';
    const next = (counts.get(file) ?? 0) + 1;
    counts.set(file, next);
    return next;
  };
}
