import { z } from 'zod';
import type { App } from '../../http/app';
import { Invalid } from '../../kernel/errors';
import { pageQuery } from '../../kernel/pagination';
import { formTaskInput, formTemplateInput, reviewInput, submissionInput } from '../../../contracts/monitoring';
import type { FormsService } from './forms.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParam = z.object({ id: z.string().max(64) });
const tags = ['monitoring'];

export function formRoutes(forms: FormsService) {
  return (app: App) => {
    app.get('/api/monitoring/form-templates', { schema: { tags, querystring: z.object(pageQuery) } }, (req) => forms.listTemplates(req.ctx, req.query));
    app.get('/api/monitoring/form-templates/:id', { schema: { tags, params: idParam } }, (req) => forms.template(req.ctx, req.params.id));
    app.post('/api/monitoring/form-templates', { schema: { tags, body: formTemplateInput } }, async (req, reply) =>
      reply.status(201).send(await forms.createTemplate(req.ctx, req.body)));
    app.put('/api/monitoring/form-templates/:id', { schema: { tags, params: idParam, body: formTemplateInput.extend({ version: z.number().int().min(1) }) } },
      (req) => forms.updateTemplate(req.ctx, req.params.id, req.body, req.body.version));

    app.get('/api/monitoring/form-tasks', { schema: { tags, querystring: z.object({ ...pageQuery, period: z.string().max(8).optional() }) } }, (req) => forms.listTasks(req.ctx, req.query));
    app.get('/api/monitoring/form-tasks/:id', { schema: { tags, params: idParam } }, (req) => forms.task(req.ctx, req.params.id));
    app.post('/api/monitoring/form-tasks', { schema: { tags, summary: 'Assign a template to units for a period with a deadline', body: formTaskInput } }, async (req, reply) =>
      reply.status(201).send(await forms.createTask(req.ctx, req.body)));

    app.get('/api/monitoring/assignments', { schema: { tags, summary: 'Reports the caller’s units must fill', querystring: z.object({ ...pageQuery, status: z.enum(['pending', 'submitted', 'returned', 'accepted']).optional() }) } },
      (req) => forms.myAssignments(req.ctx, req.query));
    app.get('/api/monitoring/assignments/:id', { schema: { tags, params: idParam } }, (req) => forms.assignment(req.ctx, req.params.id));
    app.post('/api/monitoring/assignments/:id/submissions', { schema: { tags, summary: 'Submit a new version (all fields validated; nothing saved on any error)', params: idParam, body: submissionInput } },
      (req) => forms.submit(req.ctx, req.params.id, req.body.values));
    app.get('/api/monitoring/assignments/:id/template.xlsx', { schema: { tags, params: idParam } }, async (req, reply) => {
      const { buffer, filename } = await forms.excelTemplate(req.ctx, req.params.id);
      return reply.type(XLSX).header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(buffer);
    });
    app.post('/api/monitoring/assignments/:id/upload', { schema: { tags, summary: 'Submit by uploading the filled Excel template (multipart field "file")', params: idParam } }, async (req) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw new Invalid('import.bad_file');
      return forms.submitExcel(req.ctx, req.params.id, await file.toBuffer());
    });
    app.post('/api/monitoring/assignments/:id/review', { schema: { tags, summary: 'Accept or return the submitted version', params: idParam, body: reviewInput } },
      (req) => forms.review(req.ctx, req.params.id, req.body));

    app.get('/api/monitoring/on-time', { schema: { tags, summary: 'On-time reporting rate per unit' } }, (req) => forms.onTimeRates(req.ctx));
    app.get('/api/monitoring/notices', { schema: { tags, summary: 'Reminders for the caller’s units', querystring: z.object(pageQuery) } }, (req) => forms.notices(req.ctx, req.query));
  };
}
