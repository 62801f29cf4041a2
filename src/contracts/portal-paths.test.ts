import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PORTAL_PATHS, safeReturnPath } from './portal-paths';

it('lists every page of the portal router (the catch-all aside)', () => {
  const router = readFileSync(new URL('../web/portal/router.ts', import.meta.url), 'utf8');
  const routed = [...router.matchAll(/\bpath: '([^']+)'/g)].map((m) => m[1]).filter((p) => !p.includes('pathMatch'));
  expect(routed.length).toBeGreaterThan(10);
  expect([...routed].sort()).toEqual([...PORTAL_PATHS].sort());
});

it.each([
  '/',
  '/profile',
  '/archive',
  '/teams/new',
  '/teams/0b8f6a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  '/verify',
  '/verify/abc_DEF-123',
  '/lottery/abc/verify',
  '/offerings?category=SHUHUA&page=2',
  '/courses#top',
  '/credits/recognition/x1',
])('accepts the portal page %s', (path) => expect(safeReturnPath(path)).toBe(path));

it.each([
  '/\\evil.example/',
  '/\\evil.example',
  '\\\\evil.example',
  '//evil.example',
  '///evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%2F%2Fevil.example',
  '/%09/evil.example',
  'https://evil.example/',
  'http:/evil.example',
  'javascript:alert(1)',
  '//evil.example/profile',
  '/profile/../../evil',
  '/profile\\evil',
  '/profile\t',
  ' /profile',
  '/profile ',
  '/\u3000/evil',
  '/teams/a/b',
  '/nowhere',
  '/api/auth/me',
  '/console/',
  '/profile?x=\\evil',
  '/profile?x=1\r\nSet-Cookie:a=b',
  '/profile#\\evil',
  '',
  '/verify/' + 'a'.repeat(65),
  '/ＰＲＯＦＩＬＥ',
  '/.\\evil',
  '/%252F%252Fevil',
  'evil.example',
  '/profile@evil.example',
])('refuses %j', (path) => expect(safeReturnPath(path)).toBeNull());

it('refuses anything but a string', () => {
  for (const v of [undefined, null, 1, ['/profile'], { path: '/profile' }]) expect(safeReturnPath(v)).toBeNull();
});
