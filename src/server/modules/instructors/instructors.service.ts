// The instructor pool: people who teach (full-time, part-time, volunteers) with their specialities from
// the course taxonomy, certificates, languages and availability; owned at district, street or community
// level and shared downwards by an explicit flag; vetted before they teach; their phone masked except
// to the editors who own the entry, and every full read audited.
import type { Db, DbOrTx } from '../../db/client';
import { importWithAudit, type AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, invalidField, DomainError } from '../../kernel/errors';
import { distinctUuids, newId, isUuid } from '../../kernel/ids';
import { refuseDuplicate } from '../../kernel/db-errors';
import { givenFields } from '../../kernel/patch';
import { maskPhone } from '../../kernel/mask';
import { buildSearchText } from '../../kernel/search-text';
import { canEditOwned, findBulkTargets, ownedPoolFilter, ownedPoolReads, ownerAfterPatch, placeOwned, presentOwner } from '../../kernel/ownership';
import type { OwnedPoolQuery } from '../../kernel/ownership';
import type { BULK_INSTRUCTOR_ACTIONS, InstructorInput, InstructorPatch } from '../../../contracts/instructors';
import type { RegionsService } from '../regions/index';
import type { InstitutionsService } from '../institutions/index';
import type { FilesService } from '../files/index';
import type { CategoriesService } from '../categories/index';
import type { ResidentsService } from '../accounts/index';
import { canMoveVetting, fromStatesOf, needsReason, type VettingStatus } from './instructors.policy';
import type { InstructorFilter, InstructorRow, InstructorsRepository } from './instructors.repository';

export interface InstructorListQuery extends OwnedPoolQuery {
  kind?: string;
  category?: string;
  vettingStatus?: string;
}
type BulkAction = (typeof BULK_INSTRUCTOR_ACTIONS)[number];

export function createInstructorsService(deps: {
  db: Db;
  repo: InstructorsRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  institutions: InstitutionsService;
  files: FilesService;
  categories: CategoriesService;
  residents: ResidentsService;
}) {
  const { repo, regions, clock } = deps;

  /** Certificates uploaded for an instructor become the pool's documents, readable by staff of its owner region. */
  async function claimCertificates(tx: DbOrTx, ctx: RequestContext, fileIds: string[], regionCode: string) {
    for (const f of fileIds) await deps.files.claim(tx, ctx, f, { access: 'staff', regionCode, purposes: ['document', 'image'], field: 'certificateFileIds' });
  }

  async function categoryNames() {
    return new Map((await deps.categories.list({ includeInactive: true })).items.map((c) => [c.code, c]));
  }

  async function presentMany(actor: Actor, rows: InstructorRow[]) {
    const codes = [...new Set(rows.map((r) => r.ownerRegionCode))];
    const names = await regions.namesByCode(codes);
    const instNames = await deps.institutions.namesOf([...new Set(rows.map((r) => r.ownerInstitutionId).filter((i): i is string => !!i))]);
    const files = await deps.files.describe(rows.flatMap((r) => r.certificateFileIds));
    const cats = await categoryNames();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as InstructorInput['kind'],
      // Personal data: always masked here; editors read the full number through the audited endpoint.
      phone: maskPhone(r.phone),
      residentLinked: !!r.residentUserId,
      specialities: r.specialities.map((code) => ({ code, nameZh: cats.get(code)?.nameZh ?? code, nameEn: cats.get(code)?.nameEn ?? code })),
      languages: r.languages,
      qualifications: r.qualifications,
      certificates: r.certificateFileIds
        .map((id) => files.get(id))
        .filter((f) => !!f)
        .map((f) => ({ id: f!.id, filename: f!.filename, contentType: f!.contentType, url: `/api/files/${f!.id}` })),
      bio: r.bio,
      availability: r.availability,
      ...presentOwner(r, names, instNames),
      vettingStatus: r.vettingStatus as VettingStatus,
      vettedByName: r.vettedByName,
      vettingReason: r.vettingReason,
      vettedAt: r.vettedAt?.toISOString() ?? null,
      canEdit: canEditOwned(actor, r),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }));
  }
  type InstructorView = Awaited<ReturnType<typeof presentMany>>[number];

  async function place(actor: Actor, input: { ownerRegionCode: string; ownerInstitutionId?: string | null }) {
    const owner = await regions.require(input.ownerRegionCode, 'ownerRegionCode');
    return placeOwned(actor, owner.code, input.ownerInstitutionId ?? null, (id) => deps.institutions.regionOf(id));
  }

  async function checkSpecialities(codes: string[]) {
    const cats = await categoryNames();
    const unknown = codes.find((c) => !cats.get(c)?.active);
    if (unknown) throw invalidField('specialities', 'instructor.unknown_category', { value: unknown });
  }

  async function checkResident(ctx: RequestContext, userId: string | null | undefined) {
    if (!userId) return;
    try {
      await deps.residents.get(ctx, userId);
    } catch (e) {
      if (e instanceof DomainError) throw invalidField('residentUserId', 'instructor.resident_not_found');
      throw e;
    }
  }

  /** What Chinese search matches: the name, the specialities' names and examples' categories, the bio, qualifications and languages. */
  function searchTextOf(
    i: { name: string; specialities: string[]; bio?: string | null; qualifications?: string | null; languages?: string[] },
    cats: Map<string, { nameZh: string; nameEn: string }>,
  ) {
    return buildSearchText(
      i.name,
      i.specialities.map((c) => `${cats.get(c)?.nameZh ?? ''} ${cats.get(c)?.nameEn ?? ''}`).join(' '),
      i.bio,
      i.qualifications,
      (i.languages ?? []).join(' '),
    );
  }

  function toRow(
    input: InstructorInput,
    placed: { ownerRegionCode: string; ownerInstitutionId: string | null },
    cats: Map<string, { nameZh: string; nameEn: string }>,
  ) {
    return {
      name: input.name,
      kind: input.kind,
      phone: input.phone,
      residentUserId: input.residentUserId ?? null,
      specialities: [...new Set(input.specialities)],
      languages: input.languages ?? [],
      qualifications: input.qualifications || null,
      certificateFileIds: input.certificateFileIds ?? [],
      bio: input.bio || null,
      availability: input.availability ?? [],
      ...placed,
      shared: input.shared ?? false,
      searchText: searchTextOf(input, cats),
    };
  }

  const duplicatePhone = () => new Conflict('instructor.duplicate_phone', {}, { fields: { phone: 'instructor.duplicate_phone' } });

  function filterOf(actor: Actor, q: Omit<InstructorListQuery, 'page' | 'pageSize' | 'sort'>): InstructorFilter {
    return { ...ownedPoolFilter(actor, q), kind: q.kind, category: q.category, vettingStatus: q.vettingStatus };
  }

  async function vet(ctx: RequestContext, actor: Actor, current: InstructorRow, to: VettingStatus, reason: string | null) {
    if (!canMoveVetting(current.vettingStatus as VettingStatus, to))
      throw new Conflict('instructor.vetting_transition', { from: `vetting.${current.vettingStatus}`, to: `vetting.${to}` });
    if (needsReason(to) && !reason) throw invalidField('reason', 'instructor.reason_required');
    const row = await deps.db.transaction(async (tx) => {
      const updated = await repo.setVetting(tx, current.id, fromStatesOf(to), {
        vettingStatus: to,
        vettedBy: actor.userId,
        vettedByName: actor.displayName.slice(0, 64),
        vettingReason: reason,
        vettedAt: clock.now(),
      });
      if (!updated) return null;
      await deps.audit(tx, ctx, {
        action: `instructor.vetting.${to}`,
        entityType: 'instructor',
        entityId: current.id,
        regionCode: current.ownerRegionCode,
        details: { from: current.vettingStatus, to, reason },
      });
      return updated;
    });
    if (!row) throw new Conflict('conflict.stale');
    return row;
  }

  // Shared from above: visible and usable, but only its owner changes it (`readOnly`).
  const reads = ownedPoolReads({ repo, filterOf, presentMany, regionNames: regions.names, notFound: 'instructor.not_found', readOnly: 'instructor.read_only' });

  return {
    /** For the public catalogue: name, specialities, bio and qualifications; never the phone. */
    async publicCards(ids: string[]) {
      const rows = await repo.findMany(distinctUuids(ids));
      const cats = await categoryNames();
      return new Map(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            name: r.name,
            bio: r.bio,
            qualifications: r.qualifications,
            languages: r.languages,
            specialities: r.specialities.map((code) => ({ code, nameZh: cats.get(code)?.nameZh ?? code, nameEn: cats.get(code)?.nameEn ?? code })),
          },
        ]),
      );
    },

    /** The resident account bound to an instructor and their vetting status, for classes that assign them. */
    async assignmentOf(id: string) {
      const row = isUuid(id) ? await repo.find(id) : null;
      return row ? { residentUserId: row.residentUserId, vettingStatus: row.vettingStatus as VettingStatus } : null;
    },

    presentMany,
    filterOf,
    toRow,
    categoryNames,
    iterate: (f: InstructorFilter) => repo.iterate(f),
    existingPhones: (phones: string[]) => repo.existingPhones(phones),

    list: reads.list,
    get: reads.get,

    /** The full phone number, for the editors who own the entry; every read leaves an audit entry. */
    async revealPhone(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      const row = await reads.loadEditable(actor, id);
      await deps.db.transaction((tx) =>
        deps.audit(tx, ctx, { action: 'instructor.phone_read', entityType: 'instructor', entityId: id, regionCode: row.ownerRegionCode }),
      );
      return { phone: row.phone };
    },

    async create(ctx: RequestContext, input: InstructorInput): Promise<InstructorView> {
      const actor = requireStaff(ctx);
      const placed = await place(actor, input);
      await checkSpecialities(input.specialities);
      await checkResident(ctx, input.residentUserId);
      if ((await repo.existingPhones([input.phone])).size) throw duplicatePhone();
      const cats = await categoryNames();
      const id = newId();
      await refuseDuplicate(
        () =>
          deps.db.transaction(async (tx) => {
            await repo.insertMany(tx, [{ id, ...toRow(input, placed, cats) }]);
            await claimCertificates(tx, ctx, input.certificateFileIds ?? [], placed.ownerRegionCode);
            await deps.audit(tx, ctx, {
              action: 'instructor.create',
              entityType: 'instructor',
              entityId: id,
              regionCode: placed.ownerRegionCode,
              details: { ...input, phone: maskPhone(input.phone) },
            });
          }),
        duplicatePhone,
      );
      return (await presentMany(actor, [(await repo.find(id))!]))[0];
    },

    async update(ctx: RequestContext, id: string, patch: InstructorPatch, expectedVersion?: number): Promise<InstructorView> {
      const actor = requireStaff(ctx);
      const current = await reads.loadEditable(actor, id);
      const owner = ownerAfterPatch(current, patch);
      const moves = patch.ownerRegionCode !== undefined || patch.ownerInstitutionId !== undefined;
      const placed = moves ? await place(actor, owner) : owner;
      if (patch.specialities) await checkSpecialities(patch.specialities);
      if (patch.residentUserId) await checkResident(ctx, patch.residentUserId);
      if (patch.phone && patch.phone !== current.phone && (await repo.existingPhones([patch.phone])).size) throw duplicatePhone();
      const merged = { ...current, ...givenFields(patch) } as InstructorInput;
      const newFiles = (patch.certificateFileIds ?? []).filter((f) => !current.certificateFileIds.includes(f));
      const cats = await categoryNames();
      const updated = await refuseDuplicate(
        () =>
          deps.db.transaction(async (tx) => {
            const row = await repo.update(tx, id, toRow(merged, placed, cats), expectedVersion);
            if (!row) return null;
            await claimCertificates(tx, ctx, newFiles, placed.ownerRegionCode);
            await deps.audit(tx, ctx, {
              action: 'instructor.update',
              entityType: 'instructor',
              entityId: id,
              regionCode: placed.ownerRegionCode,
              details: { ...patch, ...(patch.phone && { phone: maskPhone(patch.phone) }) },
            });
            return row;
          }),
        duplicatePhone,
      );
      if (!updated) throw new Conflict('conflict.stale');
      return (await presentMany(actor, [updated]))[0];
    },

    async setVetting(ctx: RequestContext, id: string, input: { status: VettingStatus; reason?: string | null }): Promise<InstructorView> {
      const actor = requireStaff(ctx);
      const current = await reads.loadEditable(actor, id);
      return (await presentMany(actor, [await vet(ctx, actor, current, input.status, input.reason?.trim() || null)]))[0];
    },

    /** Approve, suspend, share or unshare many at once; entries the caller may not change, or that cannot move, are reported. */
    async bulk(ctx: RequestContext, input: { ids: string[]; action: BulkAction; reason?: string | null }) {
      const actor = requireStaff(ctx);
      if (input.action === 'suspend' && !input.reason?.trim()) throw invalidField('reason', 'instructor.reason_required');
      const { editable, skipped } = await findBulkTargets(actor, input.ids, (ids) => repo.findMany(ids));
      let updated = 0;
      for (const row of editable) {
        if (input.action === 'approve' || input.action === 'suspend') {
          const to: VettingStatus = input.action === 'approve' ? 'approved' : 'suspended';
          if (!canMoveVetting(row.vettingStatus as VettingStatus, to)) {
            skipped.push({ id: row.id, reason: 'not_applicable' });
            continue;
          }
          await vet(ctx, actor, row, to, input.reason?.trim() || null);
        } else {
          const shared = input.action === 'share';
          await deps.db.transaction(async (tx) => {
            await repo.update(tx, row.id, { shared });
            await deps.audit(tx, ctx, { action: `instructor.${input.action}`, entityType: 'instructor', entityId: row.id, regionCode: row.ownerRegionCode });
          });
        }
        updated++;
      }
      return { updated, skipped };
    },

    summary: reads.summary,

    /** Import: rows already checked, all written or none (db/bulk-insert.ts). */
    async createMany(ctx: RequestContext, rows: ReturnType<typeof toRow>[], onProgress?: (done: number) => void) {
      const prepared = rows.map((r) => ({ id: newId(), ...r }));
      // Another import or edit may take a phone between the check and the write.
      return refuseDuplicate(() => importWithAudit(deps.audit, ctx, 'instructor', prepared, repo.importAll, onProgress), duplicatePhone);
    },

    /** For other modules: names of instructors by id. */
    async namesOf(ids: string[]): Promise<Map<string, string>> {
      return new Map((ids.length ? await repo.findMany(ids) : []).map((r) => [r.id, r.name]));
    },
  };
}

export type InstructorsService = ReturnType<typeof createInstructorsService>;
