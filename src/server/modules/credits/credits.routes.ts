import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { sendWorkbook } from '../../http/workbook-transfer';
import { sendPersonal, type ResponseCache } from '../../http/response-cache';
import { pageQuery } from '../../kernel/pagination';
import { Unauthenticated } from '../../kernel/errors';
import { exportColumn as col, streamWorkbook, type SheetColumn } from '../../kernel/excel';
import {
  CONVERSION_STATUSES,
  CREDIT_CATEGORIES,
  ENTRY_KINDS,
  RECOGNITION_STATUSES,
  conversionDecision,
  conversionInput,
  conversionRuleInput,
  correctionInput,
  partnerDepositInput,
  programmeCourseInput,
  programmeInput,
  recognitionDecision,
  recognitionInput,
  resubmissionInput,
  standardInput,
  standardVersionInput,
  conversionApplicationPage,
  conversionApplicationDetail,
  creditAccountPage,
  creditAccountDetail,
  creditEntry,
  creditEntryPage,
  staffCreditEntryPage,
  creditProgramme,
  creditProgrammePage,
  creditProgrammeDetail,
  programmeCourseAnswer,
  programmeRuleAnswer,
  creditStandardPage,
  creditStandardDetail,
  creditStandardVersionAnswer,
  myCreditAccount,
  recognitionApplicationDetail,
  recognitionApplicationPage,
  staffRecognitionApplicationPage,
} from '../../../contracts/credits';
import type { CreditsService } from './credits.service';
import type { CreditPartner } from './credits.core';
import type { RequestContext } from '../../kernel/actor';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['credits']);

const codeParam = z.object({ code: z.string().max(40) });
const region = z.string().max(12).optional();

export interface CreditPartners {
  authenticate(key: string, secret: string): Promise<CreditPartner | null>;
}

const ENTRY_COLUMNS = [
  col('seq', '序号', 8),
  col('createdAt', '记账时间', 22),
  col('residentName', '居民'),
  col('regionCode', '社区代码'),
  col('kind', '类型', 10),
  col('category', '类别', 18),
  col('credits', '学分', 8),
  col('title', '内容', 36),
  col('standardCode', '标准'),
  col('standardVersion', '版本', 6),
  col('reason', '原因', 30),
];
const RECOGNITION_COLUMNS = [
  col('createdAt', '申请时间', 22),
  col('residentName', '申请人'),
  col('regionCode', '社区代码'),
  col('title', '学习成果', 30),
  col('provider', '颁发或举办单位', 24),
  col('occurredOn', '取得日期', 12),
  col('standardCode', '标准'),
  col('hours', '学时', 8),
  col('level', '等级'),
  col('evidenceCount', '材料数', 8),
  col('status', '状态', 10),
  col('credits', '学分', 8),
  col('decisionNote', '处理意见', 30),
];
const CONVERSION_COLUMNS = [
  col('createdAt', '申请时间', 22),
  col('residentName', '申请人'),
  col('regionCode', '社区代码'),
  col('programmeName', '专业', 30),
  col('courseName', '课程', 24),
  col('courseCredits', '课程学分', 8),
  col('status', '状态', 10),
  col('decisionNote', '处理意见', 30),
];

/**
 * Sends an export as the workbook `<sheetName>.xlsx`, its first batch (and so its scope check) run before the answer
 * starts streaming.
 */
async function sendExport(reply: FastifyReply, sheetName: string, columns: SheetColumn[], rows: AsyncGenerator<Record<string, unknown>[]>) {
  const first = await rows.next();
  const workbook = await streamWorkbook(
    sheetName,
    columns,
    (async function* () {
      if (!first.done) yield first.value;
      yield* rows;
    })(),
  );
  return sendWorkbook(reply, `${sheetName}.xlsx`, workbook);
}

export function creditRoutes(credits: CreditsService, partners: CreditPartners, personalReads: ResponseCache) {
  return (app: App) => {
    /**
     * A staff list and its Excel export, filtered alike: `GET path` answers a page, `GET path/export.xlsx` every
     * row as the workbook `<sheet>.xlsx`. `listOnly` filters the list takes and the export does not.
     */
    function listWithExport<Filters extends z.ZodRawShape, Answer extends z.ZodType, ListOnly extends z.ZodRawShape = Record<never, never>>(
      path: string,
      shapes: { filters: Filters; listOnly?: ListOnly; page: Answer },
      list: (ctx: RequestContext, q: NoInfer<z.output<z.ZodObject<typeof pageQuery & Filters & ListOnly>>>) => Promise<NoInfer<z.input<Answer>>>,
      workbook: {
        sheet: string;
        columns: SheetColumn[];
        rows: (ctx: RequestContext, q: NoInfer<z.output<z.ZodObject<Filters>>>) => AsyncGenerator<Record<string, unknown>[]>;
      },
    ) {
      const listQuery = z.object({ ...pageQuery, ...shapes.filters, ...shapes.listOnly });
      const exportQuery = z.object(shapes.filters);
      // The type provider cannot resolve a generic schema's types inside this function; the parameters above
      // check each caller's queries and answer instead.
      type ListQuery = Parameters<typeof list>[1];
      type ExportQuery = Parameters<typeof workbook.rows>[1];
      app.get(path, route({ querystring: listQuery, response: { 200: shapes.page } }), (req) => list(req.ctx, req.query as ListQuery) as never);
      app.get(`${path}/export.xlsx`, route({ querystring: exportQuery, response: { 200: fileBody('Excel workbook') } }), async (req, reply) =>
        sendExport(reply, workbook.sheet, workbook.columns, workbook.rows(req.ctx, req.query as ExportQuery)),
      );
    }

    // Residents' own account.
    app.get('/api/me/credits', route('My credit account: balance by category (opens it on first read)', { response: { 200: myCreditAccount } }), (req, reply) =>
      sendPersonal(personalReads, req, reply, () => credits.mine(req.ctx)),
    );
    app.get(
      '/api/me/credit-entries',
      route({
        querystring: z.object({ ...pageQuery, category: z.enum(CREDIT_CATEGORIES).optional(), kind: z.enum(ENTRY_KINDS).optional() }),
        response: { 200: creditEntryPage },
      }),
      (req, reply) => sendPersonal(personalReads, req, reply, () => credits.myEntries(req.ctx, req.query)),
    );
    app.get(
      '/api/me/recognition-applications',
      route({
        querystring: z.object({ ...pageQuery, status: z.enum(RECOGNITION_STATUSES).optional() }),
        response: { 200: recognitionApplicationPage },
      }),
      (req) => credits.myRecognitions(req.ctx, req.query),
    );
    app.get(
      '/api/me/conversion-applications',
      route({
        querystring: z.object({ ...pageQuery, status: z.enum(CONVERSION_STATUSES).optional() }),
        response: { 200: conversionApplicationPage },
      }),
      (req) => credits.myConversions(req.ctx, req.query),
    );

    // Staff: accounts, the ledger and corrections.
    app.get('/api/credit-accounts', route({ querystring: z.object({ ...pageQuery, region }), response: { 200: creditAccountPage } }), (req) =>
      credits.listAccounts(req.ctx, req.query),
    );
    app.get('/api/credit-accounts/:id', route('A resident’s account by resident id', { params: idParam, response: { 200: creditAccountDetail } }), (req) =>
      credits.account(req.ctx, req.params.id),
    );
    listWithExport(
      '/api/credit-entries',
      {
        filters: { region, kind: z.enum(ENTRY_KINDS).optional(), category: z.enum(CREDIT_CATEGORIES).optional() },
        listOnly: { residentId: z.string().uuid().optional() },
        page: staffCreditEntryPage,
      },
      credits.listEntries,
      { sheet: '学分台账', columns: ENTRY_COLUMNS, rows: credits.exportEntries },
    );
    app.post(
      '/api/credit-corrections',
      route('A compensating ledger entry (never an update)', { body: correctionInput, response: { 201: creditEntry } }),
      (req, reply) => created(reply, credits.correct(req.ctx, req.body)),
    );

    // Partner platforms deposit with their Basic credentials.
    app.post(
      '/api/credit-deposits',
      route('A partner platform deposits an outcome (HTTP Basic, scope credits/write); idempotent by recordId', {
        body: partnerDepositInput,
        response: { 200: creditEntry, 201: creditEntry },
      }),
      async (req, reply) => {
        const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
        const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
        const i = decoded.indexOf(':');
        const partner = i > 0 ? await partners.authenticate(decoded.slice(0, i), decoded.slice(i + 1)) : null;
        if (!partner) throw new Unauthenticated('credits.partner_auth');
        const { created, entry } = await credits.depositFromPartner(partner, req.body);
        return reply.status(created ? 201 : 200).send(entry);
      },
    );

    // Standards.
    app.get(
      '/api/credit-standards',
      route('Standards in force today', {
        querystring: z.object({ ...pageQuery, category: z.enum(CREDIT_CATEGORIES).optional() }),
        response: { 200: creditStandardPage },
      }),
      (req) => credits.listStandards(req.ctx, req.query),
    );
    app.get(
      '/api/credit-standards/:code',
      route('A standard: the version in force and every version', { params: codeParam, response: { 200: creditStandardDetail } }),
      (req) => credits.getStandard(req.ctx, req.params.code),
    );
    app.post('/api/credit-standards', route({ body: standardInput, response: { 201: creditStandardVersionAnswer } }), (req, reply) =>
      created(reply, credits.createStandard(req.ctx, req.body)),
    );
    app.post(
      '/api/credit-standards/:code/versions',
      route('A new version effective from a date', { params: codeParam, body: standardVersionInput, response: { 201: creditStandardVersionAnswer } }),
      (req, reply) => created(reply, credits.addStandardVersion(req.ctx, req.params.code, req.body)),
    );

    // Recognition.
    listWithExport(
      '/api/recognition-applications',
      { filters: { status: z.enum(RECOGNITION_STATUSES).optional(), region }, page: staffRecognitionApplicationPage },
      credits.listRecognitions,
      { sheet: '学分认定申请', columns: RECOGNITION_COLUMNS, rows: credits.exportRecognitions },
    );
    app.post('/api/recognition-applications', route({ body: recognitionInput, response: { 201: recognitionApplicationDetail } }), (req, reply) =>
      created(reply, credits.applyRecognition(req.ctx, req.body)),
    );
    app.get('/api/recognition-applications/:id', route({ params: idParam, response: { 200: recognitionApplicationDetail } }), (req) =>
      credits.getRecognition(req.ctx, req.params.id),
    );
    app.post(
      '/api/recognition-applications/:id/decision',
      route('Approve with credits under a standard, reject with a reason, or ask for more', {
        params: idParam,
        body: recognitionDecision,
        response: { 200: recognitionApplicationDetail },
      }),
      (req) => credits.decideRecognition(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/recognition-applications/:id/resubmission',
      route('The applicant adds evidence after being asked for more', {
        params: idParam,
        body: resubmissionInput,
        response: { 200: recognitionApplicationDetail },
      }),
      (req) => credits.resubmitRecognition(req.ctx, req.params.id, req.body),
    );

    // Programmes and conversion.
    app.get(
      '/api/credit-programmes',
      route({ querystring: z.object({ ...pageQuery, status: z.enum(['active', 'closed']).optional() }), response: { 200: creditProgrammePage } }),
      (req) => credits.listProgrammes(req.ctx, req.query),
    );
    app.post('/api/credit-programmes', route({ body: programmeInput, response: { 201: creditProgramme } }), (req, reply) =>
      created(reply, credits.createProgramme(req.ctx, req.body)),
    );
    app.get('/api/credit-programmes/:id', route({ params: idParam, response: { 200: creditProgrammeDetail } }), (req) =>
      credits.getProgramme(req.ctx, req.params.id),
    );
    app.post(
      '/api/credit-programmes/:id/courses',
      route({ params: idParam, body: programmeCourseInput, response: { 201: programmeCourseAnswer } }),
      (req, reply) => created(reply, credits.addCourse(req.ctx, req.params.id, req.body)),
    );
    app.post('/api/credit-programmes/:id/rules', route({ params: idParam, body: conversionRuleInput, response: { 201: programmeRuleAnswer } }), (req, reply) =>
      created(reply, credits.addRule(req.ctx, req.params.id, req.body)),
    );

    listWithExport(
      '/api/conversion-applications',
      { filters: { status: z.enum(CONVERSION_STATUSES).optional(), region }, page: conversionApplicationPage },
      credits.listConversions,
      { sheet: '学分转换申请', columns: CONVERSION_COLUMNS, rows: credits.exportConversions },
    );
    app.post('/api/conversion-applications', route({ body: conversionInput, response: { 201: conversionApplicationDetail } }), (req, reply) =>
      created(reply, credits.applyConversion(req.ctx, req.body.ruleId)),
    );
    app.get('/api/conversion-applications/:id', route({ params: idParam, response: { 200: conversionApplicationDetail } }), (req) =>
      credits.getConversion(req.ctx, req.params.id),
    );
    app.post(
      '/api/conversion-applications/:id/decision',
      route({ params: idParam, body: conversionDecision, response: { 200: conversionApplicationDetail } }),
      (req) => credits.decideConversion(req.ctx, req.params.id, req.body),
    );
  };
}
