// The staff list of classes and events as an Excel file (Chinese headers), streamed in batches.
import type { Readable } from 'node:stream';
import type { RequestContext } from '../../kernel/actor';
import { exportColumn as col, streamWorkbook } from '../../kernel/excel';
import { term } from '../../kernel/messages';
import type { OfferingsService } from './offerings.service';
import type { OfferingListQuery } from './offerings.core';
import { localTime } from '../../../contracts/local-time';

const COLUMNS = [
  col('kind', '类型', 8),
  col('title', '名称', 30),
  col('categoryName', '类别'),
  col('termName', '学期', 18),
  col('campaignName', '活动主题', 18),
  col('regionName', '所在社区/街道', 16),
  col('institutionName', '举办机构', 20),
  col('venueName', '场地', 20),
  col('instructorName', '教师', 10),
  col('firstStartsAt', '首次上课', 18),
  col('lastEndsAt', '最后一次', 18),
  col('totalHours', '总学时', 8),
  col('capacity', '招生人数', 10),
  col('seatsTaken', '已报名', 8),
  col('fee', '收费（元）', 10),
  col('enrolmentMode', '报名方式', 10),
  col('status', '状态', 8),
];
const MODE = { first_come: '先到先得', lottery: '摇号', approval: '审核', open: '无需报名' } as Record<string, string>;
const localDateTime = (iso: string | null) => (iso ? localTime.dateTime(iso) : '');

export function createOfferingsExcel(deps: { offerings: OfferingsService }) {
  async function exportFile(ctx: RequestContext, q: Omit<OfferingListQuery, 'page' | 'pageSize'>): Promise<Readable> {
    const batches = await deps.offerings.exportBatches(ctx, q);
    const rows = (async function* () {
      for await (const batch of batches) {
        yield (await batch).map((o) => ({
          ...o,
          kind: o.kind === 'class' ? '班级' : '活动',
          capacity: o.capacity ?? '不限',
          fee: o.feeCents / 100,
          enrolmentMode: MODE[o.enrolmentMode] ?? o.enrolmentMode,
          status: term(`offering_status.${o.status}`, 'zh-CN'),
          firstStartsAt: localDateTime(o.firstStartsAt),
          lastEndsAt: localDateTime(o.lastEndsAt),
        }));
      }
    })();
    return streamWorkbook('课程与活动', COLUMNS, rows);
  }
  return { exportFile };
}

export type OfferingsExcel = ReturnType<typeof createOfferingsExcel>;
