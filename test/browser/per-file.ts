// Each browser file starts with no Content Security Policy refusals recorded: a worker runs its files one after
// another and keeps harness.ts loaded between them (vitest.config.ts, `isolate: false`).
import { beforeAll } from 'vitest';
import { cspViolations } from './harness';

beforeAll(() => {
  cspViolations.length = 0;
});
