// Who is signed in, and what the console lets them see. The server decides what they may do;
// the console only hides what would be refused anyway.
import { ref, computed } from 'vue';
import { apiGet, apiPost, type Answer } from '../shared/api';
import type { Role } from '../../contracts/accounts';

export type { Role };
/** Who is signed in, as GET /api/auth/session describes them. */
export type Me = Extract<Answer<'/api/auth/session'>, { signedIn: true }>['user'];

export const me = ref<Me | null>(null);
let checked = false;

/** Loads the current session once; returns null when nobody (or a resident) is signed in. */
export async function loadMe(force = false): Promise<Me | null> {
  if (checked && !force) return me.value;
  try {
    // A visitor is answered { signedIn: false } (not a 401), so the sign-in page loads without a failed request.
    const answer = await apiGet('/api/auth/session');
    me.value = answer.signedIn ? answer.user : null;
  } finally {
    checked = true;
  }
  return me.value;
}

export function setMe(value: Me | null) {
  me.value = value;
  checked = true;
}

export async function logout() {
  try {
    await apiPost('/api/auth/logout');
  } finally {
    setMe(null);
  }
}

export const role = computed(() => me.value?.role ?? null);
export const isAdmin = computed(() => role.value === 'system_admin' || role.value === 'region_admin');
/** Who may change institutions (leaders only read). */
export const canEditInstitutions = computed(() => isAdmin.value || role.value === 'institution_staff');
export const canSeeFullId = isAdmin;

/** Region codes the user is scoped to; empty for a system administrator without scopes (everywhere). */
export const scopeRegions = computed(() =>
  (me.value?.scopes ?? []).filter((s) => s.regionCode).map((s) => ({ code: s.regionCode as string, name: s.regionName ?? (s.regionCode as string) })),
);

export type PageKey =
  | 'home'
  | 'regions'
  | 'institutions'
  | 'coverage'
  | 'staff'
  | 'audit'
  | 'residents'
  | 'indicators'
  | 'reporting'
  | 'population'
  | 'dashboard'
  | 'report'
  | 'partners'
  | 'instructors'
  | 'venues'
  | 'bookings'
  | 'courses'
  | 'calls'
  | 'categories'
  | 'awards'
  | 'governance'
  | 'assessment'
  | 'teams'
  | 'offerings'
  | 'plans'
  | 'credits'
  | 'credentials'
  | 'points'
  | 'ratings'
  | 'lottery';

/** An institution's daily work: the network, its instructors and venues, courses, classes and their plans, calls. */
const INSTITUTION_WORK: PageKey[] = ['regions', 'institutions', 'instructors', 'venues', 'bookings', 'courses', 'offerings', 'plans', 'calls'];

/** The system and region administrators see the same pages; what they reach within them is their scope, decided by the server. */
const ADMIN_PAGES: PageKey[] = [
  'dashboard',
  'report',
  ...INSTITUTION_WORK,
  'categories',
  'coverage',
  'staff',
  'audit',
  'residents',
  'indicators',
  'reporting',
  'population',
  'awards',
  'teams',
  'governance',
  'assessment',
  'partners',
  'lottery',
  'points',
  'ratings',
  'credits',
  'credentials',
];

const PAGES_BY_ROLE: Record<Role, PageKey[]> = {
  system_admin: ADMIN_PAGES,
  region_admin: ADMIN_PAGES,
  institution_staff: [...INSTITUTION_WORK, 'coverage', 'reporting', 'lottery', 'ratings'],
  leader: [
    'dashboard',
    'report',
    'regions',
    'institutions',
    'instructors',
    'venues',
    'courses',
    'offerings',
    'calls',
    'coverage',
    'indicators',
    'population',
    'awards',
    'teams',
    'governance',
    'assessment',
    'ratings',
    'credits',
    'credentials',
  ],
  member_unit_reporter: ['regions', 'coverage', 'reporting', 'governance'],
  credit_bank_officer: ['credits', 'credentials', 'regions', 'residents'],
  instructor: ['regions', 'courses', 'calls'],
};

/** Every role starts on its own home (its to-do counts), then the pages of its work. */
export function pagesFor(r: Role | null): PageKey[] {
  return r ? ['home', ...(PAGES_BY_ROLE[r] ?? ['regions'])] : [];
}

export type MenuGroupKey = 'resources' | 'teaching' | 'residentServices' | 'creditBank' | 'monitoring' | 'governance' | 'system';

/** The menu grouped by line of work, as government systems arrange theirs. */
export const MENU_GROUPS: { key: MenuGroupKey; pages: PageKey[] }[] = [
  { key: 'resources', pages: ['regions', 'institutions', 'coverage', 'instructors', 'venues', 'bookings'] },
  { key: 'teaching', pages: ['courses', 'categories', 'calls', 'plans', 'offerings', 'lottery'] },
  { key: 'residentServices', pages: ['residents', 'teams', 'ratings', 'points'] },
  { key: 'creditBank', pages: ['credits', 'credentials'] },
  { key: 'monitoring', pages: ['dashboard', 'report', 'indicators', 'reporting', 'population'] },
  { key: 'governance', pages: ['governance', 'assessment', 'awards'] },
  { key: 'system', pages: ['staff', 'audit', 'partners'] },
];

/** The groups a role sees, each with only its allowed pages; empty groups are left out. */
export function menuFor(r: Role | null): { key: MenuGroupKey; pages: PageKey[] }[] {
  const allowed = new Set(pagesFor(r));
  return MENU_GROUPS.map((g) => ({ key: g.key, pages: g.pages.filter((p) => allowed.has(p)) })).filter((g) => g.pages.length);
}

/** Who may create and edit classes (offerings) and courses; the server decides the rest by scope. */
const AUTHORS: Record<'offering' | 'course', Role[]> = {
  offering: ['system_admin', 'region_admin', 'institution_staff'],
  course: ['system_admin', 'region_admin', 'institution_staff'],
};
export function canAuthor(r: Role | null, what: 'offering' | 'course'): boolean {
  return !!r && AUTHORS[what].includes(r);
}

/** Roles that only read: their pages show no forms that would write. */
export const isReadOnly = computed(() => role.value === 'leader');
