// The venue pool: rooms and grounds owned at district, street or community level (or by an
// institution), shared downwards by an explicit flag, with photos, accessibility and a summary per level.
import type { Db, DbOrTx } from '../../db/client';
import { importWithAudit, type AuditWriter } from '../../kernel/audit';
import { requireStaff, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, invalidField } from '../../kernel/errors';
import { distinctUuids, newId } from '../../kernel/ids';
import { refuseDuplicate } from '../../kernel/db-errors';
import { givenFields } from '../../kernel/patch';
import { buildSearchText } from '../../kernel/search-text';
import { canEditOwned, findBulkTargets, ownedPoolFilter, ownedPoolReads, ownerAfterPatch, placeOwned, presentOwner } from '../../kernel/ownership';
import type { OwnedPoolQuery } from '../../kernel/ownership';
import { term } from '../../kernel/messages';
import type { VenueInput, VenuePatch, VENUE_UNIT_KINDS } from '../../../contracts/venues';
import type { RegionsService } from '../regions/index';
import type { InstitutionsService } from '../institutions/index';
import type { FilesService } from '../files/index';
import { isPlacedUnderOwner } from './venues.policy';
import type { VenueFilter, VenueRow, VenuesRepository } from './venues.repository';

export interface VenueListQuery extends OwnedPoolQuery {
  unitKind?: string;
  status?: string;
  bookable?: boolean;
}
export const BULK_VENUE_ACTIONS = ['share', 'unshare', 'activate', 'deactivate'] as const;
type BulkAction = (typeof BULK_VENUE_ACTIONS)[number];

export function createVenuesService(deps: {
  db: Db;
  repo: VenuesRepository;
  audit: AuditWriter;
  regions: RegionsService;
  institutions: InstitutionsService;
  files: FilesService;
}) {
  const { repo, regions } = deps;

  /** What a visitor needs to know to get in and what they will find: staff and the public catalogue see it alike. */
  const visitorFacts = (r: VenueRow) => ({
    capacity: r.capacity,
    facilities: r.facilities,
    stepFree: r.stepFree,
    lift: r.lift,
    hearingLoop: r.hearingLoop,
    openingHours: r.openingHours,
  });

  async function presentMany(actor: Actor, rows: VenueRow[]) {
    const codes = [...new Set(rows.flatMap((r) => [r.regionCode, r.ownerRegionCode]))];
    const names = await regions.namesByCode(codes);
    const instNames = await deps.institutions.namesOf([...new Set(rows.map((r) => r.ownerInstitutionId).filter((i): i is string => !!i))]);
    const photos = await deps.files.describe(rows.flatMap((r) => r.photoIds));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      ...presentOwner(r, names, instNames),
      unitKind: r.unitKind as (typeof VENUE_UNIT_KINDS)[number], // stored from the checked input only
      unitName: r.unitName,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      address: r.address,
      floorAreaM2: r.floorAreaM2 === null ? null : Number(r.floorAreaM2),
      ...visitorFacts(r),
      photos: r.photoIds
        .map((id) => photos.get(id))
        .filter((f) => !!f)
        .map((f) => ({ id: f!.id, filename: f!.filename, url: `/api/files/${f!.id}` })),
      bookable: r.bookable,
      approvalRequired: r.approvalRequired,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      status: r.status as 'active' | 'inactive',
      canEdit: canEditOwned(actor, r),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }));
  }
  type VenueView = Awaited<ReturnType<typeof presentMany>>[number];

  /** Owner and location checked together: the owner inside the caller's reach, the venue inside the owner's area. */
  async function place(actor: Actor, input: { ownerRegionCode: string; ownerInstitutionId?: string | null; regionCode: string }) {
    const owner = await regions.require(input.ownerRegionCode, 'ownerRegionCode');
    const location = await regions.require(input.regionCode, 'regionCode');
    const owned = await placeOwned(actor, owner.code, input.ownerInstitutionId ?? null, (id) => deps.institutions.regionOf(id));
    if (!isPlacedUnderOwner(location.code, owner.code)) throw invalidField('regionCode', 'venue.outside_owner');
    return { ownerRegionCode: owned.ownerRegionCode, regionCode: location.code, ownerInstitutionId: owned.ownerInstitutionId };
  }

  function searchTextOf(v: { name: string; unitName?: string | null; address?: string | null; facilities?: string[]; unitKind: string }) {
    return buildSearchText(v.name, v.unitName, v.address, (v.facilities ?? []).join(' '), term(`venue_unit.${v.unitKind}`, 'zh-CN'));
  }

  function toRow(input: VenueInput, placed: { ownerRegionCode: string; regionCode: string; ownerInstitutionId: string | null }) {
    return {
      name: input.name,
      ...placed,
      shared: input.shared ?? false,
      unitKind: input.unitKind,
      unitName: input.unitName || null,
      address: input.address || null,
      floorAreaM2: input.floorAreaM2 === null || input.floorAreaM2 === undefined ? null : String(input.floorAreaM2),
      capacity: input.capacity ?? null,
      facilities: input.facilities ?? [],
      stepFree: input.stepFree ?? false,
      lift: input.lift ?? false,
      hearingLoop: input.hearingLoop ?? false,
      openingHours: input.openingHours || null,
      photoIds: input.photoIds ?? [],
      bookable: input.bookable ?? true,
      approvalRequired: input.approvalRequired ?? true,
      contactName: input.contactName || null,
      contactPhone: input.contactPhone || null,
      searchText: searchTextOf(input),
    };
  }

  const duplicateName = () => new Conflict('venue.duplicate_name', {}, { fields: { name: 'venue.duplicate_name' } });

  function filterOf(actor: Actor, q: Omit<VenueListQuery, 'page' | 'pageSize' | 'sort'>): VenueFilter {
    return { ...ownedPoolFilter(actor, q), unitKind: q.unitKind, status: q.status, bookable: q.bookable };
  }

  /** A venue's photos are shown to anyone who sees the venue in the catalogue. */
  async function claimPhotos(tx: DbOrTx, ctx: RequestContext, photoIds: string[], regionCode: string) {
    for (const photo of photoIds) await deps.files.claim(tx, ctx, photo, { access: 'public', regionCode, purposes: ['image'], field: 'photoIds' });
  }

  async function setFlags(ctx: RequestContext, id: string, changes: { shared?: boolean; status?: string }, action: string) {
    return deps.db.transaction(async (tx) => {
      const row = await repo.update(tx, id, changes);
      await deps.audit(tx, ctx, { action, entityType: 'venue', entityId: id, regionCode: row?.ownerRegionCode ?? null, details: changes });
      return row;
    });
  }

  // Shared from above: visible and bookable, but only its owner changes it (`readOnly`).
  const reads = ownedPoolReads({ repo, filterOf, presentMany, regionNames: regions.names, notFound: 'venue.not_found', readOnly: 'venue.read_only' });

  return {
    /** For the public catalogue of classes and events: where it is and whether one can get in; no contacts. */
    async publicCards(ids: string[]) {
      const rows = await repo.findMany(distinctUuids(ids));
      const names = await regions.namesByCode([...new Set(rows.map((r) => r.regionCode))]);
      return new Map(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            name: r.name,
            unitName: r.unitName,
            address: r.address,
            regionCode: r.regionCode,
            regionName: names.get(r.regionCode) ?? r.regionCode,
            ...visitorFacts(r),
          },
        ]),
      );
    },

    presentMany,
    filterOf,
    place,
    toRow,
    iterate: (f: VenueFilter) => repo.iterate(f),
    existingNames: (pairs: { regionCode: string; name: string }[]) => repo.existingNames(pairs),

    list: reads.list,
    get: reads.get,

    async create(ctx: RequestContext, input: VenueInput): Promise<VenueView> {
      const actor = requireStaff(ctx);
      const placed = await place(actor, input);
      if ((await repo.existingNames([{ regionCode: placed.regionCode, name: input.name }])).size) throw duplicateName();
      const id = newId();
      await refuseDuplicate(
        () =>
          deps.db.transaction(async (tx) => {
            await repo.insertMany(tx, [{ id, ...toRow(input, placed) }]);
            await claimPhotos(tx, ctx, input.photoIds ?? [], placed.regionCode);
            await deps.audit(tx, ctx, { action: 'venue.create', entityType: 'venue', entityId: id, regionCode: placed.ownerRegionCode, details: { ...input } });
          }),
        duplicateName,
      );
      return (await presentMany(actor, [(await repo.find(id))!]))[0];
    },

    async update(ctx: RequestContext, id: string, patch: VenuePatch, expectedVersion?: number): Promise<VenueView> {
      const actor = requireStaff(ctx);
      const current = await reads.loadEditable(actor, id);
      const location = { ...ownerAfterPatch(current, patch), regionCode: patch.regionCode ?? current.regionCode };
      const moves = patch.ownerRegionCode !== undefined || patch.regionCode !== undefined || patch.ownerInstitutionId !== undefined;
      const placed = moves ? await place(actor, location) : location;
      const merged: VenueInput = {
        ...current,
        ...givenFields(patch),
        floorAreaM2: patch.floorAreaM2 !== undefined ? patch.floorAreaM2 : current.floorAreaM2 === null ? null : Number(current.floorAreaM2),
      } as VenueInput;
      const newPhotos = (patch.photoIds ?? []).filter((p) => !current.photoIds.includes(p));
      const changes = { ...toRow(merged, placed), ...(patch.status !== undefined && { status: patch.status }) };
      const updated = await refuseDuplicate(
        () =>
          deps.db.transaction(async (tx) => {
            const row = await repo.update(tx, id, changes, expectedVersion);
            if (!row) return null;
            await claimPhotos(tx, ctx, newPhotos, placed.regionCode);
            await deps.audit(tx, ctx, { action: 'venue.update', entityType: 'venue', entityId: id, regionCode: placed.ownerRegionCode, details: { ...patch } });
            return row;
          }),
        duplicateName,
      );
      if (!updated) throw new Conflict('conflict.stale');
      return (await presentMany(actor, [updated]))[0];
    },

    /** Share, unshare, activate or deactivate many at once; entries the caller may not change are reported, not touched. */
    async bulk(ctx: RequestContext, input: { ids: string[]; action: BulkAction }) {
      const actor = requireStaff(ctx);
      const changes = { share: { shared: true }, unshare: { shared: false }, activate: { status: 'active' }, deactivate: { status: 'inactive' } }[input.action];
      const { editable, skipped } = await findBulkTargets(actor, input.ids, (ids) => repo.findMany(ids));
      for (const row of editable) await setFlags(ctx, row.id, changes, `venue.${input.action}`);
      return { updated: editable.length, skipped };
    },

    /** For the district office: how many venues at each level, in each street, of each kind and status. */
    summary: reads.summary,

    /** For other modules and bookings: a venue row the caller can see, or NotFound. */
    loadVisible: reads.loadVisible,

    async createMany(ctx: RequestContext, rows: ReturnType<typeof toRow>[], onProgress?: (done: number) => void) {
      const prepared = rows.map((r) => ({ id: newId(), ...r }));
      return importWithAudit(deps.audit, ctx, 'venue', prepared, repo.importAll, onProgress);
    },
  };
}

export type VenuesService = ReturnType<typeof createVenuesService>;
