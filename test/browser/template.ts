// Runs once before the browser tests: a first start of the demo platform into a data directory that each
// test's platform then copies, instead of seeding the demo district again for every file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPlatform } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    learncityBrowserTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'learncity-browser-template-'));
  const seededAt = new Date().toISOString();
  const platform = await startPlatform({}, { dataDir: dir });
  await platform.stop();
  writeFileSync(join(dir, 'seeded-at'), seededAt);
  project.provide('learncityBrowserTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
