// The course taxonomy shared by the course library and the instructor pool. Everyone reads it; the
// district office (a region administrator of the installation's root, or the system administrator) edits it.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import type { CategoryInput, CategoryPatch } from '../../../contracts/categories';
import type { CategoriesRepository, CategoryRow } from './categories.repository';

const present = (r: CategoryRow) => ({
  code: r.code,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  examples: r.examples,
  sort: r.sort,
  active: r.active,
  version: r.version,
});
export type Category = ReturnType<typeof present>;

/** English names for the seeded categories (data/course-taxonomy.json has Chinese names only). */
const SEED_NAMES_EN: Record<string, string> = {
  SHUHUA: 'Calligraphy and painting',
  SHENGYUE_XIQU: 'Singing and opera',
  QIYUE: 'Musical instruments',
  WUDAO: 'Dance and movement',
  TIYU: 'Sports and fitness',
  XINXI: 'Digital skills',
  SHEYING: 'Photography',
  WENSHI: 'History, literature and languages',
  YANGSHENG: 'Health and wellbeing',
  SHOUZUO_JIAZHENG: 'Crafts, intangible heritage and homemaking',
  JIATING: 'Family education and parenting',
  ZHIYE: 'Vocational skills and new citizens',
};

export function createCategoriesService(deps: { db: Db; repo: CategoriesRepository; audit: AuditWriter; rootCode: () => Promise<string | null> }) {
  const { db, repo, audit } = deps;

  // The taxonomy is read by most pages and changes a few times a year: kept per process until the change
  // feed says the table changed (platform.ts calls `forget`).
  let rowsCache: Promise<CategoryRow[]> | null = null;
  function allRows() {
    if (rowsCache) return rowsCache;
    const loading = repo.all();
    rowsCache = loading;
    loading.catch(() => {
      if (rowsCache === loading) rowsCache = null;
    });
    return loading;
  }

  async function list(opts: { includeInactive?: boolean } = {}) {
    const rows = await allRows();
    return { items: rows.filter((r) => opts.includeInactive || r.active).map(present) };
  }

  /** A category by code for validation, as a field error naming `field`. */
  async function require(code: string, field = 'category'): Promise<Category> {
    const row = await repo.byCode(code);
    if (!row || !row.active) throw invalidField(field, 'category.not_found');
    return present(row);
  }

  /** Finds categories by what staff write in a spreadsheet: the code, the Chinese or English name. */
  async function resolver(): Promise<(text: string) => string | null> {
    const rows = await repo.active();
    const byText = new Map<string, string>();
    for (const r of rows) for (const t of [r.code, r.nameZh, r.nameEn, r.nameZh.replace(/[（(].*[)）]/, '')]) byText.set(t.trim().toLowerCase(), r.code);
    return (text) => byText.get(text.trim().toLowerCase()) ?? null;
  }

  async function requireEditor(ctx: RequestContext) {
    const actor = ctx.actor;
    if (!actor) throw new Unauthenticated('auth.required');
    if (actor.role === 'system_admin') return actor;
    const root = await deps.rootCode();
    if (actor.role === 'region_admin' && root && actor.regionCodes.some((c) => root.startsWith(c))) return actor;
    throw new Forbidden('auth.forbidden');
  }

  async function create(ctx: RequestContext, input: CategoryInput) {
    await requireEditor(ctx);
    return db.transaction(async (tx) => {
      if (await repo.byCode(input.code, tx)) throw invalidField('code', 'category.duplicate');
      const row = await repo.insert(tx, input);
      await audit(tx, ctx, { action: 'category.create', entityType: 'course_category', entityId: row.code, details: { ...input } });
      return present(row);
    });
  }

  async function update(ctx: RequestContext, code: string, patch: CategoryPatch, expectedVersion?: number) {
    await requireEditor(ctx);
    return db.transaction(async (tx) => {
      const row = await repo.lockByCode(tx, code);
      if (!row) throw new NotFound('category.not_found');
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw new Conflict('conflict.stale');
      const updated = await repo.update(tx, code, patch);
      await audit(tx, ctx, { action: 'category.update', entityType: 'course_category', entityId: code, details: { ...patch } });
      return present(updated);
    });
  }

  /** Loads the shipped taxonomy on first start. */
  async function seed(tx: DbOrTx, taxonomy: { categories: { code: string; name: string; courses: string[] }[] }) {
    const rows = taxonomy.categories.map((c, i) => ({
      code: c.code,
      nameZh: c.name,
      nameEn: SEED_NAMES_EN[c.code] ?? c.code,
      examples: c.courses,
      sort: (i + 1) * 10,
    }));
    await repo.insertMissing(tx, rows);
  }

  return {
    list,
    require,
    resolver,
    create,
    update,
    seed,
    forget: () => {
      rowsCache = null;
    },
  };
}

export type CategoriesService = ReturnType<typeof createCategoriesService>;
