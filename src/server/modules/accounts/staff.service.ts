// Staff accounts: roles bound to region and institution scopes, managed by administrators
// within their own regions.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, type Actor, type RequestContext, type Role } from '../../kernel/actor';
import { Forbidden, NotFound, Conflict, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { maskPhone } from '../../kernel/mask';
import { translate } from '../../kernel/messages';
import { refuseDuplicate } from '../../kernel/db-errors';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { visibleRegionRoots } from '../../kernel/actor';
import type { RegionsService } from '../regions/index';
import type { InstitutionsService } from '../institutions/index';
import { accountThrottleKey, canGrantRole, canListStaff, canManageAccount, canManageScopes, passwordProblem } from './accounts.policy';
import type { AccountsRepository, ScopeRow, UserRow } from './accounts.repository';
import { hashPassword } from './auth.service';

export interface ScopeView {
  regionCode: string | null;
  regionName: string | null;
  institutionId: string | null;
  institutionName: string | null;
}

export interface StaffInput {
  username: string;
  displayName: string;
  phone?: string | null;
  role: Role;
  regionCodes: string[];
  institutionIds: string[];
  password: string;
}

export function createStaffService(deps: {
  db: Db;
  repo: AccountsRepository;
  clock: Clock;
  audit: AuditWriter;
  regions: RegionsService;
  institutions: InstitutionsService;
}) {
  const { repo } = deps;

  async function presentScopes(scopes: ScopeRow[]): Promise<Map<string, ScopeView[]>> {
    const regionNames = await deps.regions.namesByCode([...new Set(scopes.map((s) => s.regionCode))]);
    const instNames = await deps.institutions.namesOf(scopes.flatMap((s) => (s.institutionId ? [s.institutionId] : [])));
    const out = new Map<string, ScopeView[]>();
    for (const s of scopes) {
      const list = out.get(s.userId) ?? [];
      list.push(
        s.institutionId
          ? { regionCode: null, regionName: null, institutionId: s.institutionId, institutionName: instNames.get(s.institutionId) ?? null }
          : { regionCode: s.regionCode, regionName: regionNames.get(s.regionCode) ?? null, institutionId: null, institutionName: null },
      );
      out.set(s.userId, list);
    }
    return out;
  }

  async function presentMany(users: UserRow[]) {
    const scopes = await presentScopes(await repo.scopesOf(users.map((u) => u.id)));
    // "Locked" now means held back by the account-wide sign-in throttle (failures from many addresses).
    const blocked = await repo.accountsBlockedUntil(
      users.map((u) => accountThrottleKey(u.username)),
      deps.clock.now(),
    );
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phone: maskPhone(u.phone),
      role: u.role as Role,
      scopes: scopes.get(u.id) ?? [],
      status: u.status as 'active' | 'disabled', // the only values a staff account is given
      lockedUntil: blocked.get(accountThrottleKey(u.username))?.toISOString() ?? null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    }));
  }

  /** Turns requested region codes and institution ids into scope rows, checking each exists. */
  async function resolveScopes(regionCodes: string[], institutionIds: string[]) {
    const rows: { regionCode: string; institutionId: string | null }[] = [];
    for (const [i, raw] of regionCodes.entries()) rows.push({ regionCode: (await deps.regions.require(raw, `regionCodes.${i}`)).code, institutionId: null });
    for (const [i, id] of institutionIds.entries()) {
      const inst = isUuid(id) ? await deps.institutions.regionOf(id) : null;
      if (!inst) throw invalidField(`institutionIds.${i}`, 'institution.not_found');
      rows.push({ regionCode: inst, institutionId: id });
    }
    if (rows.length === 0) throw invalidField('regionCodes', 'staff.scope_required');
    return rows;
  }

  async function loadManageable(actor: Actor, id: string): Promise<{ user: UserRow; scopes: ScopeRow[] }> {
    const user = isUuid(id) ? await repo.userById(id) : null;
    if (!user || user.kind !== 'staff') throw new NotFound('staff.not_found');
    const scopes = await repo.scopesOf([id]);
    if (!canManageAccount(actor, { role: user.role as Role, scopeRegionCodes: scopes.map((s) => s.regionCode) })) throw new NotFound('staff.not_found');
    return { user, scopes };
  }

  async function get(ctx: RequestContext, id: string) {
    const actor = requireStaff(ctx);
    if (!canListStaff(actor)) throw new Forbidden('auth.forbidden');
    return (await presentMany([(await loadManageable(actor, id)).user]))[0];
  }

  return {
    /** Called by the institutions module, in its transaction, when an institution moves to another region. */
    institutionMoved: (tx: DbOrTx, institutionId: string, regionCode: string) => repo.moveInstitutionScopes(tx, institutionId, regionCode),
    presentScopes,
    get,

    async me(actor: Actor, locale: string) {
      // A resident's answer is all in the session (no scopes): no database read on every page load.
      // Who is signed in, as the session tells it.
      const account = { id: actor.userId, kind: actor.kind, username: actor.username, displayName: actor.displayName, role: actor.role };
      if (actor.kind === 'resident' && actor.savedLocale) {
        return {
          ...account,
          scopes: [],
          locale: actor.savedLocale,
          mustChangePassword: !!actor.mustChangePassword,
        };
      }
      const user = await repo.userById(actor.userId);
      const scopes = (await presentScopes(await repo.scopesOf([actor.userId]))).get(actor.userId) ?? [];
      return {
        ...account,
        scopes,
        locale: user?.locale ?? locale,
        mustChangePassword: !!user?.mustChangePassword,
      };
    },

    async list(ctx: RequestContext, f: PageRequest & { region?: string; role?: string; status?: string; q?: string }) {
      const actor = requireStaff(ctx);
      if (!canListStaff(actor)) throw new Forbidden('auth.forbidden');
      const visible = visibleRegionRoots(actor);
      let roots: string[] | null = visible === 'all' ? null : visible;
      if (f.region) {
        const region = await deps.regions.require(f.region, 'region');
        if (roots && !canManageScopes(actor, [region.code])) throw new NotFound('region.not_found');
        roots = [region.code];
      }
      const { rows, total } = await repo.listStaff({ regionRoots: roots, role: f.role, status: f.status, q: f.q, limit: f.pageSize, offset: offsetOf(f) });
      // A street admin sees accounts that touch their street, but never the district accounts above them.
      const items = actor.role === 'system_admin' ? rows : rows.filter((u) => u.role !== 'system_admin');
      return pageOf(f, await presentMany(items), total);
    },

    /** `demoSeed`: only the demo data sets its shared, documented password (`Demo#2026`); no route passes it. */
    async create(ctx: RequestContext, input: StaffInput, opts: { demoSeed?: boolean } = {}) {
      const actor = requireStaff(ctx);
      if (!canGrantRole(actor, input.role)) throw new Forbidden('staff.role_not_grantable');
      const passwordKey = opts.demoSeed ? null : passwordProblem(input.password, [input.username, input.phone]);
      if (passwordKey) throw invalidField('password', passwordKey);
      const scopes = await resolveScopes(input.regionCodes, input.institutionIds);
      if (
        !canManageScopes(
          actor,
          scopes.map((s) => s.regionCode),
        )
      )
        throw new Forbidden('region.out_of_scope');
      const taken = await repo.usernameOrPhoneTaken(input.username, input.phone ?? null);
      if (taken.username) throw new Conflict('staff.duplicate_username', {}, { fields: { username: 'staff.duplicate_username' } });
      if (taken.phone) throw new Conflict('staff.duplicate_phone');
      const id = newId();
      const passwordHash = await hashPassword(input.password);
      await refuseDuplicate(
        () =>
          deps.db.transaction(async (tx) => {
            await repo.insertUser(tx, {
              id,
              kind: 'staff',
              username: input.username,
              displayName: input.displayName,
              phone: input.phone || null,
              passwordHash,
              role: input.role,
            });
            await repo.replaceScopes(tx, id, scopes);
            await deps.audit(tx, ctx, {
              action: 'staff.create',
              entityType: 'user',
              entityId: id,
              regionCode: scopes[0].regionCode,
              details: { username: input.username, role: input.role, scopes },
            });
          }),
        () => new Conflict('staff.duplicate_username'),
      );
      return get(ctx, id);
    },

    async update(
      ctx: RequestContext,
      id: string,
      patch: Partial<Pick<StaffInput, 'displayName' | 'phone' | 'role' | 'regionCodes' | 'institutionIds'>> & { status?: 'active' | 'disabled' },
    ) {
      const actor = requireStaff(ctx);
      const { user, scopes: current } = await loadManageable(actor, id);
      const changesAccess = patch.role !== undefined || patch.regionCodes !== undefined || patch.institutionIds !== undefined || patch.status !== undefined;
      if (changesAccess && id === actor.userId) throw new Forbidden('staff.cannot_change_self');
      if (patch.role && !canGrantRole(actor, patch.role)) throw new Forbidden('staff.role_not_grantable');
      let scopes: { regionCode: string; institutionId: string | null }[] | null = null;
      if (patch.regionCodes !== undefined || patch.institutionIds !== undefined) {
        scopes = await resolveScopes(
          patch.regionCodes ?? current.filter((s) => !s.institutionId).map((s) => s.regionCode),
          patch.institutionIds ?? current.flatMap((s) => (s.institutionId ? [s.institutionId] : [])),
        );
        if (
          !canManageScopes(
            actor,
            scopes.map((s) => s.regionCode),
          )
        )
          throw new Forbidden('region.out_of_scope');
      }
      if (patch.phone) {
        const taken = await repo.usernameOrPhoneTaken(user.username, patch.phone, id);
        if (taken.phone) throw new Conflict('staff.duplicate_phone');
      }
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(tx, id, {
          ...(patch.displayName !== undefined && { displayName: patch.displayName }),
          ...(patch.phone !== undefined && { phone: patch.phone || null }),
          ...(patch.role !== undefined && { role: patch.role }),
          ...(patch.status !== undefined && { status: patch.status }),
        });
        if (scopes) await repo.replaceScopes(tx, id, scopes);
        if (patch.status === 'disabled') await repo.deleteSessionsOf(tx, id);
        await deps.audit(tx, ctx, {
          action: 'staff.update',
          entityType: 'user',
          entityId: id,
          regionCode: (scopes ?? current)[0]?.regionCode,
          details: { ...patch },
        });
      });
      return get(ctx, id);
    },

    /** For other modules: the active staff accounts among `ids` (reviewers of a call …). */
    async activeStaff(ids: string[]) {
      const out: { id: string; username: string; displayName: string; role: string | null }[] = [];
      for (const id of [...new Set(ids)]) {
        const u = isUuid(id) ? await repo.userById(id) : null;
        if (u && u.kind === 'staff' && u.status === 'active') out.push({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });
      }
      return out;
    },

    async resetPassword(ctx: RequestContext, id: string, newPassword: string) {
      const actor = requireStaff(ctx);
      const { user: target, scopes } = await loadManageable(actor, id);
      const passwordKey = passwordProblem(newPassword, [target.username, target.phone]);
      if (passwordKey) throw invalidField('newPassword', passwordKey);
      const passwordHash = await hashPassword(newPassword);
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(tx, id, { passwordHash });
        await repo.clearAccountThrottles(tx, accountThrottleKey(target.username));
        await repo.deleteSessionsOf(tx, id);
        await deps.audit(tx, ctx, { action: 'staff.password_reset', entityType: 'user', entityId: id, regionCode: scopes[0]?.regionCode });
      });
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;

/** First start: the system administrator, created directly because nobody exists yet to create it. */
export async function bootstrapAdmin(deps: { db: Db; repo: AccountsRepository; audit: AuditWriter }, input: { password: string; rootRegionCode: string }) {
  const passwordKey = passwordProblem(input.password);
  if (passwordKey) throw new Error(`the administrator's password is refused: ${translate(passwordKey, 'en')}`);
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    await deps.repo.insertUser(tx, { id, kind: 'staff', username: 'admin', displayName: '系统管理员', passwordHash, role: 'system_admin' });
    await deps.repo.replaceScopes(tx, id, [{ regionCode: input.rootRegionCode, institutionId: null }]);
    await deps.audit(
      tx,
      { actor: null, ip: null, locale: 'zh-CN' },
      { action: 'staff.bootstrap_admin', entityType: 'user', entityId: id, regionCode: input.rootRegionCode },
    );
  });
  const user = (await deps.repo.userById(id))!;
  return user;
}
