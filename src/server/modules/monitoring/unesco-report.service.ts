// The UNESCO GNLC biennial self-report of a region: its year and the year before, from the indicator
// results the dashboard and the district report read, in the language asked for (a report to UNESCO is
// often written in English by a Chinese-speaking office, so the parameter, not the screen, decides).
// Who may read it is who may read the district's results; the .docx export is audited.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { RequestContext } from '../../kernel/actor';
import type { IndicatorsService } from './indicators.service';
import { lazyImport } from '../../kernel/lazy-import';
import { buildUnescoReport, type ReportLang, type SourceKind } from './unesco-report.text';

// docx is loaded by the first export (see kernel/lazy-import.ts).
const loadDocx = lazyImport(() => import('./unesco-report.docx'));

export function createUnescoReportService(deps: { db: Db; audit: AuditWriter; indicators: IndicatorsService }) {
  async function report(ctx: RequestContext, region: string, year: number, lang?: ReportLang) {
    const language: ReportLang = lang ?? (ctx.locale === 'en' ? 'en' : 'zh-CN');
    const c = { ...ctx, locale: language };
    // Scope is checked by the first read; the year before is read only once the region is known to be visible.
    const current = await deps.indicators.results(c, region, year);
    const [previous, defs] = await Promise.all([deps.indicators.results(c, current.region.code, year - 1), deps.indicators.definitions()]);
    const sources = Object.fromEntries(defs.map((d) => [d.code, d.source.kind as SourceKind]));
    return buildUnescoReport({
      lang: language,
      region: current.region,
      year,
      computedAt: current.computedAt,
      current: current.items,
      previous: previous.items,
      sources,
    });
  }

  async function docx(ctx: RequestContext, region: string, year: number, lang?: ReportLang) {
    const r = await report(ctx, region, year, lang);
    const { buildUnescoDocx } = await loadDocx();
    const buffer = await buildUnescoDocx(r);
    await deps.db.transaction((tx) =>
      deps.audit(tx, ctx, {
        action: 'monitoring.unesco_report.export',
        entityType: 'region',
        entityId: r.region.code,
        regionCode: r.region.code,
        details: { year, lang: r.lang, size: buffer.length },
      }),
    );
    const filename =
      r.lang === 'en'
        ? `${r.region.name} GNLC self-report ${r.previousYear}-${year}.docx`
        : `${r.region.name}${r.previousYear}-${year}年学习型城市双年度自评报告.docx`;
    return { buffer, filename };
  }

  return { report, docx };
}

export type UnescoReportService = ReturnType<typeof createUnescoReportService>;
