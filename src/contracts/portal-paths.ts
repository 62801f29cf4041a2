// Where the portal may send a resident after signing in: only paths its own router resolves. Shared by
// the server (the government-ID sign-in's returnTo) and the portal's login page, so a crafted link such as
// `/\evil.example`, `//evil`, `/%5Cevil` or one with a tab cannot turn either into an open redirect.
// src/contracts/portal-paths.test.ts fails when the router gains a page this list lacks.

/** The portal router's paths, in its own syntax (`:id` one segment, `:id?` an optional one). */
export const PORTAL_PATHS = [
  '/',
  '/register',
  '/login',
  '/forgot-password',
  '/password/new',
  '/me',
  '/profile',
  '/my-data',
  '/privacy',
  '/notices',
  '/nominate',
  '/teams',
  '/teams/new',
  '/teams/:id',
  '/archive',
  '/credits',
  '/credits/recognition',
  '/credits/recognition/:id',
  '/credits/conversion',
  '/certificates',
  '/certificates/:id',
  '/verify/:id?',
  '/links',
  '/sso/link',
  '/checkin',
  '/points',
  '/rate/:id',
  '/courses',
  '/courses/:id',
  '/offerings',
  '/offerings/:id',
  '/resources/:id',
  '/enrolments',
  '/messages',
  '/proxy',
  '/lottery',
  '/lottery/:id',
  '/lottery/:id/verify',
] as const;

// An id segment is what the server issues (UUIDs, credential ids): letters, digits, `-` and `_`.
const SEGMENT = '[A-Za-z0-9_-]{1,64}';
// A query or fragment may carry only URL-safe characters; no `\`, whitespace or control characters.
const TAIL = '(?:\\?[A-Za-z0-9_.~%=&+-]*)?(?:#[A-Za-z0-9_.~%=&+/-]*)?';

const patterns = PORTAL_PATHS.map((path) => {
  const body =
    path === '/'
      ? '/'
      : path
          .split('/')
          .slice(1)
          .map((part) => {
            if (part.startsWith(':')) return part.endsWith('?') ? `(?:/${SEGMENT})?` : `/${SEGMENT}`;
            return '/' + part;
          })
          .join('');
  return new RegExp(`^${body}${TAIL}$`);
});

/** The path itself when the portal would show it, else null (the caller then uses its own default). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  return patterns.some((p) => p.test(value)) ? value : null;
}
