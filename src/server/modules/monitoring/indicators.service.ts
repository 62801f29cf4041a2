// The indicator system as data: definitions and standard sets (edited, every version kept), the
// computation of every indicator for every region of a subtree and a year with its provenance, and the
// results with compliance against the standards the district chose.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import type { RegionsService } from '../regions/index';
import {
  indicatorInput,
  standardSetBody,
  type IndicatorBody,
  type IndicatorInput,
  type StandardRule,
  type StandardSetBody,
  type StandardSetInput,
} from '../../../contracts/monitoring';
import { CATALOGUE_STANDARDS, catalogueIndicators, defaultStandardSets } from './monitoring.catalogue';
import {
  canAdministerMonitoring,
  canEditCatalogue,
  complianceOf,
  computationOrder,
  evaluateFormula,
  parseFormula,
  thresholdOf,
  type ComplianceStatus,
  type Formula,
} from './monitoring.policy';
import type { MonitoringRepository, ValueRow } from './monitoring.repository';
import type { QueryRegistry, RegionNode } from './monitoring.queries';
import { indicatorScore } from '../governance/index';
import { annualRuleOf, annualValue, combineCoverage, coverageOf, coverageText, type Assignment, type Coverage } from './coverage.policy';
import { localTime } from '../../../contracts/local-time';

export interface Definition extends IndicatorBody {
  code: string;
  version: number;
  sortOrder: number;
  updatedAt: string;
  queryAvailable: boolean | null;
  inputs: string[];
}
export interface Check {
  set: string;
  setName: string;
  op: '>=' | '<=';
  threshold: number;
  thresholdText: string;
  status: ComplianceStatus;
  note: string;
}
export interface IndicatorResult {
  code: string;
  nameZh: string;
  nameEn: string;
  area: string;
  unit: string;
  decimals: number;
  value: number | null;
  checks: Check[];
  status: ComplianceStatus | null;
  computedAt: string | null;
  definitionVersion: number | null;
  /** Of reported figures (and those derived from them): who of those who should have reported did; null for platform counts. */
  coverage: Coverage | null;
  coverageText: string | null;
  /** What a rate was counted from (numerator, denominator, …), as the named query recorded it; null otherwise. */
  detail: Record<string, unknown> | null;
}

const PROVENANCE_ITEMS = 50;

export function createIndicatorsService(deps: {
  db: Db;
  repo: MonitoringRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  queries: QueryRegistry;
  /** The repository on the read replica (DATABASE_READ_URL), for the results pages; else `repo`. */
  readRepo?: MonitoringRepository;
}) {
  const { repo, regions, queries, clock } = deps;
  const readRepo = deps.readRepo ?? repo;

  /** A region the caller may look at (its own subtree or an ancestor's of it is not enough: inside scope). */
  async function visibleRegion(actor: Actor, rawCode: string) {
    const region = await regions.require(rawCode, 'region').catch(() => {
      throw new NotFound('region.not_found');
    });
    const roots = visibleRegionRoots(actor);
    if (roots !== 'all' && !roots.some((r) => region.code.startsWith(r))) throw new NotFound('region.not_found');
    return region;
  }

  function inputsOf(body: IndicatorBody): string[] {
    return body.source.kind === 'derived' ? parseFormula(body.source.formula).inputs : [];
  }

  function present(row: { code: string; version: number; body: unknown; sortOrder: number; updatedAt: Date }): Definition {
    const body = row.body as IndicatorBody;
    return {
      code: row.code,
      version: row.version,
      sortOrder: row.sortOrder,
      updatedAt: row.updatedAt.toISOString(),
      ...body,
      queryAvailable: body.source.kind === 'computed' ? queries.get(body.source.query) !== null : null,
      inputs: inputsOf(body),
    };
  }

  async function definitions(): Promise<Definition[]> {
    return (await repo.definitions()).map(present);
  }

  /** Checks a definition against the rest of the catalogue: formula syntax, known inputs, no cycles. */
  function checkDefinition(code: string, body: IndicatorBody, all: Definition[]) {
    if (body.source.kind !== 'derived') return;
    let f: Formula;
    try {
      f = parseFormula(body.source.formula);
    } catch {
      throw invalidField('source.formula', 'indicator.formula_invalid');
    }
    const known = new Set(all.map((d) => d.code));
    const unknown = f.inputs.filter((i) => !known.has(i) && i !== code);
    if (unknown.length) throw invalidField('source.formula', 'indicator.formula_unknown', { codes: unknown.join(', ') });
    try {
      computationOrder([...all.filter((d) => d.code !== code).map((d) => ({ code: d.code, inputs: d.inputs })), { code, inputs: f.inputs }]);
    } catch {
      throw invalidField('source.formula', 'indicator.formula_cycle');
    }
  }

  async function standardSetsView() {
    return (await repo.standardSets()).map((s) => ({ code: s.code, version: s.version, updatedAt: s.updatedAt.toISOString(), ...(s.body as StandardSetBody) }));
  }

  /** The chosen sets' rules that apply at a level, for one region. */
  async function rulesFor(regionCode: string) {
    const chosen = await repo.chosenSetsFor(regionCode);
    const sets = (await standardSetsView()).filter((s) => chosen?.sets.includes(s.code));
    return sets.flatMap((s) => s.rules.map((r) => ({ ...r, set: s.code, setName: s.nameZh, setNameEn: s.nameEn })));
  }

  type Rule = StandardRule & { set: string; setName: string; setNameEn: string };

  function checksFor(
    rules: Rule[],
    code: string,
    level: string,
    value: number | null,
    residents: number | null,
    decimals: number,
    locale: string,
    coverage: Coverage | null,
  ): Check[] {
    return rules
      .filter((r) => r.indicator === code && r.level === level)
      .map((r) => {
        const t = thresholdOf(r, residents);
        // A figure some units have not reported yet is not the region's figure: shown, never judged.
        const status = coverage && !coverage.complete && value !== null ? ('partial' as const) : complianceOf(value, r.op, t.threshold, decimals);
        return {
          set: r.set,
          setName: locale === 'en' ? r.setNameEn : r.setName,
          op: r.op,
          threshold: t.threshold,
          thresholdText: `${r.op} ${t.formula}`,
          status,
          note: r.note ?? '',
        };
      });
  }

  const worst = (checks: Check[]): ComplianceStatus | null =>
    checks.length === 0
      ? null
      : checks.some((c) => c.status === 'below' || c.status === 'above')
        ? checks.find((c) => c.status === 'below' || c.status === 'above')!.status
        : checks.some((c) => c.status === 'partial')
          ? 'partial'
          : checks.some((c) => c.status === 'no_data')
            ? 'no_data'
            : 'meets';

  /** Results of one region and year: every indicator with its value and compliance. */
  async function resultsOf(
    region: { code: string; level: string },
    year: number,
    defs: Definition[],
    rules: Rule[],
    values: ValueRow[],
    locale: string,
  ): Promise<IndicatorResult[]> {
    const byCode = new Map(values.filter((v) => v.regionCode === region.code).map((v) => [v.indicatorCode, v]));
    const residents = byCode.get('POP')?.value ?? null;
    return defs.map((d) => {
      const v = byCode.get(d.code);
      const value = v?.value ?? null;
      const coverage = (v?.provenance as { coverage?: Coverage | null } | undefined)?.coverage ?? null;
      const checks = checksFor(rules, d.code, region.level, value, residents, d.decimals, locale, coverage);
      return {
        code: d.code,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        area: d.area,
        unit: d.unit,
        decimals: d.decimals,
        value,
        checks,
        status: worst(checks),
        computedAt: v?.computedAt.toISOString() ?? null,
        definitionVersion: v?.definitionVersion ?? null,
        coverage,
        coverageText: coverage ? coverageText(coverage, locale) : null,
        detail: (v?.provenance as { detail?: Record<string, unknown> } | undefined)?.detail ?? null,
      };
    });
  }

  /**
   * Computes indicators for every region of a subtree in a year. `only` restricts to some indicators
   * (the others' stored values serve as inputs): the incremental path after new data arrives.
   */
  async function computeSubtree(rootCode: string, year: number, only?: Set<string>) {
    const started = Date.now();
    const root = await regions.require(rootCode, 'region');
    const levels = ['city', 'district', 'street', 'community'] as const;
    const below = await Promise.all(levels.map((l) => regions.descendantsAtLevel(root.code, l)));
    const nodes: RegionNode[] = [
      { code: root.code, level: root.level },
      ...below.flatMap((rows, i) => rows.filter((r) => r.code !== root.code).map((r) => ({ code: r.code, level: levels[i] }))),
    ];
    const defs = await definitions();
    const byCode = new Map(defs.map((d) => [d.code, d]));
    const order = computationOrder(defs.map((d) => ({ code: d.code, inputs: d.inputs })));
    const now = clock.now();
    const values = new Map<string, Map<string, { value: number | null; provenance: Record<string, unknown> }>>();
    const phasesMs = { queries: 0, write: 0 };

    if (only) {
      for (const v of await repo.valuesFor(root.code, year)) {
        if (only.has(v.indicatorCode)) continue;
        if (!values.has(v.indicatorCode)) values.set(v.indicatorCode, new Map());
        values.get(v.indicatorCode)!.set(v.regionCode, { value: v.value, provenance: v.provenance as Record<string, unknown> });
      }
    }

    // The named queries only read the database and never each other's results: a few at a time (on
    // PostgreSQL they overlap over the pool). Not all at once: PGlite serves queries first come first served
    // on its one connection, and a request arriving during a refresh would wait behind every one of them.
    const t0 = Date.now();
    const runs = order
      .filter((code) => !only || only.has(code))
      .flatMap((code) => {
        const src = byCode.get(code)!.source;
        const q = src.kind === 'computed' ? queries.get(src.query) : null;
        return q ? [{ code, q }] : [];
      });
    const computedResults = new Map<string, Awaited<ReturnType<NonNullable<ReturnType<typeof queries.get>>['run']>>>();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(4, runs.length) }, async () => {
        while (next < runs.length) {
          const { code, q } = runs[next++];
          computedResults.set(code, await q.run({ db: deps.db, rootCode: root.code, year, now, nodes }));
        }
      }),
    );
    phasesMs.queries = Date.now() - t0;

    const reports = defs.some((d) => d.source.kind === 'reported' && (!only || only.has(d.code))) ? await repo.assignmentsOfYear(root.code, year) : [];
    const nodeCodes = new Set(nodes.map((n) => n.code));
    const codesByLength = new Map<number, string[]>();
    for (const n of nodes) {
      const list = codesByLength.get(n.code.length);
      if (list) list.push(n.code);
      else codesByLength.set(n.code.length, [n.code]);
    }
    const ancestorsOf = (code: string) =>
      [2, 4, 6, 9, 12]
        .filter((n) => n <= code.length)
        .map((n) => code.slice(0, n))
        .filter((c) => nodeCodes.has(c));

    for (const code of order) {
      if (only && !only.has(code)) continue;
      const d = byCode.get(code)!;
      const out = new Map<string, { value: number | null; provenance: Record<string, unknown> }>();
      if (d.source.kind === 'computed') {
        const q = queries.get(d.source.query);
        if (!q) {
          out.set(root.code, { value: null, provenance: { query: d.source.query, unavailable: true } });
        } else {
          const result = computedResults.get(code)!;
          for (const [region, r] of result)
            out.set(region, { value: r.value, provenance: { query: d.source.query, ...(r.detail ? { detail: r.detail } : {}) } });
        }
      } else if (d.source.kind === 'reported') {
        const own = d.source.aggregate === 'own';
        const rule = annualRuleOf(d.source);
        const mine: (Assignment & { item: Record<string, unknown> })[] = [];
        for (const rep of reports) {
          for (const f of rep.fields as { key: string; feeds?: string | null }[]) {
            if (f.feeds !== code) continue;
            const accepted = rep.status === 'accepted';
            const raw = accepted ? (rep.values as Record<string, unknown> | null)?.[f.key] : undefined;
            const value = typeof raw === 'number' ? raw : null;
            mine.push({
              unitKey: rep.institutionId ?? rep.regionCode,
              regionCode: rep.regionCode,
              isInstitution: rep.institutionId !== null,
              period: rep.period,
              accepted,
              value,
              item: { assignment: rep.assignmentId, unit: rep.unitName, period: rep.period, field: f.key, value },
            });
          }
        }
        // Each unit's periods become its annual figure by the indicator's rule; then units roll up (or stay, for `own`).
        const byUnit = new Map<string, typeof mine>();
        for (const a of mine) {
          const list = byUnit.get(a.unitKey);
          if (list) list.push(a);
          else byUnit.set(a.unitKey, [a]);
        }
        const acc = new Map<string, { value: number; items: unknown[]; count: number }>();
        for (const list of byUnit.values()) {
          const withValue = list.filter((a) => a.value !== null);
          const value = annualValue(
            rule,
            withValue.map((a) => ({ period: a.period, value: a.value as number })),
          );
          if (value === null) continue;
          for (const t of own ? [list[0].regionCode] : ancestorsOf(list[0].regionCode)) {
            const cur = acc.get(t) ?? { value: 0, items: [], count: 0 };
            cur.value = own ? value : cur.value + value;
            for (const a of withValue) if (cur.items.length < PROVENANCE_ITEMS) cur.items.push(a.item);
            cur.count += withValue.length;
            acc.set(t, cur);
          }
        }
        const covered = new Set(own ? mine.map((a) => a.regionCode).filter((c) => nodeCodes.has(c)) : mine.flatMap((a) => ancestorsOf(a.regionCode)));
        for (const node of new Set([...acc.keys(), ...covered])) {
          const coverage = coverageOf(
            rule,
            mine.filter((a) => (own ? a.regionCode === node : a.regionCode.startsWith(node))),
            (len) => (own ? (len === node.length ? [node] : []) : (codesByLength.get(len) ?? []).filter((c) => c.startsWith(node))),
          );
          const a = acc.get(node);
          out.set(node, {
            value: a?.value ?? null,
            provenance: { reported: d.source.aggregate, annual: rule, submissions: a?.items ?? [], count: a?.count ?? 0, coverage },
          });
        }
        if (!out.has(root.code))
          out.set(root.code, { value: null, provenance: { reported: d.source.aggregate, annual: rule, submissions: [], count: 0, coverage: null } });
      } else {
        const f = parseFormula(d.source.formula);
        for (const n of nodes) {
          const inputs: Record<string, number | null> = {};
          for (const i of f.inputs) inputs[i] = values.get(i)?.get(n.code)?.value ?? null;
          const value = evaluateFormula(f, (c) => inputs[c]);
          // Below the root a formula without a value stores nothing (a district-level reported input has no
          // community figure): at city scale that is a fifth of all values, and the dashboard shows none either way.
          if (value === null && n.code !== root.code) continue;
          const coverage = combineCoverage(
            f.inputs.flatMap((i) => {
              const c = (values.get(i)?.get(n.code)?.provenance as { coverage?: Coverage | null } | undefined)?.coverage;
              return c ? [{ code: i, coverage: c }] : [];
            }),
          );
          out.set(n.code, { value, provenance: { formula: d.source.formula, inputs, ...(coverage ? { coverage } : {}) } });
        }
      }
      values.set(code, out);
    }

    const computed = only ? [...only].filter((c) => byCode.has(c)) : order;
    const rows = computed.flatMap((code) =>
      [...(values.get(code) ?? new Map()).entries()].map(([regionCode, v]) => ({
        regionCode,
        year,
        indicatorCode: code,
        value: v.value === null || !Number.isFinite(v.value) ? null : v.value,
        definitionVersion: byCode.get(code)!.version,
        provenance: v.provenance,
        computedAt: now,
      })),
    );
    const w = Date.now();
    await deps.db.transaction(async (tx) => repo.replaceValues(tx, root.code, year, only ? computed : null, rows));
    phasesMs.write = Date.now() - w;
    return { region: root.code, year, indicators: computed.length, regions: nodes.length, values: rows.length, ms: Date.now() - started, phasesMs };
  }

  /** Indicators that depend (directly or through formulas) on some base indicators. */
  function dependentsOf(defs: Definition[], changed: Set<string>): Set<string> {
    const out = new Set(changed);
    let grew = true;
    while (grew) {
      grew = false;
      for (const d of defs)
        if (!out.has(d.code) && d.inputs.some((i) => out.has(i))) {
          out.add(d.code);
          grew = true;
        }
    }
    return out;
  }

  /**
   * A catalogue entry's body saved as its next version by `save` (null when `expectedVersion` is no longer the
   * current one: conflict.stale), audited as `<entityType>.create` or `.update` in the same transaction.
   */
  async function saveAudited(
    ctx: RequestContext,
    entityType: 'indicator' | 'standard_set',
    code: string,
    body: object,
    expectedVersion: number | null,
    save: (tx: DbOrTx) => Promise<number | null>,
  ) {
    const version = await deps.db.transaction(async (tx) => {
      const v = await save(tx);
      if (v === null) return null;
      const action = `${entityType}.${expectedVersion === null ? 'create' : 'update'}`;
      await deps.audit(tx, ctx, { action, entityType, entityId: code, details: { version: v, ...body } });
      return v;
    });
    if (version === null) throw new Conflict('conflict.stale');
  }

  return {
    visibleRegion,
    definitions,
    standardSetsView,
    rulesFor,
    resultsOf,
    computeSubtree,

    /** Loads the shipped catalogue where it is missing, and the installation's default choice of standards. */
    async seedCatalogue(rootCode: string | null) {
      const at = clock.now();
      const defs = catalogueIndicators().map((d, i) => {
        const { code, ...body } = indicatorInput.parse(d);
        return { code, body, sortOrder: (i + 1) * 10 };
      });
      await deps.db.transaction(async (tx) => {
        await repo.seedDefinitions(tx, defs, at);
        await repo.seedStandardSets(
          tx,
          CATALOGUE_STANDARDS.map(({ code, ...body }) => ({ code, body: standardSetBody.parse(body) })),
          at,
        );
        if (rootCode) await repo.seedChoice(tx, rootCode, defaultStandardSets(rootCode));
      });
    },

    async listDefinitions(ctx: RequestContext) {
      requireStaff(ctx);
      return { items: await definitions(), queries: queries.list() };
    },

    async definition(ctx: RequestContext, code: string) {
      requireStaff(ctx);
      const row = await repo.definition(code);
      if (!row) throw new NotFound('indicator.not_found');
      const history = await repo.definitionHistory(code);
      return {
        ...present(row),
        history: history.map((h) => ({ version: h.version, changedBy: h.changedBy, changedAt: h.changedAt.toISOString(), body: h.body as IndicatorBody })),
      };
    },

    /** Creates (expectedVersion null) or edits a definition; each save is a new version. */
    async saveDefinition(ctx: RequestContext, input: IndicatorInput, expectedVersion: number | null) {
      const actor = requireStaff(ctx);
      if (!canEditCatalogue(actor)) throw new Forbidden('auth.forbidden');
      const { code, ...body } = input;
      const all = await definitions();
      const existing = all.find((d) => d.code === code);
      if (expectedVersion === null && existing) throw new Conflict('indicator.duplicate_code', {}, { fields: { code: 'indicator.duplicate_code' } });
      if (expectedVersion !== null && !existing) throw new NotFound('indicator.not_found');
      checkDefinition(code, body, all);
      const sortOrder = existing?.sortOrder ?? Math.max(0, ...all.map((d) => d.sortOrder)) + 10;
      await saveAudited(ctx, 'indicator', code, body, expectedVersion, (tx) =>
        repo.saveDefinition(tx, code, body, expectedVersion, actor.username, clock.now(), sortOrder),
      );
      return present((await repo.definition(code))!);
    },

    async listStandardSets(ctx: RequestContext, rawRegion?: string) {
      const actor = requireStaff(ctx);
      const region = rawRegion ? await visibleRegion(actor, rawRegion) : null;
      const chosen = region ? await repo.chosenSetsFor(region.code) : null;
      return { items: await standardSetsView(), chosen: chosen?.sets ?? [], chosenAt: chosen?.regionCode ?? null };
    },

    async standardSetHistory(ctx: RequestContext, code: string) {
      requireStaff(ctx);
      const history = await repo.standardSetHistory(code);
      if (!history.length) throw new NotFound('standard.not_found');
      return {
        items: history.map((h) => ({ version: h.version, changedBy: h.changedBy, changedAt: h.changedAt.toISOString(), body: h.body as StandardSetBody })),
      };
    },

    async saveStandardSet(ctx: RequestContext, input: StandardSetInput, expectedVersion: number | null) {
      const actor = requireStaff(ctx);
      if (!canEditCatalogue(actor)) throw new Forbidden('auth.forbidden');
      const { code, ...body } = input;
      const known = new Set((await definitions()).map((d) => d.code));
      body.rules.forEach((r, i) => {
        if (!known.has(r.indicator)) throw invalidField(`rules.${i}.indicator`, 'indicator.not_found');
      });
      const existing = await repo.standardSet(code);
      if (expectedVersion === null && existing) throw new Conflict('standard.duplicate_code', {}, { fields: { code: 'standard.duplicate_code' } });
      if (expectedVersion !== null && !existing) throw new NotFound('standard.not_found');
      await saveAudited(ctx, 'standard_set', code, body, expectedVersion, (tx) =>
        repo.saveStandardSet(tx, code, body, expectedVersion, actor.username, clock.now()),
      );
      return (await standardSetsView()).find((s) => s.code === code)!;
    },

    /** A district (or city) chooses which standard sets it is measured against. */
    async chooseStandardSets(ctx: RequestContext, rawRegion: string, sets: string[]) {
      const actor = requireStaff(ctx);
      const region = await visibleRegion(actor, rawRegion);
      if (!canAdministerMonitoring(actor, region.code)) throw new Forbidden('auth.forbidden');
      if (region.level !== 'district' && region.level !== 'city') throw invalidField('region', 'standard.choose_level');
      const known = new Set((await repo.standardSets()).map((s) => s.code));
      const unknown = sets.filter((s) => !known.has(s));
      if (unknown.length) throw invalidField('sets', 'standard.not_found');
      await deps.db.transaction(async (tx) => {
        await repo.chooseSets(tx, region.code, [...new Set(sets)]);
        await deps.audit(tx, ctx, { action: 'standard_set.choose', entityType: 'region', entityId: region.code, regionCode: region.code, details: { sets } });
      });
      return { region: region.code, chosen: [...new Set(sets)].sort() };
    },

    /** Recomputation on demand for a region's subtree (administrators of the region). */
    async compute(ctx: RequestContext, rawRegion: string, year: number) {
      const actor = requireStaff(ctx);
      const region = await visibleRegion(actor, rawRegion);
      if (!canAdministerMonitoring(actor, region.code)) throw new Forbidden('auth.forbidden');
      const result = await computeSubtree(region.code, year);
      await deps.db.transaction((tx) =>
        deps.audit(tx, ctx, { action: 'indicator.compute', entityType: 'region', entityId: region.code, regionCode: region.code, details: { ...result } }),
      );
      return result;
    },

    /**
     * The scheduled refresh: every installation root's figures for the current local year
     * and, in January, the year just ended, so the dashboard follows enrolment, attendance and the archive
     * without anyone pressing 重新计算. The scheduler runs it in one process per interval.
     */
    async refreshCurrent() {
      const now = clock.now();
      const { year, month } = localTime.parts(now);
      const years = [Number(year), ...(month === '01' ? [Number(year) - 1] : [])];
      const out = [];
      for (const r of (await regions.roots()).items) for (const y of years) out.push(await computeSubtree(r.code, y));
      return out;
    },

    /** After new data (an accepted form): recompute what it feeds, and what depends on that, up to the installation root. */
    async recomputeAfterReport(regionCode: string, year: number, fed: string[]) {
      const defs = await definitions();
      const changed = dependentsOf(
        defs,
        new Set([...fed, ...defs.filter((d) => d.source.kind === 'computed' && d.source.query.startsWith('reporting.')).map((d) => d.code)]),
      );
      const roots = (await regions.roots()).items.filter((r) => regionCode.startsWith(r.code));
      // Incremental when the year has been computed before; otherwise the inputs are not there yet.
      for (const r of roots) await computeSubtree(r.code, year, (await repo.lastComputedAt(r.code, year)) ? changed : undefined);
    },

    /**
     * The annual assessment's view of an indicator (governance's IndicatorSource): the computed value of a
     * region and year with a 0–100 score — a percentage by its value, another unit by its share of the
     * standard that applies at the region's level — and where it came from. No value, or a value on partial
     * coverage, is no score.
     */
    assessmentSource() {
      return {
        exists: async (code: string) => (await repo.definition(code)) !== null,
        async valueOf(code: string, regionCode: string, year: number) {
          const [row, def, region] = await Promise.all([
            repo.value(regionCode, year, code),
            repo.definition(code),
            regions.require(regionCode, 'region').catch(() => null),
          ]);
          if (!row || row.value === null || !def || !region) return null;
          const body = def.body as IndicatorBody;
          const coverage = (row.provenance as { coverage?: Coverage | null }).coverage ?? null;
          const pop = (await repo.value(regionCode, year, 'POP'))?.value ?? null;
          const rule = (await rulesFor(regionCode)).find((r) => r.indicator === code && r.level === region.level && r.op === '>=');
          const threshold = rule ? thresholdOf(rule, pop).threshold : null;
          const partial = coverage !== null && !coverage.complete;
          return {
            value: row.value,
            score: partial ? null : indicatorScore(row.value, body.unit, threshold),
            evidence: {
              indicatorName: body.nameZh,
              unit: body.unit,
              computedAt: row.computedAt.toISOString(),
              definitionVersion: row.definitionVersion,
              ...(threshold !== null ? { threshold, standardSet: rule!.set } : {}),
              ...(coverage ? { coverage: coverageText(coverage, 'zh-CN') } : {}),
              ...(partial ? { partialCoverage: true } : {}),
            },
          };
        },
      };
    },

    /** Every indicator of one region and year with compliance, plus its children for drill-down. */
    async results(ctx: RequestContext, rawRegion: string, year: number) {
      const actor = requireStaff(ctx);
      const region = await visibleRegion(actor, rawRegion);
      const [defs, rules] = await Promise.all([definitions(), rulesFor(region.code)]);
      const children = (await regions.children(region.code, { page: 1, pageSize: 200 })).items;
      const values = await readRepo.valuesOf([region.code, ...children.map((c) => c.code)], year);
      const items = await resultsOf(region, year, defs, rules, values, ctx.locale);
      const childRows = await Promise.all(
        children.map(async (c) => {
          const r = await resultsOf(c, year, defs, rules, values, ctx.locale);
          return {
            code: c.code,
            name: c.name,
            level: c.level,
            values: Object.fromEntries(r.filter((x) => x.value !== null).map((x) => [x.code, { value: x.value, status: x.status }])),
          };
        }),
      );
      return {
        region: { code: region.code, name: region.name, level: region.level },
        year,
        computedAt: await readRepo.lastComputedAt(region.code, year),
        items,
        children: childRows,
      };
    },

    /** One value with where it came from. */
    async provenance(ctx: RequestContext, rawRegion: string, year: number, code: string) {
      const actor = requireStaff(ctx);
      const region = await visibleRegion(actor, rawRegion);
      const row = await repo.value(region.code, year, code);
      const def = await repo.definition(code);
      if (!def) throw new NotFound('indicator.not_found');
      const history = await repo.definitionHistory(code);
      const usedDef = history.find((h) => h.version === row?.definitionVersion);
      return {
        region: { code: region.code, name: region.name },
        year,
        code,
        value: row?.value ?? null,
        definitionVersion: row?.definitionVersion ?? null,
        currentVersion: def.version,
        computedAt: row?.computedAt.toISOString() ?? null,
        definition: (usedDef?.body ?? def.body) as IndicatorBody,
        provenance: (row?.provenance ?? null) as Record<string, unknown> | null,
      };
    },
  };
}

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
