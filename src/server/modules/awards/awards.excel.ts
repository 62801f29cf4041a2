// The results of a campaign as a workbook for publication and the archive: every nomination in the
// caller's view, its stage, the scores at each stage and the outcome.
import { workbookWithSheet } from '../../kernel/excel';
import type { RequestContext } from '../../kernel/actor';
import type { AwardsService } from './awards.service';

const STAGE_ZH: Record<string, string> = {
  community: '社区推荐',
  street: '街道评审',
  district: '区级评审',
  approved: '区级通过',
  notice: '公示中',
  commended: '已表彰',
};
const STATUS_ZH: Record<string, string> = { active: '有效', rejected: '未推荐', withdrawn: '公示后撤销' };
const KIND_ZH: Record<string, string> = {
  person: '个人',
  family: '家庭',
  community: '社区',
  enterprise: '企业',
  agency: '机关',
  club: '社团',
  building: '楼宇',
  team: '学习团队',
  project: '项目',
  institution: '学校',
  course: '课程',
};

export function createAwardsExcel(deps: { awards: AwardsService }) {
  return {
    async results(ctx: RequestContext, campaignId: string): Promise<{ file: Buffer; filename: string }> {
      const campaign = await deps.awards.getCampaign(ctx, campaignId);
      await deps.awards.campaignFor(ctx, campaignId); // staff only
      const { wb, sheet } = await workbookWithSheet('评选结果', [
        { header: '推荐对象', key: 'name', width: 24 },
        { header: '类型', key: 'kind', width: 10 },
        { header: '街道', key: 'street', width: 16 },
        { header: '社区', key: 'community', width: 18 },
        { header: '社区评分', key: 'community_score', width: 10 },
        { header: '街道评分', key: 'street_score', width: 10 },
        { header: '区级评分', key: 'district_score', width: 10 },
        { header: '所处阶段', key: 'stage', width: 10 },
        { header: '状态', key: 'status', width: 12 },
        { header: '说明', key: 'reason', width: 30 },
        { header: '事迹简介', key: 'summary', width: 60 },
      ]);
      for await (const batch of deps.awards.exportRows(ctx, campaignId)) {
        for (const n of batch) {
          const scoreAt = (stage: string) =>
            n.reviews
              .filter((r) => r.stage === stage && r.weightedScore !== null)
              .map((r) => r.weightedScore)
              .pop() ?? null;
          sheet.addRow({
            name: n.nomineeName,
            kind: KIND_ZH[n.nomineeKind] ?? n.nomineeKind,
            street: n.streetName,
            community: n.communityName,
            community_score: scoreAt('community'),
            street_score: scoreAt('street'),
            district_score: scoreAt('district'),
            stage: STAGE_ZH[n.stage] ?? n.stage,
            status: STATUS_ZH[n.status] ?? n.status,
            reason: n.statusReason ?? '',
            summary: n.summary,
          });
        }
      }
      const info = wb.addWorksheet('说明');
      info.addRows([
        ['评选活动', campaign.title],
        ['年度', campaign.year],
        ['组织单位', campaign.regionName],
        ['推荐名额', `每个社区 ${campaign.quotas.community} 个；每个街道 ${campaign.quotas.street} 个；区级表彰 ${campaign.quotas.district} 个`],
        ['评分标准', campaign.criteria.map((c) => `${c.name}（权重 ${c.weight}）`).join('；')],
        ['公示期', campaign.noticeStartedAt ? `${campaign.noticeStartedAt} 至 ${campaign.noticeEndsAt}` : '未公示'],
        ['表彰', campaign.commendedAt ? `${campaign.commendationTitle}（${campaign.commendedAt}）` : '未表彰'],
      ]);
      info.getColumn(1).width = 12;
      info.getColumn(2).width = 80;
      return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${campaign.title}-评选结果.xlsx` };
    },
  };
}

export type AwardsExcel = ReturnType<typeof createAwardsExcel>;
