// Runs once before the server tests: builds two templates that each test file copies instead of building its
// own database. The migrated template has every migration and nothing else (a file that asks for another place,
// no demo or another issuing body initialises its copy itself, without initdb and the migrations); the seeded
// template is a copy of it that a first start has initialised with the demo district. PGlite: data directories,
// copied and opened where they lie; PostgreSQL: databases, copied with `create database … template`.
// A first start took ~20 s per file on PGlite and loading a seeded tarball into memory ~7 s; a copy takes ~1 s.
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../../src/server/db/client';
import { seededPlatform, PGLITE_TEMPLATES, type TemplateMeta } from './platform';

declare module 'vitest' {
  export interface ProvidedContext {
    learncityTemplate: string;
  }
}

/** The buffer pool of the PGlite templates (and so of every file's copy). */
const PGLITE_TEST_SHARED_BUFFERS = '16MB';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'learncity-template-'));
  const filesDir = join(dir, 'files');
  mkdirSync(filesDir);
  const dataKey = randomBytes(32);
  const url = process.env.DATABASE_URL;
  const meta: TemplateMeta = { dataKeyHex: dataKey.toString('hex') };
  const dropped: string[] = [];
  const pgAdmin = async (statement: string) => {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(statement).finally(() => admin.end());
  };
  /** Opens a new PostgreSQL database (a copy of `template` when given), dropped when the run ends. */
  const pgDatabase = async (template?: string): Promise<{ name: string; database: Database }> => {
    const name = `learncity_template_${randomBytes(6).toString('hex')}`;
    await pgAdmin(template ? `create database ${name} template ${template}` : `create database ${name}`);
    dropped.push(name);
    const u = new URL(url!);
    u.pathname = '/' + name;
    return { name, database: await openDatabase({ url: u.toString() }) };
  };

  // Opening a database runs the migrations; closing it leaves the migrated template. PostgreSQL copies a
  // template only while nobody is connected to it; PGlite's directory is consistent once its instance has closed.
  let seeded: Database;
  if (url) {
    const migrated = await pgDatabase();
    await migrated.database.close();
    meta.pgMigrated = migrated.name;
    const copy = await pgDatabase(migrated.name);
    meta.pgTemplate = copy.name;
    seeded = copy.database;
  } else {
    const migrated = await openDatabase({ dataDir: join(dir, PGLITE_TEMPLATES.migrated) });
    await migrated.db.execute(sql`checkpoint`);
    await migrated.close();
    // Every file opens a copy, and PGlite's start takes CPU in proportion to its buffer pool (0.9 s with the
    // default 128 MB, 0.45 s with 16 MB; test/README.md "Fourth round"); a test database of ~30 MB is read
    // from the page cache either way.
    appendFileSync(join(dir, PGLITE_TEMPLATES.migrated, 'postgresql.conf'), `\nshared_buffers = ${PGLITE_TEST_SHARED_BUFFERS}\n`);
    cpSync(join(dir, PGLITE_TEMPLATES.migrated), join(dir, PGLITE_TEMPLATES.seeded), { recursive: true });
    seeded = await openDatabase({ dataDir: join(dir, PGLITE_TEMPLATES.seeded) });
  }
  const { platform } = await seededPlatform(seeded, { filesDir, dataKey });
  await platform.app.close();
  if (seeded.engine === 'pglite') await seeded.db.execute(sql`checkpoint`);
  await seeded.close();
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  project.provide('learncityTemplate', dir);
  return async () => {
    for (const name of dropped) await pgAdmin(`drop database if exists ${name} with (force)`);
    rmSync(dir, { recursive: true, force: true });
  };
}
