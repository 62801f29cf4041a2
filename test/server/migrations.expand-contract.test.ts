// The upgrade rule (README, "Upgrading"): during a rolling upgrade the old workers keep serving on the
// database the new release has just migrated, so a migration may only *expand* the schema — add tables,
// columns that are nullable or have a default, indexes, constraints. What old code still reads or writes is
// removed or changed (*contract*: drop, rename, type change, NOT NULL on an existing column) only in a
// later release, in a migration named `…_contract.sql`, once no running release uses it.
import { expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownMigrations } from '../../src/server/db/client';

const DIR = 'src/server/db/migrations';
// Written before the rule, when no installation ran a release older than the one they shipped with.
const BEFORE_THE_RULE = new Set(['0020_indicator_values_no_fk', '0021_indicator_values_key', '0023_identity_hardening']);

const CONTRACT: [RegExp, string][] = [
  [/\bdrop\s+(table|column|type|schema|view|function)\b/i, 'drops what old code may use'],
  [/\bdrop\s+constraint\b/i, 'drops a constraint old code may rely on'],
  [/\brename\b/i, 'renames what old code names'],
  [/\balter\s+column\s+"?\w+"?\s+(set\s+data\s+)?type\b/i, 'changes a column type under old code'],
  [/\balter\s+column\s+"?\w+"?\s+set\s+not\s+null\b/i, 'makes an existing column required: old code may not fill it'],
  [/\badd\s+column\b(?![^;]*\bdefault\b)[^;]*\bnot\s+null\b/i, "adds a required column without a default: old code's inserts fail"],
];

function contractStatements(sqlText: string): string[] {
  return sqlText
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/--.*$/gm, '').trim())
    .filter(Boolean)
    .flatMap((statement) => CONTRACT.filter(([re]) => re.test(statement)).map(([, why]) => `${why}: ${statement.slice(0, 120)}`));
}

it('every migration expands the schema only, unless named as a contract step', () => {
  const problems = knownMigrations().flatMap(({ tag }) => {
    if (BEFORE_THE_RULE.has(tag) || tag.endsWith('_contract')) return [];
    return contractStatements(readFileSync(join(DIR, `${tag}.sql`), 'utf8')).map((p) => `${tag}: ${p}`);
  });
  expect(problems).toEqual([]);
});

it('knows every migration file (the journal lists them all)', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.replace(/\.sql$/, ''))
    .sort();
  expect(
    knownMigrations()
      .map((m) => m.tag)
      .sort(),
  ).toEqual(files);
  for (const tag of BEFORE_THE_RULE) expect(files).toContain(tag);
});

it('tells a contract step from an expansion', () => {
  expect(contractStatements('ALTER TABLE "users" ADD COLUMN "nickname" varchar(40);')).toEqual([]);
  expect(contractStatements('ALTER TABLE "users" ADD COLUMN "tier" smallint DEFAULT 0 NOT NULL;')).toEqual([]);
  expect(contractStatements('CREATE TABLE "x" ("id" uuid PRIMARY KEY NOT NULL, "n" integer NOT NULL);')).toEqual([]);
  expect(contractStatements('CREATE INDEX "x_idx" ON "x" ("n");')).toEqual([]);
  for (const bad of [
    'ALTER TABLE "users" DROP COLUMN "locked_until";',
    'ALTER TABLE "users" RENAME COLUMN "a" TO "b";',
    'ALTER TABLE "users" ALTER COLUMN "a" SET DATA TYPE text;',
    'ALTER TABLE "residents" ALTER COLUMN "birth_year" SET NOT NULL;',
    'ALTER TABLE "users" ADD COLUMN "tier" smallint NOT NULL;',
    'DROP TABLE "old";',
  ])
    expect(contractStatements(bad), bad).toHaveLength(1);
});
