// The course library: courses owned at district, street or community level and shared downwards, searched in
// Chinese, published to the portal with their digital resources, and residents' online learning progress.
import type { Db, DbOrTx } from '../../db/client';
import { importWithAudit, type AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { buildSearchQuery, buildSearchText } from '../../kernel/search-text';
import { offsetOf, type Page, type PageRequest, pageOf } from '../../kernel/pagination';
import { canOwnIn, canSeeOwned, findVisibleOwned, presentOwner } from '../../kernel/ownership';
import type {
  CourseContent,
  CourseInput,
  CourseMode,
  CoursePatch,
  CourseStatus,
  ProgressInput,
  ResourceInput,
  ResourcePatch,
  TargetGroup,
  COURSE_BULK_ACTIONS,
} from '../../../contracts/courses';
import type { RegionsService } from '../regions/index';
import type { InstitutionsService } from '../institutions/index';
import type { CategoriesService } from '../categories/index';
import type { FilesService, FilePurpose } from '../files/index';
import { canAuthorCourses, canEditCourse, canFeatureCourse, completesResource, resourceFileAccess } from './courses.policy';
import type { CourseFilter, CourseRow, CoursesRepository, ResourceRow } from './courses.repository';

export interface CourseListQuery extends PageRequest {
  q?: string;
  sort?: string;
  region?: string;
  level?: 'district' | 'street' | 'community';
  status?: string;
  category?: string;
  mode?: string;
  targetGroup?: string;
  featured?: 'true' | 'false';
  shared?: 'true' | 'false';
  provenance?: string;
  callId?: string;
}
export interface CatalogQuery extends PageRequest {
  q?: string;
  sort?: string;
  category?: string;
  mode?: string;
  targetGroup?: string;
  featured?: 'true' | 'false';
}

/** What the calls module passes when an accepted or purchased proposal enters the library. */
export interface CourseFromProposal {
  content: CourseContent;
  ownerRegionCode: string;
  callId: string;
  proposalId: string;
  priceFen: number | null;
  contractNo: string | null;
  supplier: string | null;
}

const RESOURCE_PURPOSES: Record<string, FilePurpose[]> = { video: ['video'], audio: ['audio'], document: ['document'] };
const MATERIAL_PURPOSES: FilePurpose[] = ['document', 'image', 'video', 'audio'];

export function createCoursesService(deps: {
  db: Db;
  repo: CoursesRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  institutions: InstitutionsService;
  categories: CategoriesService;
  files: FilesService;
}) {
  const { db, repo, audit, clock, regions, files } = deps;

  async function categoryNames(locale: string) {
    const { items } = await deps.categories.list({ includeInactive: true });
    return new Map(items.map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameZh]));
  }

  async function presentMany(ctx: RequestContext, rows: CourseRow[], opts: { full?: boolean } = {}) {
    const actor = ctx.actor;
    const codes = [...new Set(rows.flatMap((r) => [r.ownerRegionCode]))];
    const [names, cats, insts, counts, materials] = await Promise.all([
      regions.namesByCode(codes),
      categoryNames(ctx.locale),
      deps.institutions.namesOf([...new Set(rows.map((r) => r.ownerInstitutionId).filter((x): x is string => !!x))]),
      repo.publishedResourceCounts(rows.map((r) => r.id)),
      opts.full ? files.describe(rows.flatMap((r) => r.materialFileIds)) : Promise.resolve(new Map()),
    ]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      categoryName: cats.get(r.category) ?? r.category,
      // Stored from the checked input only.
      targetGroups: r.targetGroups as TargetGroup[],
      mode: r.mode as CourseMode,
      learningHours: Number(r.learningHours),
      description: r.description,
      ...(opts.full ? { syllabus: r.syllabus, materials: r.materialFileIds.map((id) => materials.get(id)).filter(Boolean) } : {}),
      ...presentOwner(r, names, insts),
      featured: r.featured,
      status: r.status as CourseStatus,
      provenance: { kind: r.provenance, callId: r.callId, proposalId: r.proposalId, priceFen: r.priceFen, contractNo: r.contractNo, supplier: r.supplier },
      publishedResources: counts.get(r.id) ?? 0,
      canEdit: !!actor && isStaff(actor) && canEditCourse(actor, r),
      canFeature: !!actor && isStaff(actor) && canFeatureCourse(actor, r),
      publishedAt: r.publishedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
    }));
  }

  /** What residents see of a published course: no owner internals, no purchase terms. */
  async function presentPublic(ctx: RequestContext, rows: CourseRow[], full = false) {
    const items = await presentMany(ctx, rows, { full: false });
    return items.map((c, i) => ({
      id: c.id,
      title: c.title,
      category: c.category,
      categoryName: c.categoryName,
      targetGroups: c.targetGroups,
      mode: c.mode,
      learningHours: c.learningHours,
      description: c.description,
      ownerRegionName: c.ownerRegionName,
      ownerInstitutionName: c.ownerInstitutionName,
      featured: c.featured,
      publishedResources: c.publishedResources,
      ...(full ? { syllabus: rows[i].syllabus } : {}),
    }));
  }

  async function presentResources(ctx: RequestContext, rows: ResourceRow[], forStaff: boolean) {
    const [meta, mine, counts] = await Promise.all([
      files.describe(rows.map((r) => r.fileId).filter((x): x is string => !!x)),
      ctx.actor
        ? repo.progressOf(
            ctx.actor.userId,
            rows.map((r) => r.id),
          )
        : Promise.resolve([]),
      forStaff ? repo.progressCounts(rows.map((r) => r.id)) : Promise.resolve(new Map()),
    ]);
    const progress = new Map(mine.map((p) => [p.resourceId, p]));
    return rows.map((r) => {
      const p = progress.get(r.id);
      const f = r.fileId ? meta.get(r.fileId) : null;
      return {
        id: r.id,
        courseId: r.courseId,
        kind: r.kind,
        title: r.title,
        url: r.url ?? f?.url ?? null,
        file: f ? { id: f.id, filename: f.filename, contentType: f.contentType, size: f.size } : null,
        durationSeconds: r.durationSeconds,
        sort: r.sort,
        status: r.status,
        myProgress: p
          ? {
              positionSeconds: p.positionSeconds,
              furthestSeconds: p.furthestSeconds,
              secondsSpent: p.secondsSpent,
              completed: !!p.completedAt,
              updatedAt: p.updatedAt.toISOString(),
            }
          : null,
        ...(forStaff
          ? { learners: counts.get(r.id)?.learners ?? 0, completions: counts.get(r.id)?.completed ?? 0, secondsSpent: counts.get(r.id)?.secondsSpent ?? 0 }
          : {}),
      };
    });
  }

  /** A course's content as stored (db/schema/columns.ts), in the library or in a proposal to a call. */
  function contentRow(input: CourseContent, materialFileIds: string[]) {
    return {
      title: input.title,
      category: input.category,
      targetGroups: input.targetGroups,
      mode: input.mode,
      learningHours: String(input.learningHours),
      description: input.description,
      syllabus: input.syllabus,
      materialFileIds,
    };
  }

  /** Uploaded materials of a course or a proposal, claimed for the staff of the region that owns it; their ids. */
  async function claimMaterials(tx: DbOrTx, ctx: RequestContext, fileIds: string[], regionCode: string): Promise<string[]> {
    const claimed: string[] = [];
    for (const fileId of fileIds)
      claimed.push((await files.claim(tx, ctx, fileId, { access: 'staff', regionCode, purposes: MATERIAL_PURPOSES, field: 'materialFileIds' })).id);
    return claimed;
  }

  /** A new course's row, typed in or imported alike. */
  function newCourseRow(
    input: CourseInput,
    made: {
      id: string;
      regionCode: string;
      institutionId: string | null;
      materialFileIds: string[];
      provenance: 'direct' | 'imported';
      categoryName: string;
      createdBy: string;
      now: Date;
    },
  ) {
    return {
      id: made.id,
      ...contentRow(input, made.materialFileIds),
      ownerRegionCode: made.regionCode,
      ownerInstitutionId: made.institutionId,
      shared: input.shared,
      featured: input.featured,
      status: input.status,
      provenance: made.provenance,
      searchText: searchTextOf(input, made.categoryName),
      createdBy: made.createdBy,
      publishedAt: input.status === 'published' ? made.now : null,
      createdAt: made.now,
      updatedAt: made.now,
    };
  }

  const loadVisible = (actor: Actor, id: string): Promise<CourseRow> => findVisibleOwned(actor, id, repo.find, 'course.not_found');

  async function loadEditable(actor: Actor, id: string): Promise<CourseRow> {
    const row = await loadVisible(actor, id);
    if (!canEditCourse(actor, row)) throw new Forbidden('course.read_only');
    return row;
  }

  /** The filter a list, summary or export runs with: what the caller may see, narrowed by the query. */
  async function scopedFilter(actor: Actor, q: Omit<CourseListQuery, 'page' | 'pageSize'>): Promise<CourseFilter> {
    const filter: CourseFilter = {
      viewerRoots: visibleRegionRoots(actor),
      level: q.level,
      status: q.status,
      category: q.category,
      mode: q.mode,
      targetGroup: q.targetGroup,
      provenance: q.provenance,
      featured: q.featured === undefined ? undefined : q.featured === 'true',
      shared: q.shared === undefined ? undefined : q.shared === 'true',
      callId: q.callId && isUuid(q.callId) ? q.callId : undefined,
      tsQuery: q.q ? buildSearchQuery(q.q) : null,
    };
    if (q.region) filter.ownerRoots = [(await regions.require(q.region, 'region')).code];
    return filter;
  }

  const searchTextOf = (c: { title: string; description?: string | null; syllabus?: string | null }, categoryName?: string) =>
    buildSearchText(c.title, categoryName, c.description, c.syllabus);

  /** Validates the content of a course or proposal that refers to other modules (category). */
  async function checkContent(content: Partial<CourseContent>) {
    if (content.category !== undefined) await deps.categories.require(content.category, 'category');
  }

  /** Where a new course is filed: the requested region/institution if the author may own there, else their own. */
  async function placeCourse(actor: Actor, input: { ownerRegionCode?: string; ownerInstitutionId?: string | null }) {
    let institutionId = input.ownerInstitutionId ?? null;
    if (!institutionId && actor.role === 'institution_staff') institutionId = actor.institutions[0]?.id ?? null;
    let regionCode: string;
    if (input.ownerRegionCode) regionCode = (await regions.require(input.ownerRegionCode, 'ownerRegionCode')).code;
    else if (institutionId) regionCode = (await deps.institutions.regionOf(institutionId)) ?? '';
    else regionCode = actor.regionCodes[0] ?? '';
    if (institutionId && (!isUuid(institutionId) || (await deps.institutions.regionOf(institutionId)) !== regionCode))
      throw invalidField('ownerInstitutionId', 'course.owner_institution');
    if (!regionCode || !canOwnIn(actor, regionCode, institutionId)) throw invalidField('ownerRegionCode', 'region.out_of_scope');
    return { regionCode, institutionId };
  }

  /** Makes each resource file of a course public or staff-only to match its and the course's status. */
  async function syncResourceAccess(tx: DbOrTx, course: CourseRow) {
    const rows = await repo.resourcesOf([course.id], false, tx);
    const pub = rows.filter((r) => r.fileId && resourceFileAccess(course.status, r.status) === 'public').map((r) => r.fileId!);
    const staff = rows.filter((r) => r.fileId && resourceFileAccess(course.status, r.status) === 'staff').map((r) => r.fileId!);
    await files.setAccess(tx, pub, 'public');
    await files.setAccess(tx, staff, 'staff');
  }

  function changesFor(patch: CoursePatch, merged: CourseRow & CoursePatch, catName: string | undefined, now: Date, current: CourseRow) {
    return {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.category !== undefined && { category: patch.category }),
      ...(patch.targetGroups !== undefined && { targetGroups: patch.targetGroups }),
      ...(patch.mode !== undefined && { mode: patch.mode }),
      ...(patch.learningHours !== undefined && { learningHours: String(patch.learningHours) }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.syllabus !== undefined && { syllabus: patch.syllabus }),
      ...(patch.shared !== undefined && { shared: patch.shared }),
      ...(patch.featured !== undefined && { featured: patch.featured }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.status === 'published' && !current.publishedAt && { publishedAt: now }),
      searchText: searchTextOf(merged, catName),
      updatedAt: now,
    };
  }

  async function getCourse(ctx: RequestContext, id: string) {
    const actor = requireStaff(ctx);
    const row = await loadVisible(actor, id);
    const [course] = await presentMany(ctx, [row], { full: true });
    return { ...course, resources: await presentResources(ctx, await repo.resourcesOf([row.id]), true) };
  }

  /** A resource for the player: published ones of published courses for everyone, any for staff who see the course. */
  async function getResource(ctx: RequestContext, id: string) {
    const resource = isUuid(id) ? await repo.findResource(id) : null;
    const course = resource ? await repo.find(resource.courseId) : null;
    if (!resource || !course) throw new NotFound('course.resource_not_found');
    const isPublic = course.status === 'published' && resource.status === 'published';
    const staffView = !!ctx.actor && isStaff(ctx.actor) && canSeeOwned(ctx.actor, course);
    if (!isPublic && !staffView) throw new NotFound('course.resource_not_found');
    const [item] = await presentResources(ctx, [resource], false);
    return { ...item, course: { id: course.id, title: course.title } };
  }

  return {
    scopedFilter,
    presentMany,
    iterate: (f: CourseFilter) => repo.iterate(f),
    existingTitles: (pairs: { ownerRegionCode: string; title: string }[]) => repo.existingTitles(pairs),
    placeCourse,

    async list(ctx: RequestContext, q: CourseListQuery): Promise<Page<Awaited<ReturnType<typeof presentMany>>[number]>> {
      const actor = requireStaff(ctx);
      const filter = await scopedFilter(actor, q);
      const { rows, total } = await repo.list({ ...filter, sort: q.sort, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentMany(ctx, rows), total);
    },

    async summary(ctx: RequestContext, q: Omit<CourseListQuery, 'page' | 'pageSize'>) {
      const actor = requireStaff(ctx);
      const s = await repo.summary(await scopedFilter(actor, q));
      const [streetNames, cats] = await Promise.all([regions.namesByCode(s.byStreet.map((x) => x.key)), categoryNames(ctx.locale)]);
      return {
        ...s,
        byStreet: s.byStreet.map((x) => ({ ...x, name: streetNames.get(x.key) ?? x.key })).sort((a, b) => a.key.localeCompare(b.key)),
        byCategory: s.byCategory.map((x) => ({ ...x, name: cats.get(x.key) ?? x.key })).sort((a, b) => b.count - a.count),
      };
    },

    get: getCourse,

    /** For other modules (classes): a course the caller may see, or NotFound. */
    async getVisible(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      const [course] = await presentMany(ctx, [await loadVisible(actor, id)]);
      return course;
    },

    async create(ctx: RequestContext, input: CourseInput, provenance: 'direct' | 'imported' = 'direct') {
      const actor = requireStaff(ctx);
      if (!canAuthorCourses(actor)) throw new Forbidden('auth.forbidden');
      await checkContent(input);
      const place = await placeCourse(actor, input);
      if (input.featured && !canFeatureCourse(actor, { ownerRegionCode: place.regionCode, ownerInstitutionId: place.institutionId, shared: input.shared }))
        throw invalidField('featured', 'course.feature_forbidden');
      const cat = await deps.categories.require(input.category, 'category');
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const materialFileIds = await claimMaterials(tx, ctx, input.materialFileIds, place.regionCode);
        await repo.insertMany(tx, [
          newCourseRow(input, {
            id,
            regionCode: place.regionCode,
            institutionId: place.institutionId,
            materialFileIds,
            provenance,
            categoryName: cat.nameZh,
            createdBy: actor.userId,
            now,
          }),
        ]);
        await audit(tx, ctx, {
          action: 'course.create',
          entityType: 'course',
          entityId: id,
          regionCode: place.regionCode,
          details: { title: input.title, category: input.category, status: input.status },
        });
      });
      return getCourse(ctx, id);
    },

    async update(ctx: RequestContext, id: string, patch: CoursePatch, expectedVersion?: number) {
      const actor = requireStaff(ctx);
      const current = await loadEditable(actor, id);
      if (patch.featured !== undefined && patch.featured !== current.featured && !canFeatureCourse(actor, current))
        throw invalidField('featured', 'course.feature_forbidden');
      await checkContent(patch);
      const cat = await deps.categories.require(patch.category ?? current.category, 'category').catch(() => null);
      const merged = { ...current, ...patch } as CourseRow & CoursePatch;
      const now = clock.now();
      const updated = await db.transaction(async (tx) => {
        const extra = await claimMaterials(
          tx,
          ctx,
          (patch.materialFileIds ?? []).filter((f) => !current.materialFileIds.includes(f)),
          current.ownerRegionCode,
        );
        const changes = {
          ...changesFor(patch, merged, cat?.nameZh, now, current),
          ...(patch.materialFileIds !== undefined && {
            materialFileIds: patch.materialFileIds.filter((f) => current.materialFileIds.includes(f) || extra.includes(f)),
          }),
        };
        const row = await repo.update(tx, id, changes, expectedVersion);
        if (!row) return null;
        if (patch.status !== undefined && patch.status !== current.status) await syncResourceAccess(tx, row);
        await audit(tx, ctx, {
          action:
            patch.status && patch.status !== current.status
              ? `course.${patch.status === 'published' ? 'publish' : patch.status === 'archived' ? 'archive' : 'unpublish'}`
              : 'course.update',
          entityType: 'course',
          entityId: id,
          regionCode: current.ownerRegionCode,
          details: { ...patch },
        });
        return row;
      });
      if (!updated) throw new Conflict('conflict.stale');
      return getCourse(ctx, id);
    },

    /** One action on many selected courses, all or nothing: every course must be the caller's to change. */
    async bulk(ctx: RequestContext, input: { ids: string[]; action: (typeof COURSE_BULK_ACTIONS)[number] }) {
      const actor = requireStaff(ctx);
      const ids = [...new Set(input.ids)];
      const rows = await repo.findMany(ids.filter(isUuid));
      const byId = new Map(rows.map((r) => [r.id, r]));
      const feature = input.action === 'feature' || input.action === 'unfeature';
      const refused = ids.filter((id) => {
        const r = byId.get(id);
        return !r || !canSeeOwned(actor, r) || !canEditCourse(actor, r) || (feature && !canFeatureCourse(actor, r));
      });
      if (refused.length) throw new Forbidden('course.bulk_refused', { count: refused.length }, { ids: refused });
      const patch: { status?: 'published' | 'draft' | 'archived'; featured?: boolean; shared?: boolean } = {
        publish: { status: 'published' as const },
        unpublish: { status: 'draft' as const },
        archive: { status: 'archived' as const },
        feature: { featured: true },
        unfeature: { featured: false },
        share: { shared: true },
        unshare: { shared: false },
      }[input.action];
      const now = clock.now();
      await db.transaction(async (tx) => {
        for (const current of rows) {
          const row = await repo.update(tx, current.id, {
            ...patch,
            ...(patch.status === 'published' && !current.publishedAt && { publishedAt: now }),
            updatedAt: now,
          });
          if (row && patch.status) await syncResourceAccess(tx, row);
        }
        await audit(tx, ctx, { action: `course.bulk_${input.action}`, entityType: 'course', regionCode: rows[0]?.ownerRegionCode ?? null, details: { ids } });
      });
      return { updated: rows.length };
    },

    /** For imports: many courses in one transaction. */
    async createMany(
      ctx: RequestContext,
      items: { input: CourseInput; regionCode: string; institutionId: string | null; categoryName: string }[],
      onProgress?: (done: number) => void,
    ) {
      const actor = requireStaff(ctx);
      const now = clock.now();
      const prepared = items.map(({ input, regionCode, institutionId, categoryName }) =>
        newCourseRow(input, {
          id: newId(),
          regionCode,
          institutionId,
          materialFileIds: [],
          provenance: 'imported',
          categoryName,
          createdBy: actor.userId,
          now,
        }),
      );
      return importWithAudit(audit, ctx, 'course', prepared, repo.importAll, onProgress);
    },

    /**
     * For the calls module, inside its decision transaction: the accepted or purchased proposal enters the
     * library, published and shared by the office that ran the call, with its provenance.
     */
    async createFromProposal(tx: DbOrTx, ctx: RequestContext, p: CourseFromProposal, categoryName: string) {
      const id = newId();
      const now = clock.now();
      await repo.insertMany(tx, [
        {
          id,
          title: p.content.title,
          category: p.content.category,
          targetGroups: p.content.targetGroups,
          mode: p.content.mode,
          learningHours: String(p.content.learningHours),
          description: p.content.description,
          syllabus: p.content.syllabus,
          materialFileIds: p.content.materialFileIds,
          ownerRegionCode: p.ownerRegionCode,
          ownerInstitutionId: null,
          shared: true,
          featured: false,
          status: 'published',
          provenance: 'call',
          callId: p.callId,
          proposalId: p.proposalId,
          priceFen: p.priceFen,
          contractNo: p.contractNo,
          supplier: p.supplier,
          searchText: searchTextOf(p.content, categoryName),
          createdBy: ctx.actor?.userId ?? null,
          publishedAt: now,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await audit(tx, ctx, {
        action: 'course.create_from_call',
        entityType: 'course',
        entityId: id,
        regionCode: p.ownerRegionCode,
        details: { callId: p.callId, proposalId: p.proposalId },
      });
      return id;
    },

    // Resources

    async addResource(ctx: RequestContext, courseId: string, input: ResourceInput) {
      const actor = requireStaff(ctx);
      const course = await loadEditable(actor, courseId);
      if (input.kind === 'link' ? !input.url : !input.fileId) throw invalidField(input.kind === 'link' ? 'url' : 'fileId', 'validation.required');
      const id = newId();
      await db.transaction(async (tx) => {
        const file =
          input.kind === 'link'
            ? null
            : await files.claim(tx, ctx, input.fileId!, {
                access: resourceFileAccess(course.status, input.status),
                regionCode: course.ownerRegionCode,
                purposes: RESOURCE_PURPOSES[input.kind],
                field: 'fileId',
              });
        await repo.insertResource(tx, {
          id,
          courseId,
          kind: input.kind,
          title: input.title,
          fileId: file?.id ?? null,
          url: input.kind === 'link' ? input.url! : null,
          durationSeconds: input.durationSeconds ?? null,
          sort: input.sort,
          status: input.status,
          createdAt: clock.now(),
        });
        await repo.update(tx, courseId, { updatedAt: clock.now() });
        await audit(tx, ctx, {
          action: 'course.resource_add',
          entityType: 'course',
          entityId: courseId,
          regionCode: course.ownerRegionCode,
          details: { resourceId: id, kind: input.kind, title: input.title },
        });
      });
      const [row] = await presentResources(ctx, [(await repo.findResource(id))!], true);
      return row;
    },

    async updateResource(ctx: RequestContext, resourceId: string, patch: ResourcePatch) {
      const actor = requireStaff(ctx);
      const resource = isUuid(resourceId) ? await repo.findResource(resourceId) : null;
      if (!resource) throw new NotFound('course.resource_not_found');
      const course = await loadEditable(actor, resource.courseId).catch((e) => {
        throw e instanceof NotFound ? new NotFound('course.resource_not_found') : e;
      });
      await db.transaction(async (tx) => {
        const row = await repo.updateResource(tx, resourceId, patch);
        if (row.fileId) await files.setAccess(tx, [row.fileId], resourceFileAccess(course.status, row.status));
        await audit(tx, ctx, {
          action: 'course.resource_update',
          entityType: 'course',
          entityId: course.id,
          regionCode: course.ownerRegionCode,
          details: { resourceId, ...patch },
        });
      });
      const [row] = await presentResources(ctx, [(await repo.findResource(resourceId))!], true);
      return row;
    },

    // The public catalog (portal): published courses for everyone.

    async catalog(ctx: RequestContext, q: CatalogQuery) {
      const filter: CourseFilter = {
        viewerRoots: 'all',
        status: 'published',
        category: q.category,
        mode: q.mode,
        targetGroup: q.targetGroup,
        featured: q.featured === undefined ? undefined : q.featured === 'true',
        tsQuery: q.q ? buildSearchQuery(q.q) : null,
      };
      const { rows, total } = await repo.list({ ...filter, sort: q.sort, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentPublic(ctx, rows), total);
    },

    async catalogCourse(ctx: RequestContext, id: string) {
      const row = isUuid(id) ? await repo.find(id) : null;
      if (!row || row.status !== 'published') throw new NotFound('course.not_found');
      const [course] = await presentPublic(ctx, [row], true);
      return { ...course, resources: await presentResources(ctx, await repo.resourcesOf([row.id], true), false) };
    },

    resource: getResource,

    /** The player's report; idempotent, and the furthest point, time spent and completion never go back. */
    async recordProgress(ctx: RequestContext, id: string, input: ProgressInput) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      const userId = ctx.actor.userId;
      const resource = await getResource(ctx, id);
      const duration = resource.durationSeconds ?? input.durationSeconds ?? null;
      if (duration && input.positionSeconds > duration + 1) throw invalidField('positionSeconds', 'validation.max', { max: duration });
      const now = clock.now();
      const saved = await db.transaction(async (tx) => {
        const row = await repo.upsertProgress(tx, {
          resourceId: id,
          userId,
          positionSeconds: input.positionSeconds,
          secondsSpent: input.secondsSpent,
          durationSeconds: duration,
          completed: false,
          now,
        });
        if (
          !row.completedAt &&
          completesResource(resource.kind, {
            secondsSpent: row.secondsSpent,
            furthestSeconds: row.furthestSeconds,
            durationSeconds: row.durationSeconds,
            opened: input.opened,
          })
        ) {
          await repo.setCompleted(tx, id, userId, now);
          row.completedAt = now;
        }
        return row;
      });
      return {
        resourceId: id,
        positionSeconds: saved.positionSeconds,
        furthestSeconds: saved.furthestSeconds,
        secondsSpent: saved.secondsSpent,
        durationSeconds: saved.durationSeconds,
        completed: !!saved.completedAt,
        updatedAt: saved.updatedAt.toISOString(),
      };
    },

    /** "Continue where you left off": the signed-in user's recent resources. */
    async myProgress(ctx: RequestContext, page: PageRequest) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      const { rows, total } = await repo.recentProgress(ctx.actor.userId, page.pageSize, offsetOf(page));
      return pageOf(
        page,
        rows.map(({ p, r, c }) => ({
          resourceId: r.id,
          resourceTitle: r.title,
          kind: r.kind,
          courseId: c.id,
          courseTitle: c.title,
          positionSeconds: p.positionSeconds,
          durationSeconds: p.durationSeconds ?? r.durationSeconds,
          completed: !!p.completedAt,
          updatedAt: p.updatedAt.toISOString(),
        })),
        total,
      );
    },

    /** For the calls module: a category's Chinese name for search text. */
    categoryName: async (code: string) => (await deps.categories.require(code, 'category')).nameZh,
    checkContent,
    contentRow,
    claimMaterials,
    visibleRoots: (actor: Actor) => visibleRegionRoots(actor),
    assertImportable(actor: Actor) {
      if (!canAuthorCourses(actor)) throw new Forbidden('auth.forbidden');
    },
    invalid: (key: string) => new Invalid(key),
  };
}

export type CoursesService = ReturnType<typeof createCoursesService>;
