import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { streamWorkbook } from '../../kernel/excel';
import { sendWorkbook } from '../../http/workbook-transfer';
import { translate } from '../../kernel/messages';
import { checkinInput, checkinPassInput, markInput } from '../../../contracts/attendance';
import type { AttendanceService } from './attendance.service';
import {
  checkinCodeAnswer,
  checkInAnswer,
  checkinPassAnswer,
  attendanceSheetAnswer,
  markAnswer,
  summaryAnswer,
  myProgressAnswer,
} from '../../../contracts/attendance';
import { fileBody } from '../../../contracts/answer-shapes';
import { localTime } from '../../../contracts/local-time';

const route = routeOptions(['attendance']);

export function attendanceRoutes(attendance: AttendanceService, opts: { publicOrigins: string[] }) {
  return (app: App) => {
    app.get(
      '/api/offering-sessions/:id/checkin-code',
      route('The rotating check-in code of a session, with its QR code (SVG) of the portal address; changes every 30 s', {
        params: idParam,
        response: { 200: checkinCodeAnswer },
      }),
      (req) => {
        const origin = opts.publicOrigins[0] ?? `${req.protocol}://${req.host}`;
        return attendance.checkinCode(req.ctx, req.params.id, origin);
      },
    );

    app.post(
      '/api/checkins',
      route('A resident checks in with the scanned code (s = session, c = code) or its scan pass (p)', {
        body: checkinInput,
        response: { 200: checkInAnswer },
      }),
      (req) => attendance.checkIn(req.ctx, req.body),
    );

    app.post(
      '/api/checkins/pass',
      route('A scanned code exchanged for a scan pass (5 min) that survives signing in', { body: checkinPassInput, response: { 201: checkinPassAnswer } }),
      (req, reply) => created(reply, attendance.checkinPass(req.body)),
    );

    app.get(
      '/api/offering-sessions/:id/attendance',
      route('The attendance sheet of a session', { params: idParam, response: { 200: attendanceSheetAnswer } }),
      (req) => attendance.sheet(req.ctx, req.params.id),
    );

    app.post(
      '/api/offering-sessions/:id/attendance',
      route('Mark residents present, absent or excused', { params: idParam, body: markInput, response: { 200: markAnswer } }),
      (req) => attendance.mark(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/api/offering-sessions/:id/attendance.xlsx',
      route('The attendance sheet as Excel', { params: idParam, response: { 200: fileBody('A session’s attendance sheet as Excel') } }),
      async (req, reply) => {
        const { sheet, rows } = await attendance.sheetRows(req.ctx, req.params.id);
        const t = (k: string) => translate(k, req.ctx.locale);
        const columns = [
          { key: 'displayName', header: t('attendance.col.name'), width: 16 },
          { key: 'status', header: t('attendance.col.status'), width: 10 },
          { key: 'method', header: t('attendance.col.method'), width: 12 },
          { key: 'checkedInAt', header: t('attendance.col.checked_in_at'), width: 22 },
          { key: 'viaProxy', header: t('attendance.col.via_proxy'), width: 10 },
        ];
        const localDateTime = (iso: string | null) => (iso ? localTime.dateTime(iso) : '');
        const data = rows.map((r) => ({
          displayName: r.displayName,
          status: r.status ? t(`attendance.status.${r.status}`) : '',
          method: r.method ? t(`attendance.method.${r.method}`) : '',
          checkedInAt: localDateTime(r.checkedInAt),
          viaProxy: r.viaProxy ? t('attendance.yes') : '',
        }));
        return sendWorkbook(reply, `${sheet.offering.title}-${sheet.session.seq}.xlsx`, streamWorkbook(t('attendance.sheet_name'), columns, [data]));
      },
    );

    app.get(
      '/api/offerings/:id/attendance',
      route('Attendance of an offering: per session and per resident', { params: idParam, response: { 200: summaryAnswer } }),
      (req) => attendance.summary(req.ctx, req.params.id),
    );

    app.get(
      '/api/me/offerings/:id/attendance',
      route('My attendance and progress towards completion in an offering', { params: idParam, response: { 200: myProgressAnswer } }),
      (req) => attendance.myProgress(req.ctx, req.params.id),
    );
  };
}
