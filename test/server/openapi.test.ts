// The OpenAPI document partners read (/openapi.json): a valid OpenAPI 3.1 document, and every operation says
// what its success answer looks like (a 2xx response with a schema; 204 and a redirect's 302 need none), so no body goes undocumented.
// The web's types are generated from it: the committed file must be what this document gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/api-types';

/**
 * Operations that answer in another standard's own shapes and are documented by that standard, not here: the
 * W3C VC-API adapter (off unless LEARNCITY_VC_API_TOKEN is set). The xAPI store is not in the document at all.
 */
const STANDARD_OWN = /^POST \/api\/vc-api\//;

const modulesDir = join(import.meta.dirname, '../../src/server/modules');

/** The routes a helper registers for the path it is given: a pool's workbooks, a credit list with its export, a versioned entry, a term or campaign. */
const HELPER_ROUTES: Record<string, [method: string, suffix: string][]> = {
  poolWorkbookRoutes: [
    ['get', '/import-template.xlsx'],
    ['get', '/export.xlsx'],
  ],
  listWithExport: [
    ['get', ''],
    ['get', '/export.xlsx'],
  ],
  versionedEntryRoutes: [
    ['get', '/:id'],
    ['post', ''],
    ['patch', '/:id'],
  ],
  planRoutes: [
    ['get', '/:id'],
    ['post', ''],
    ['patch', '/:id'],
    ['post', '/:id/publish'],
    ['post', '/:id/cancel'],
  ],
};

const helperCall = new RegExp(`\\b(${Object.keys(HELPER_ROUTES).join('|')})\\((?:\\s*app,\\s*route,)?\\s*'([^']+)'`, 'g');

/** "GET /api/terms/{id}" for each route a module's *.routes.ts files register, as OpenAPI names the operation. */
function operationsOf(module: string): string[] {
  const dir = join(modulesDir, module);
  const operation = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.routes.ts'))
    .flatMap((f) => {
      const source = readFileSync(join(dir, f), 'utf8');
      return [
        ...[...source.matchAll(/app\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map(([, method, path]) => operation(method, path)),
        ...[...source.matchAll(helperCall)].flatMap(([, helper, path]) => HELPER_ROUTES[helper].map(([method, suffix]) => operation(method, path + suffix))),
      ];
    });
}

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
let p: TestPlatform;
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
  const res = await p.request('GET', '/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => p.close());

it('is a valid OpenAPI 3.1 document', async () => {
  expect(doc.openapi).toMatch(/^3\.1\./);
  const result = await new Validator().validate(structuredClone(doc));
  expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 4000)).toEqual([]);
  expect(result.valid).toBe(true);
});

it('documents the success answer of every operation', () => {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );
  const undocumented = operations
    .filter(
      ({ op }) =>
        !Object.entries(op.responses ?? {}).some(
          ([status, r]) =>
            (/^2\d\d$/.test(status) || status === '302') &&
            (status === '204' || status === '302' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined)),
        ),
    )
    .map((o) => o.name);

  // Every /api route a module registers is in the document, so the check below covers all of them (the probes
  // /healthz and /readyz are hidden from it).
  const registered = readdirSync(modulesDir)
    .flatMap(operationsOf)
    .filter((name) => name.split(' ')[1].startsWith('/api/'));
  expect(registered.length).toBeGreaterThan(300);
  for (const name of registered)
    expect(
      operations.map((o) => o.name),
      name,
    ).toContain(name);
  expect(undocumented.filter((name) => !STANDARD_OWN.test(name))).toEqual([]);
});

it('is what the web apps are typed with (src/web/shared/api-types.gen.ts)', async () => {
  const committed = readFileSync(API_TYPES_FILE, 'utf8');
  // Compared as a boolean: a diff of a file this size would bury the message.
  expect(committed === (await renderApiTypes(doc)), 'src/web/shared/api-types.gen.ts differs from the contracts: run `npm run api:types` and commit it').toBe(
    true,
  );
});
