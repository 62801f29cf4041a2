// What leaders look at: one region's headline figures, compliance alerts (its own and its streets'),
// rankings of the regions under it, a heat table, trends across years and the sentences written from
// them. The dashboard, its Excel exports, the printable view and the annual report all read this.
import { requireStaff, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { Invalid } from '../../kernel/errors';
import type { RegionsService } from '../regions/index';
import type { IndicatorResult, IndicatorsService } from './indicators.service';
import type { MonitoringRepository } from './monitoring.repository';
import { alertSentences, fmt, partialSentences, type Alert } from './overview.text';

/** The figures on the first row of the dashboard and in the report's overview. */
export const HEADLINE = ['POP', 'POP60', 'FUNDING', 'I01', 'FT_STAFF', 'I04', 'I09', 'I10', 'PARTICIPANTS', 'I14', 'I16', 'LEARNERS'];
/** The columns of the heat table and the indicators the regions under are ranked by. */
export const HEAT = [
  'POP',
  'FUNDING',
  'I01',
  'FT_STAFF',
  'I04',
  'STREET_SCHOOL_STAFF',
  'STREET_SCHOOL_AREA',
  'PARTICIPANTS',
  'I14',
  'LEARNERS',
  'LEARNING_HOURS',
];
export const RANKED = ['I14', 'LEARNERS', 'FUNDING', 'STREET_SCHOOL_STAFF'];
export const TRENDS = ['POP', 'FUNDING', 'I01', 'PARTICIPANTS', 'I14', 'LEARNERS'];
/** The report's sections and the indicators each presents. */
export const SECTIONS = {
  coverage: ['I09', 'I10', 'I11', 'I12', 'I13'],
  resources: ['FUNDING', 'I01', 'I02', 'FT_STAFF', 'I04', 'PT_STAFF', 'I08', 'I05', 'I06', 'I07'],
  quality: ['I28', 'I29', 'I30', 'I31', 'I32', 'I33'],
  digital: ['I25', 'I26', 'I27'],
  participation: ['PARTICIPANTS', 'I14', 'PARTICIPATIONS', 'I15', 'LEARNERS', 'LEARNING_RECORDS', 'LEARNING_HOURS', 'REGISTERED', 'I24'],
  elderly: ['POP60', 'ELDERLY_REGULAR', 'I16', 'I26'],
  minors: ['MINORS', 'MINOR_PARTICIPANTS', 'I17'],
  creditBank: ['CREDITED', 'I34'],
  organisations: ['I23'],
} as const;

/** One figure (contract: `figure` in contracts/monitoring.ts) with its checks against the chosen standards. */
export interface Figure {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  decimals: number;
  value: number | null;
  status: IndicatorResult['status'];
  checks: IndicatorResult['checks'];
  computedAt: string | null;
  coverage: IndicatorResult['coverage'];
  coverageText: string | null;
  detail: IndicatorResult['detail'];
}
export interface ChildRow {
  code: string;
  name: string;
  level: string;
  figures: Record<string, { value: number | null; status: IndicatorResult['status']; coverageText: string | null }>;
}

const YEARS_BACK = 5;

export function createOverviewService(deps: { indicators: IndicatorsService; repo: MonitoringRepository; regions: RegionsService }) {
  const { indicators, repo, regions } = deps;

  async function overview(ctx: RequestContext, rawRegion: string, year: number) {
    const actor = requireStaff(ctx);
    const region = await indicators.visibleRegion(actor, rawRegion);
    const [defs, rules] = await Promise.all([indicators.definitions(), indicators.rulesFor(region.code)]);
    const children = (await regions.children(region.code, { page: 1, pageSize: 500 })).items;
    const values = await repo.valuesOf([region.code, ...children.map((c) => c.code)], year);
    const own = await indicators.resultsOf(region, year, defs, rules, values, ctx.locale);
    const byCode = new Map(own.map((r) => [r.code, r]));
    const figure = (code: string): Figure | null => {
      const r = byCode.get(code);
      return r
        ? {
            code,
            nameZh: r.nameZh,
            nameEn: r.nameEn,
            unit: r.unit,
            decimals: r.decimals,
            value: r.value,
            status: r.status,
            checks: r.checks,
            computedAt: r.computedAt,
            coverage: r.coverage,
            coverageText: r.coverageText,
            detail: r.detail,
          }
        : null;
    };
    const figures = (codes: readonly string[]) => codes.map(figure).filter((f): f is Figure => f !== null);

    const alerts: Alert[] = [];
    const pushAlerts = (where: { code: string; name: string; level: string }, results: IndicatorResult[]) => {
      for (const r of results)
        for (const c of r.checks) {
          if (c.status !== 'below' && c.status !== 'above') continue;
          alerts.push({
            regionCode: where.code,
            regionName: where.name,
            level: where.level,
            indicator: r.code,
            nameZh: r.nameZh,
            nameEn: r.nameEn,
            unit: r.unit,
            decimals: r.decimals,
            value: r.value as number,
            threshold: c.threshold,
            thresholdText: c.thresholdText,
            set: c.set,
            setName: c.setName,
            gap: Math.abs(c.threshold - (r.value as number)),
          });
        }
    };
    pushAlerts(region, own);
    const partial = own.filter((r) => r.status === 'partial');
    const rows: ChildRow[] = [];
    for (const c of children) {
      const r = await indicators.resultsOf(c, year, defs, rules, values, ctx.locale);
      pushAlerts(c, r);
      const m = new Map(r.map((x) => [x.code, x]));
      rows.push({
        code: c.code,
        name: c.name,
        level: c.level,
        figures: Object.fromEntries(
          HEAT.map((k) => [k, { value: m.get(k)?.value ?? null, status: m.get(k)?.status ?? null, coverageText: m.get(k)?.coverageText ?? null }]),
        ),
      });
    }
    const rankings = RANKED.map((code) => {
      const d = byCode.get(code);
      const ranked = rows
        .filter((r) => r.figures[code]?.value !== null && r.figures[code]?.value !== undefined)
        .sort((a, b) => (b.figures[code].value as number) - (a.figures[code].value as number) || a.code.localeCompare(b.code))
        .map((r, i) => ({ rank: i + 1, code: r.code, name: r.name, value: r.figures[code].value as number, status: r.figures[code].status }));
      return { code, nameZh: d?.nameZh ?? code, nameEn: d?.nameEn ?? code, unit: d?.unit ?? '', decimals: d?.decimals ?? 2, items: ranked };
    });
    const trendRows = await repo.trend(region.code, [...new Set([...TRENDS, ...HEADLINE])]);
    const years = [...new Set(trendRows.map((t) => t.year))].filter((y) => y <= year && y > year - YEARS_BACK).sort();
    const stored = (code: string, y: number) => trendRows.find((t) => t.year === y && t.code === code)?.value ?? null;
    // A leader's card says where the figure stands against last year, not only where it is.
    const headline = figures(HEADLINE).map((f) => ({
      ...f,
      previous: stored(f.code, year - 1),
      series: years.map((y) => ({ year: y, value: y === year ? f.value : stored(f.code, y) })),
    }));
    // The way back up for a drill-down, no higher than what the viewer may see.
    const roots = visibleRegionRoots(actor);
    const path = (await regions.get(region.code)).path.filter((p) => roots === 'all' || roots.some((r) => p.code.startsWith(r)));
    const trends = TRENDS.map((code) => ({
      code,
      nameZh: byCode.get(code)?.nameZh ?? code,
      nameEn: byCode.get(code)?.nameEn ?? code,
      unit: byCode.get(code)?.unit ?? '',
      points: years.map((y) => ({ year: y, value: stored(code, y) })),
    }));
    const heatColumns = HEAT.map((code) => ({
      code,
      nameZh: byCode.get(code)?.nameZh ?? code,
      nameEn: byCode.get(code)?.nameEn ?? code,
      unit: byCode.get(code)?.unit ?? '',
      decimals: byCode.get(code)?.decimals ?? 2,
    }));

    return {
      region: { code: region.code, name: region.name, level: region.level },
      path,
      year,
      computedAt: await repo.lastComputedAt(region.code, year),
      childLevel: children[0]?.level ?? null,
      childCount: children.length,
      headline,
      sections: Object.fromEntries(Object.entries(SECTIONS).map(([k, codes]) => [k, figures(codes)])) as Record<keyof typeof SECTIONS, Figure[]>,
      compliance: own
        .filter((r) => r.checks.length > 0)
        .map((r) => ({
          code: r.code,
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          unit: r.unit,
          decimals: r.decimals,
          value: r.value,
          checks: r.checks,
          coverage: r.coverage,
          coverageText: r.coverageText,
        })),
      alerts,
      sentences: [...alertSentences(region, alerts, partial, ctx.locale), ...partialSentences(region, partial, ctx.locale)],
      rankings,
      heat: { columns: heatColumns, rows },
      trends,
      /** Figures shown on incomplete reporting and therefore not judged, with who has reported. */
      partial: partial.map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, coverage: r.coverage, coverageText: r.coverageText })),
    };
  }

  return { overview };
}

export type OverviewService = ReturnType<typeof createOverviewService>;
export type Overview = Awaited<ReturnType<OverviewService['overview']>>;

/** Rows of one dashboard table for its Excel export. */
export function tableOf(o: Overview, table: string, locale: string) {
  const en = locale === 'en';
  const name = (x: { nameZh: string; nameEn: string }) => (en ? x.nameEn : x.nameZh);
  if (table === 'heat') {
    return {
      sheet: en ? 'Regions' : '区域热力表',
      columns: [
        { key: 'code', header: en ? 'Code' : '区划代码', width: 14 },
        { key: 'name', header: en ? 'Region' : '区域', width: 18 },
        ...o.heat.columns.map((c) => ({ key: c.code, header: `${name(c)}（${c.unit}）`, width: 16 })),
      ],
      rows: o.heat.rows.map((r) => ({
        code: r.code,
        name: r.name,
        ...Object.fromEntries(o.heat.columns.map((c) => [c.code, r.figures[c.code]?.value ?? null])),
      })),
    };
  }
  // The indicator, its value and the standard it is held to, as the alerts and the compliance sheets both show them.
  const checkedFigureColumns = [
    { key: 'indicator', header: en ? 'Indicator' : '指标', width: 26 },
    { key: 'value', header: en ? 'Value' : '数值', width: 14 },
    { key: 'standard', header: en ? 'Standard' : '标准', width: 20 },
    { key: 'set', header: en ? 'Standard set' : '标准来源', width: 16 },
  ];
  if (table === 'alerts') {
    return {
      sheet: en ? 'Alerts' : '达标预警',
      columns: [
        { key: 'region', header: en ? 'Region' : '区域', width: 18 },
        ...checkedFigureColumns,
        { key: 'gap', header: en ? 'Short by' : '差距', width: 12 },
      ],
      rows: o.alerts.map((a) => ({
        region: a.regionName,
        indicator: name(a),
        value: Number(fmt(a.value, a.decimals).replace(/,/g, '')),
        standard: a.thresholdText,
        set: a.setName,
        gap: Number(a.gap.toFixed(a.decimals)),
      })),
    };
  }
  if (table === 'compliance') {
    return {
      sheet: en ? 'Compliance' : '达标情况',
      columns: [...checkedFigureColumns, { key: 'status', header: en ? 'Status' : '状态', width: 12 }],
      rows: o.compliance.flatMap((c) =>
        c.checks.map((k) => ({ indicator: name(c), value: c.value, standard: k.thresholdText, set: k.setName, status: k.status })),
      ),
    };
  }
  const ranking = o.rankings.find((r) => `ranking-${r.code}` === table);
  if (!ranking) throw new Invalid('monitoring.unknown_table');
  return {
    sheet: (en ? ranking.nameEn : ranking.nameZh).slice(0, 31),
    columns: [
      { key: 'rank', header: en ? 'Rank' : '排名', width: 8 },
      { key: 'name', header: en ? 'Region' : '区域', width: 18 },
      { key: 'value', header: `${name(ranking)}（${ranking.unit}）`, width: 18 },
    ],
    rows: ranking.items.map((i) => ({ rank: i.rank, name: i.name, value: i.value })),
  };
}
