// Runs once before the server tests: seeds the demo district as a first start does, once, and keeps it as a
// template that each test file copies (PGlite: a data-directory tarball; PostgreSQL: `create database …
// template`). Seeding took ~20 s per file on PGlite; a copy takes well under a second.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client';
import { seededPlatform, type TemplateMeta } from './platform';

declare module 'vitest' {
  export interface ProvidedContext {
    learncityTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'learncity-template-'));
  const filesDir = join(dir, 'files');
  mkdirSync(filesDir);
  const dataKey = randomBytes(32);
  const url = process.env.DATABASE_URL;
  const meta: TemplateMeta = { dataKeyHex: dataKey.toString('hex') };
  let database;
  let dropTemplate = async () => {};
  if (url) {
    const pg = (await import('pg')).default;
    const name = `learncity_template_${randomBytes(6).toString('hex')}`;
    const run = async (sql: string) => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(sql).finally(() => admin.end());
    };
    await run(`create database ${name}`);
    dropTemplate = () => run(`drop database if exists ${name} with (force)`);
    const u = new URL(url);
    u.pathname = '/' + name;
    database = await openDatabase({ url: u.toString() });
    meta.pgTemplate = name;
  } else {
    database = await openDatabase({});
  }
  const { platform } = await seededPlatform(database, { filesDir, dataKey });
  await platform.app.close();
  if (database.engine === 'pglite') await database.snapshot(join(dir, 'pglite.tar.gz'));
  // PostgreSQL copies a template only while nobody is connected to it.
  await database.close();
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  project.provide('learncityTemplate', dir);
  return async () => {
    await dropTemplate();
    rmSync(dir, { recursive: true, force: true });
  };
}
