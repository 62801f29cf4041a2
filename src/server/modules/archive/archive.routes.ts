import { z } from 'zod';
import type { App } from '../../http/app';
import { created, routeOptions } from '../../http/route-options';
import { sendPersonal, type ResponseCache } from '../../http/response-cache';
import { pageQuery } from '../../kernel/pagination';
import { streamWorkbook } from '../../kernel/excel';
import { sendWorkbook } from '../../http/workbook-transfer';
import { translate } from '../../kernel/messages';
import { manualRecordInput, SOURCE_TYPES, learningRecord, learningRecordPage, staffLearningRecordPage } from '../../../contracts/archive';
import type { ArchiveService } from './archive.service';
import { fileBody } from '../../../contracts/answer-shapes';
import { localTime } from '../../../contracts/local-time';

const route = routeOptions(['archive']);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');

export function archiveRoutes(archive: ArchiveService, personalReads: ResponseCache) {
  return (app: App) => {
    app.get(
      '/api/me/learning-records',
      route('My learning archive with totals', {
        querystring: z.object({ ...pageQuery, sourceType: z.enum(SOURCE_TYPES).optional() }),
        response: { 200: learningRecordPage },
      }),
      (req, reply) => sendPersonal(personalReads, req, reply, () => archive.mine(req.ctx, req.query)),
    );

    app.get(
      '/api/me/learning-records/export.xlsx',
      route('My whole learning archive as Excel', { response: { 200: fileBody('Excel workbook') } }),
      async (req, reply) => {
        const batches = archive.exportMine(req.ctx);
        const t = (k: string) => translate(k, req.ctx.locale);
        const columns = ['occurredOn', 'title', 'sourceType', 'category', 'outcome', 'hours', 'provider'].map((key) => ({
          key,
          header: t(`archive.col.${key}`),
          width: key === 'title' ? 36 : 14,
        }));
        const categoryNames = await archive.categoryNames(req.ctx.locale);
        const rows = (async function* () {
          for await (const batch of batches) {
            yield batch.map((r) => ({
              occurredOn: localTime.date(r.occurredAt),
              title: r.title,
              sourceType: t(`archive.source.${r.sourceType}`),
              category: r.categoryCode ? (categoryNames.get(r.categoryCode) ?? r.categoryCode) : '',
              outcome: t(`archive.outcome.${r.outcome}`),
              hours: Number(r.hours),
              provider: r.provider ?? '',
            }));
          }
        })();
        return sendWorkbook(reply, `${t('archive.file_name')}.xlsx`, streamWorkbook(t('archive.file_name'), columns, rows));
      },
    );

    app.get(
      '/api/learning-records',
      route('Learning records of residents in your regions', {
        querystring: z.object({
          ...pageQuery,
          residentId: z.string().uuid().optional(),
          region: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          sourceType: z.enum(SOURCE_TYPES).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: staffLearningRecordPage },
      }),
      (req) => archive.list(req.ctx, req.query),
    );

    app.post(
      '/api/learning-records',
      route('Record learning done off the platform', { body: manualRecordInput, response: { 201: learningRecord } }),
      (req, reply) => created(reply, archive.addManual(req.ctx, req.body)),
    );
  };
}
