import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Server files whose work is the same whatever the run's engine: they start the embedded database themselves
// (a first start from an empty data directory, the backup command against a running server) or touch no database
// (the SMS providers against local fakes). The PostgreSQL run (DATABASE_URL) would repeat them to the byte, at
// ~4-5 minutes of a loaded CI run's wall time, so only the PGlite run runs them.
const SAME_ON_EVERY_ENGINE = ['test/server/process.test.ts', 'test/server/backup-command.test.ts', 'test/server/sms.providers.test.ts'];

// Two projects: `server` (unit, service and API tests on a real database, in-process) and `browser`
// (the built platform in a real Chromium). `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/server/**/*.test.ts'],
          exclude: process.env.DATABASE_URL ? [...configDefaults.exclude, ...SAME_ON_EVERY_ENGINE] : configDefaults.exclude,
          setupFiles: ['test/support/no-network.ts'],
          // The demo district seeded once per run; each file starts on a copy (see the file).
          globalSetup: ['test/support/template.ts'],
          // Generous: a demo platform starts in seconds alone but far slower on a loaded 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
          // At least two workers, also on 2 cores (vitest's default there is one): CI runs this project on both engines
          // beside the browser files, which mostly wait on their platforms and Chromium, and a single worker left that
          // time unused while it stayed the run's long pole (test/README.md, "Sixth round").
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // One worker process runs its files one after another and keeps the modules they imported: the server
          // (and every library it loads) is imported once per worker instead of once per file, which was the
          // largest part of a file's start (test/README.md, "Third round"). Nothing a file changes may outlive it:
          // each file starts its own platform on its own database and closes it, test/support's counters restart
          // per file (per-file.ts), the process-wide registries (metrics, messages) accept the same declaration
          // twice, and tests read metrics as deltas.
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/build-web.ts', 'test/browser/build-server.ts', 'test/browser/template.ts'],
          // A whole journey (several pages, a platform process) took 64-83 s alone on a loaded machine; CI runs three
          // times the load. One limit for every test and hook (files set none of their own: their 60-240 s limits
          // were missed under CI's load by tests that pass alone).
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // Two files at once: each has its own platform (data directory copied from the template, own port) and
          // its own Chromium, and mostly waits on those processes, so a second file uses the time the first
          // spends waiting. Its own group, after the server files when both projects run in one command.
          maxWorkers: 2,
          // A worker keeps the modules its files import (Playwright, axe-core, the harness: ~1.1 s of CPU a file);
          // every file still starts its own platform and browser, and per-file.ts empties what harness.ts records.
          isolate: false,
          setupFiles: ['test/browser/per-file.ts'],
          sequence: { groupOrder: 1 },
          // A poll waits for what a page shows after the platform answers; with two files, two other test runs and
          // the typecheck on 2 cores (CI), vitest's default 1 s was too short (a call's decision and an SMS code
          // each missed it once), and 15 s was missed once more at load 20: as long as a page action may take
          // (harness.ts PAGE_TIMEOUT_MS, 90 s). Still bounded, still failing when the thing never shows.
          expect: { poll: { timeout: 90_000, interval: 100 } },
        },
      },
    ],
  },
});
