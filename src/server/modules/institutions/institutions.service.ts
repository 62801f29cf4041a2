// The network of institutions: create, edit, deactivate, list within scope, and the coverage view
// (streets without a community school, communities without a learning point).
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import { requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { refuseDuplicate } from '../../kernel/db-errors';
import { buildSearchQuery, buildSearchText } from '../../kernel/search-text';
import { offsetOf, type Page, type PageRequest, pageOf } from '../../kernel/pagination';
import type { InstitutionInput, InstitutionPatch } from '../../../contracts/institutions';
import type { RegionsService } from '../regions/index';
import { canAdministerInstitutionsIn, canEditInstitution, canSeeInstitution, fitsLevel, LEVELS_BY_TYPE, type InstitutionType } from './institutions.policy';
import type { InstitutionFilter, InstitutionRow, InstitutionsRepository } from './institutions.repository';

export interface InstitutionListQuery extends PageRequest {
  region?: string;
  type?: string;
  status?: string;
  q?: string;
  sort?: string;
}

export function createInstitutionsService(deps: { db: Db; repo: InstitutionsRepository; audit: AuditWriter; regions: RegionsService }) {
  const { repo, regions } = deps;
  /** Other modules that keep an institution's region beside their own rows (staff scopes) follow a move here. */
  const moveHandlers: ((tx: DbOrTx, institutionId: string, regionCode: string) => Promise<void>)[] = [];

  async function presentMany(rows: InstitutionRow[]) {
    const codes = [...new Set(rows.flatMap((r) => [r.regionCode, r.regionCode.slice(0, 6), r.regionCode.slice(0, 9)]))];
    const names = await regions.namesByCode(codes);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type as InstitutionType,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      regionPath: [...new Set([r.regionCode.slice(0, 6), r.regionCode.slice(0, 9), r.regionCode])]
        .filter((c) => c.length <= r.regionCode.length && names.has(c))
        .map((c) => ({ code: c, name: names.get(c)! })),
      address: r.address,
      floorAreaM2: r.floorAreaM2 === null ? null : Number(r.floorAreaM2),
      fullTimeStaff: r.fullTimeStaff,
      partTimeStaff: r.partTimeStaff,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      openingHours: r.openingHours,
      status: r.status as 'active' | 'inactive',
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
    }));
  }
  const present = async (row: InstitutionRow) => (await presentMany([row]))[0];

  /** A region for an institution of `type`, inside the actor's scope. */
  async function placeIn(actor: Actor, rawCode: string, type: InstitutionType, field = 'regionCode') {
    const region = await regions.require(rawCode, field);
    if (!canAdministerInstitutionsIn(actor, region.code)) throw invalidField(field, 'region.out_of_scope');
    if (!fitsLevel(type, region.level)) throw invalidField(field, 'institution.type_level', { type, levels: LEVELS_BY_TYPE[type].join('|') });
    return region;
  }

  async function loadVisible(actor: Actor, id: string): Promise<InstitutionRow> {
    const row = isUuid(id) ? await repo.find(id) : null;
    // Outside the caller's scope it does not exist, so nothing leaks about other streets.
    if (!row || !canSeeInstitution(actor, row)) throw new NotFound('institution.not_found');
    return row;
  }

  /** The filter a list or export runs with: the caller's scope, narrowed by the query. */
  async function scopedFilter(actor: Actor, f: { region?: string; type?: string; status?: string; q?: string }): Promise<InstitutionFilter> {
    const visible = visibleRegionRoots(actor);
    const filter: InstitutionFilter = {
      regionRoots: visible === 'all' ? null : visible,
      type: f.type,
      status: f.status,
      tsQuery: f.q ? buildSearchQuery(f.q) : null,
    };
    if (actor.role === 'institution_staff') filter.institutionIds = actor.institutions.map((i) => i.id);
    if (f.region) {
      const region = await regions.require(f.region, 'region');
      if (filter.regionRoots && !filter.regionRoots.some((r) => region.code.startsWith(r) || r.startsWith(region.code))) throw new NotFound('region.not_found');
      // Intersect: a street admin asking for the whole district still sees only their street.
      filter.regionRoots = filter.regionRoots ? filter.regionRoots.map((r) => (r.startsWith(region.code) ? r : region.code)) : [region.code];
    }
    return filter;
  }

  function searchTextOf(i: { name: string; address?: string | null; contactName?: string | null }) {
    return buildSearchText(i.name, i.address, i.contactName);
  }

  function toRow(input: InstitutionInput, regionCode: string) {
    return {
      name: input.name,
      type: input.type,
      regionCode,
      address: input.address || null,
      floorAreaM2: input.floorAreaM2 === null || input.floorAreaM2 === undefined ? null : String(input.floorAreaM2),
      fullTimeStaff: input.fullTimeStaff ?? 0,
      partTimeStaff: input.partTimeStaff ?? 0,
      contactName: input.contactName || null,
      contactPhone: input.contactPhone || null,
      openingHours: input.openingHours || null,
      searchText: searchTextOf(input),
    };
  }

  const duplicateName = () => new Conflict('institution.duplicate_name', {}, { fields: { name: 'institution.duplicate_name' } });

  return {
    onMove: (handler: (typeof moveHandlers)[number]) => void moveHandlers.push(handler),
    placeIn,
    scopedFilter,
    toRow,
    presentMany,
    iterate: (f: InstitutionFilter) => repo.iterate(f),
    existingNames: (pairs: { regionCode: string; name: string }[]) => repo.existingNames(pairs),

    async list(ctx: RequestContext, q: InstitutionListQuery): Promise<Page<Awaited<ReturnType<typeof present>>>> {
      const actor = requireStaff(ctx);
      const filter = await scopedFilter(actor, q);
      const { rows, total } = await repo.list({ ...filter, sort: q.sort, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentMany(rows), total);
    },

    async get(ctx: RequestContext, id: string) {
      return present(await loadVisible(requireStaff(ctx), id));
    },

    async create(ctx: RequestContext, input: InstitutionInput) {
      const actor = requireStaff(ctx);
      const region = await placeIn(actor, input.regionCode, input.type);
      if ((await repo.existingNames([{ regionCode: region.code, name: input.name }])).size) throw duplicateName();
      const id = newId();
      await refuseDuplicate(
        () =>
          deps.db.transaction(async (tx) => {
            await repo.insertMany(tx, [{ id, ...toRow(input, region.code) }]);
            await deps.audit(tx, ctx, {
              action: 'institution.create',
              entityType: 'institution',
              entityId: id,
              regionCode: region.code,
              details: { ...input },
            });
          }),
        duplicateName,
      );
      return present((await repo.find(id))!);
    },

    async update(ctx: RequestContext, id: string, patch: InstitutionPatch, expectedVersion?: number) {
      const actor = requireStaff(ctx);
      const current = await loadVisible(actor, id);
      if (!canEditInstitution(actor, current)) throw new Forbidden('auth.forbidden');
      const movesOrStatus = patch.regionCode !== undefined || patch.status !== undefined || patch.type !== undefined;
      if (movesOrStatus && !canAdministerInstitutionsIn(actor, current.regionCode)) throw new Forbidden('auth.forbidden');
      const type = (patch.type ?? current.type) as InstitutionType;
      const regionCode =
        patch.regionCode !== undefined || patch.type !== undefined
          ? (await placeIn(actor, patch.regionCode ?? current.regionCode, type)).code
          : current.regionCode;
      const merged = { ...current, ...patch, regionCode };
      const changes = {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.type !== undefined && { type: patch.type }),
        regionCode,
        ...(patch.address !== undefined && { address: patch.address || null }),
        ...(patch.floorAreaM2 !== undefined && { floorAreaM2: patch.floorAreaM2 === null ? null : String(patch.floorAreaM2) }),
        ...(patch.fullTimeStaff !== undefined && { fullTimeStaff: patch.fullTimeStaff }),
        ...(patch.partTimeStaff !== undefined && { partTimeStaff: patch.partTimeStaff }),
        ...(patch.contactName !== undefined && { contactName: patch.contactName || null }),
        ...(patch.contactPhone !== undefined && { contactPhone: patch.contactPhone || null }),
        ...(patch.openingHours !== undefined && { openingHours: patch.openingHours || null }),
        ...(patch.status !== undefined && { status: patch.status }),
        searchText: searchTextOf(merged),
      };
      const updated = await refuseDuplicate(
        () =>
          deps.db.transaction(async (tx) => {
            const row = await repo.update(tx, id, changes, expectedVersion);
            if (!row) return null;
            if (regionCode !== current.regionCode) for (const handler of moveHandlers) await handler(tx, id, regionCode);
            const action = patch.status === 'inactive' ? 'institution.deactivate' : patch.status === 'active' ? 'institution.reactivate' : 'institution.update';
            await deps.audit(tx, ctx, { action, entityType: 'institution', entityId: id, regionCode, details: { ...patch } });
            return row;
          }),
        duplicateName,
      );
      if (!updated) throw new Conflict('conflict.stale');
      return present(updated);
    },

    async createMany(ctx: RequestContext, rows: { input: InstitutionInput; regionCode: string }[]) {
      const prepared = rows.map((r) => ({ id: newId(), ...toRow(r.input, r.regionCode) }));
      await deps.db.transaction(async (tx) => {
        await repo.insertMany(tx, prepared);
        await deps.audit(tx, ctx, {
          action: 'institution.import',
          entityType: 'institution',
          regionCode: ctx.actor?.regionCodes[0] ?? null,
          details: { created: prepared.length, ids: prepared.map((p) => p.id).slice(0, 1000) },
        });
      });
      return prepared.length;
    },

    async coverage(ctx: RequestContext, rawCode: string) {
      const actor = requireStaff(ctx);
      const region = await regions.get(rawCode);
      const roots = visibleRegionRoots(actor);
      if (roots !== 'all' && !roots.some((r) => region.code.startsWith(r))) throw new NotFound('region.not_found');
      const [streets, communities, insts] = await Promise.all([
        regions.descendantsAtLevel(region.code, 'street'),
        regions.descendantsAtLevel(region.code, 'community'),
        repo.activeOfTypes(region.code, ['community_school', 'learning_point', 'elderly_school']),
      ]);
      const streetsWithSchool = new Set(insts.filter((i) => i.type === 'community_school').map((i) => i.regionCode.slice(0, 9)));
      const withPoint = new Set(insts.filter((i) => i.type === 'learning_point').map((i) => i.regionCode));
      const withElderly = new Set(insts.filter((i) => i.type === 'elderly_school' && i.regionCode.length === 12).map((i) => i.regionCode));
      const streetNames = new Map(streets.map((s) => [s.code, s.name]));
      const gap = (set: Set<string>) =>
        communities.filter((c) => !set.has(c.code)).map((c) => ({ code: c.code, name: c.name, streetName: streetNames.get(c.code.slice(0, 9)) ?? '' }));
      return {
        region: { code: region.code, name: region.name },
        streets: {
          total: streets.length,
          withCommunitySchool: streets.filter((s) => streetsWithSchool.has(s.code)).length,
          without: streets.filter((s) => !streetsWithSchool.has(s.code)).map((s) => ({ code: s.code, name: s.name })),
        },
        communities: {
          total: communities.length,
          withLearningPoint: communities.length - gap(withPoint).length,
          withoutLearningPoint: gap(withPoint),
          withElderlyPoint: communities.length - gap(withElderly).length,
          withoutElderlyPoint: gap(withElderly),
        },
      };
    },

    /** For other modules: names of institutions by id. */
    async namesOf(ids: string[]): Promise<Map<string, string>> {
      return new Map((await repo.findMany(ids)).map((r) => [r.id, r.name]));
    },

    /** For other modules: the region an institution sits in, or null when it does not exist. */
    async regionOf(id: string): Promise<string | null> {
      return (await repo.find(id))?.regionCode ?? null;
    },
  };
}

export type InstitutionsService = ReturnType<typeof createInstitutionsService>;
