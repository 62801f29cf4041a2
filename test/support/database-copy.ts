// A database of a test's own, copied from one of the run's templates (test/support/template.ts) instead of built
// from initdb on: the demo district as first started, or only migrated. Without the platform, so db/'s unit
// tests use it too (openOwnDatabase).
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client';
import { emptyPostgresDatabase } from './postgres';
import { inShell } from './shell';

/** Where the run's template is (see template.ts), or undefined outside a run that built one. */
export function templateDir(): string | undefined {
  try {
    return inject('learncityTemplate');
  } catch {
    return undefined; // not inside a vitest worker
  }
}

export interface TemplateMeta {
  /** The seeded template's data key (what it sealed needs it). */
  dataKeyHex: string;
  /** PostgreSQL: the migrated template (every migration, nothing initialised), copied for a file's own first start. */
  pgMigrated?: string;
  /** PostgreSQL: the seeded template (the demo district as first started), copied for most files. */
  pgTemplate?: string;
}

/** PGlite: the templates' data directories inside the run's template directory. */
export const PGLITE_TEMPLATES = { migrated: 'pglite-migrated', seeded: 'pglite-seeded' } as const;

/** Which of the run's templates a database is copied from: the demo district as first started, or only migrated. */
export type TemplateCopy = { dir: string; meta: TemplateMeta; seeded: boolean };

export async function freshDatabase(template?: TemplateCopy): Promise<Database & { url?: string }> {
  if (!process.env.DATABASE_URL) {
    if (!template) return openDatabase({});
    // A copy of the template's data directory, opened where it lies (loading a tarball into memory took ~7 s of
    // a file's start), removed when the database closes (and with the templates when the run ends, if a file
    // never closed it).
    const copy = mkdtempSync(join(template.dir, 'copy-'));
    // coreutils' cp rather than fs.cpSync: the ~1,500 files (62 MB) took Node 20's cpSync 0.85-1.2 s of CPU
    // and `cp -R` 0.3-0.65 s, at a third of the wall time (test/README.md, "Fourth round"); started from the
    // worker's shell (shell.ts), as is the removal, which the file does not wait for.
    await inShell('cp', '-R', `${join(template.dir, template.seeded ? PGLITE_TEMPLATES.seeded : PGLITE_TEMPLATES.migrated)}/.`, copy);
    const db = await openDatabase({ dataDir: copy });
    return {
      ...db,
      close: async () => {
        await db.close();
        inShell('rm', '-rf', copy).catch(() => undefined);
      },
    };
  }
  const created = await emptyPostgresDatabase(template && (template.seeded ? template.meta.pgTemplate : template.meta.pgMigrated));
  const db = await openDatabase({ url: created.url });
  return {
    ...db,
    url: created.url,
    close: async () => {
      await db.close();
      await created.drop();
    },
  };
}

/**
 * A migrated database of its own on the engine this run tests, for db/ tests that need no platform: a copy of
 * the run's migrated template (PGlite's directory, or `create database … template` on DATABASE_URL's server).
 * Outside a run that built one, PGlite in memory or a new PostgreSQL database, migrated when opened. Running
 * every migration on a new PGlite took ~10 s of CPU per file (test/README.md, "Seventh round"); `close`
 * closes it and removes the copy.
 */
export async function openOwnDatabase(): Promise<{ database: Database; close(): Promise<void> }> {
  const dir = templateDir();
  const meta = dir ? (JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as TemplateMeta) : undefined;
  const database = await freshDatabase(dir && meta ? { dir, meta, seeded: false } : undefined);
  return { database, close: () => database.close() };
}
