// The published (or draft) ranking of an assessment as a workbook: each subject's total and rank, and
// every criterion's score beside the evidence it rests on.
import { loadExcelJS } from '../../kernel/excel';
import type { RequestContext } from '../../kernel/actor';
import type { AssessmentService } from './assessment.service';

const SOURCE_ZH: Record<string, string> = { reviewer: '评审打分', indicator: '指标数据', on_time_reporting: '按时报送率' };

function evidenceText(e: Record<string, unknown> | null): string {
  if (!e) return '';
  if (e.computedFrom === 'governance_tasks')
    return e.noData || !e.tasksDue ? '无到期任务：无数据，不计分' : `按任务进度计算：到期 ${e.tasksDue} 项，按时报送 ${e.reportedOnTime} 项`;
  if (e.computedFrom === 'monitoring') {
    if (e.noData) return `监测指标 ${e.indicatorKey}：无数据，不计分`;
    return `监测指标 ${e.indicatorKey}（${e.indicatorName}）${e.partialCoverage ? `，${e.coverage}，数据不全，不计分` : ''}`;
  }
  return [e.reference, e.indicatorKey ? `指标 ${e.indicatorKey}` : ''].filter(Boolean).join('；');
}

export function createAssessmentExcel(deps: { assessment: AssessmentService }) {
  return {
    async results(ctx: RequestContext, planId: string): Promise<{ file: Buffer; filename: string }> {
      const { plan, items } = await deps.assessment.results(ctx, planId);
      const wb = new (await loadExcelJS()).Workbook();
      const sheet = wb.addWorksheet('考核结果');
      const header = ['名次', '考核对象', '总分', ...plan.criteria.flatMap((c) => [`${c.name}（权重 ${c.weight}）`, `${c.name}依据`])];
      sheet.addRow(header).font = { bold: true };
      for (const r of items) {
        sheet.addRow([
          r.rank,
          r.subjectName,
          r.total,
          ...plan.criteria.flatMap((c) => {
            const cell = r.scores.find((s) => s.criterionId === c.id);
            return [cell?.score ?? (cell?.noData ? '无数据' : ''), evidenceText((cell?.evidence as Record<string, unknown> | null) ?? null)];
          }),
        ]);
      }
      sheet.columns.forEach((col, i) => {
        col.width = i < 3 ? [6, 20, 8][i] : i % 2 === 1 ? 12 : 36;
      });
      const info = wb.addWorksheet('说明');
      info.addRows([
        ['考核方案', plan.title],
        ['年度', plan.year],
        ['状态', plan.status === 'published' ? `已发布（${plan.publishedAt}）` : '未发布'],
        ['指标', plan.criteria.map((c) => `${c.name}：${SOURCE_ZH[c.source] ?? c.source}，权重 ${c.weight}`).join('；')],
        ['计分', '总分 = Σ 各指标得分 × 权重 ÷ Σ 权重（无数据的指标不计分，也不计入权重）；同分同名次'],
      ]);
      info.getColumn(1).width = 12;
      info.getColumn(2).width = 90;
      return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${plan.title}-考核结果.xlsx` };
    },
  };
}

export type AssessmentExcel = ReturnType<typeof createAssessmentExcel>;
