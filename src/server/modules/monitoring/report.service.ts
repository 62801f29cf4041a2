// The annual report: its document model (this year's and last year's overview, the indicator sources, the
// installation's issuing body and the problems and priorities as a leader edited them), the edits
// themselves (scoped and audited), and the .docx as a background job stored through the files module.
import { Readable } from 'node:stream';
import type { Db } from '../../db/client';
import { requireStaff, type RequestContext } from '../../kernel/actor';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { Forbidden } from '../../kernel/errors';
import type { FilesService } from '../files/index';
import type { JobsService } from '../jobs/index';
import type { IndicatorsService } from './indicators.service';
import type { OverviewService } from './overview.service';
import { buildReportDocument, type ReportDocument } from './report.document';
import { lazyImport } from '../../kernel/lazy-import';
import { canEditReport } from './report.policy';
import type { ReportRepository } from './report.repository';
import type { ReportLocale } from './report.text';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// ECharts, resvg and docx are loaded by the first report drawn (see kernel/lazy-import.ts).
const loadCharts = lazyImport(() => import('./report.charts'));
const loadDocx = lazyImport(() => import('./report.docx'));

export function createReportsService(deps: {
  db: Db;
  repo: ReportRepository;
  audit: AuditWriter;
  clock: Clock;
  overview: OverviewService;
  indicators: IndicatorsService;
  jobs: JobsService;
  files: FilesService;
  issuerBody: () => Promise<{ nameZh: string; nameEn: string }>;
}) {
  const { repo } = deps;

  /** The report in one language; scope and permission are the overview's (outside scope: not found). */
  async function document(ctx: RequestContext, region: string, year: number, locale: ReportLocale): Promise<ReportDocument> {
    const as = { ...ctx, locale };
    const overview = await deps.overview.overview(as, region, year);
    const [previous, definitions, issuer, saved] = await Promise.all([
      deps.overview.overview(as, overview.region.code, year - 1),
      deps.indicators.definitions(),
      deps.issuerBody(),
      repo.texts(overview.region.code, year, locale),
    ]);
    return buildReportDocument({
      overview,
      previous,
      definitions,
      issuer,
      at: deps.clock.now(),
      locale,
      saved: saved ? { problems: saved.problems, priorities: saved.priorities, updatedAt: saved.updatedAt.toISOString() } : null,
    });
  }

  return {
    document,

    /** The printable web page's content: the document with each chart as the SVG the .docx's picture is drawn from. */
    async page(ctx: RequestContext, region: string, year: number, locale: ReportLocale) {
      const d = await document(ctx, region, year, locale);
      const { chartSvg } = await loadCharts();
      return { ...d, appendix: { ...d.appendix, charts: d.appendix.charts.map((c) => ({ ...c, ...chartSvg(c) })) } };
    },

    /** Saves a leader's problems and priorities for the export; both null goes back to the drafted text. */
    async saveTexts(ctx: RequestContext, input: { region: string; year: number; locale: ReportLocale; problems: string | null; priorities: string | null }) {
      const actor = requireStaff(ctx);
      const region = await deps.indicators.visibleRegion(actor, input.region);
      if (!canEditReport(actor, region.code)) throw new Forbidden('auth.forbidden');
      const before = await repo.texts(region.code, input.year, input.locale);
      const revert = input.problems === null && input.priorities === null;
      // Only what was edited is kept: the other text stays as it was (edited before, or the draft).
      const problems = input.problems ?? before?.problems ?? null;
      const priorities = input.priorities ?? before?.priorities ?? null;
      await deps.db.transaction(async (tx) => {
        if (revert) await repo.deleteTexts(tx, region.code, input.year, input.locale);
        else
          await repo.saveTexts(tx, {
            regionCode: region.code,
            year: input.year,
            locale: input.locale,
            problems,
            priorities,
            updatedBy: actor.userId,
            updatedAt: deps.clock.now(),
          });
        await deps.audit(tx, ctx, {
          action: revert ? 'monitoring.report_texts_reverted' : 'monitoring.report_texts_saved',
          entityType: 'region',
          entityId: region.code,
          regionCode: region.code,
          details: {
            year: input.year,
            locale: input.locale,
            before: before ? { problems: before.problems, priorities: before.priorities } : null,
            after: revert ? null : { problems, priorities },
          },
        });
      });
      return document(ctx, region.code, input.year, input.locale);
    },

    async start(ctx: RequestContext, region: string, year: number, locale: ReportLocale) {
      // Scope and permission are checked before the job starts, so a refusal answers the request itself.
      const d = await document(ctx, region, year, locale);
      return deps.jobs.start(ctx, 'monitoring.report', async (progress) => {
        progress(0, 4, 'figures');
        const { buildReportDocx } = await loadDocx();
        const docx = await buildReportDocx(d, (done, phase) => progress(done, 4, phase));
        const filename = `${d.title}.docx`;
        const file = await deps.files.upload(ctx, { purpose: 'document', filename, headerType: DOCX, stream: Readable.from([docx]) });
        progress(4, 4, 'done');
        return { fileId: file.id, url: file.url, filename, size: file.size };
      });
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
