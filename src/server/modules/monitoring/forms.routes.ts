import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { receiveUpload, sendNamedWorkbook } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { formTaskInput, formTemplateInput, reviewInput, submissionInput } from '../../../contracts/monitoring';
import type { FormsService } from './forms.service';
import {
  formTemplatePage,
  formTemplateDetail,
  formTaskPage,
  formTaskDetail,
  assignmentPage,
  assignmentDetail,
  onTimeRates,
  noticePage,
} from '../../../contracts/monitoring';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['monitoring']);

export function formRoutes(forms: FormsService) {
  return (app: App) => {
    app.get('/api/monitoring/form-templates', route({ querystring: z.object(pageQuery), response: { 200: formTemplatePage } }), (req) =>
      forms.listTemplates(req.ctx, req.query),
    );
    app.get('/api/monitoring/form-templates/:id', route({ params: idParam, response: { 200: formTemplateDetail } }), (req) =>
      forms.template(req.ctx, req.params.id),
    );
    app.post('/api/monitoring/form-templates', route({ body: formTemplateInput, response: { 201: formTemplateDetail } }), (req, reply) =>
      created(reply, forms.createTemplate(req.ctx, req.body)),
    );
    app.put(
      '/api/monitoring/form-templates/:id',
      route({ params: idParam, body: formTemplateInput.extend({ version: z.number().int().min(1) }), response: { 200: formTemplateDetail } }),
      (req) => forms.updateTemplate(req.ctx, req.params.id, req.body, req.body.version),
    );

    app.get(
      '/api/monitoring/form-tasks',
      route({ querystring: z.object({ ...pageQuery, period: z.string().max(8).optional() }), response: { 200: formTaskPage } }),
      (req) => forms.listTasks(req.ctx, req.query),
    );
    app.get('/api/monitoring/form-tasks/:id', route({ params: idParam, response: { 200: formTaskDetail } }), (req) => forms.task(req.ctx, req.params.id));
    app.post(
      '/api/monitoring/form-tasks',
      route('Assign a template to units for a period with a deadline', { body: formTaskInput, response: { 201: formTaskDetail } }),
      (req, reply) => created(reply, forms.createTask(req.ctx, req.body)),
    );

    app.get(
      '/api/monitoring/assignments',
      route('Reports the caller’s units must fill', {
        querystring: z.object({ ...pageQuery, status: z.enum(['pending', 'submitted', 'returned', 'accepted']).optional() }),
        response: { 200: assignmentPage },
      }),
      (req) => forms.myAssignments(req.ctx, req.query),
    );
    app.get('/api/monitoring/assignments/:id', route({ params: idParam, response: { 200: assignmentDetail } }), (req) =>
      forms.assignment(req.ctx, req.params.id),
    );
    app.post(
      '/api/monitoring/assignments/:id/submissions',
      route('Submit a new version (all fields validated; nothing saved on any error)', {
        params: idParam,
        body: submissionInput,
        response: { 200: assignmentDetail },
      }),
      (req) => forms.submit(req.ctx, req.params.id, req.body.values),
    );
    app.get(
      '/api/monitoring/assignments/:id/template.xlsx',
      route({ params: idParam, response: { 200: fileBody('The assignment’s Excel template to fill in and upload') } }),
      (req, reply) => sendNamedWorkbook(reply, forms.excelTemplate(req.ctx, req.params.id)),
    );
    app.post(
      '/api/monitoring/assignments/:id/upload',
      route('Submit by uploading the filled Excel template (multipart field "file")', { params: idParam, response: { 200: assignmentDetail } }),
      async (req) => {
        return forms.submitExcel(req.ctx, req.params.id, await receiveUpload(req));
      },
    );
    app.post(
      '/api/monitoring/assignments/:id/review',
      route('Accept or return the submitted version', { params: idParam, body: reviewInput, response: { 200: assignmentDetail } }),
      (req) => forms.review(req.ctx, req.params.id, req.body),
    );

    app.get('/api/monitoring/on-time', route('On-time reporting rate per unit', { response: { 200: onTimeRates } }), (req) => forms.onTimeRates(req.ctx));
    app.get('/api/monitoring/notices', route('Reminders for the caller’s units', { querystring: z.object(pageQuery), response: { 200: noticePage } }), (req) =>
      forms.notices(req.ctx, req.query),
    );
  };
}
