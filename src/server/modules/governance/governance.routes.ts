import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { completionInput, groupMemberInput, progressInput, reporterInput, taskInput, unitInput, visitInput } from '../../../contracts/governance';
import type { GovernanceService } from './governance.service';
import {
  listUnitsAnswer,
  createUnitAnswer,
  listTemplatesAnswer,
  saveTemplateAnswer,
  loadTemplateAnswer,
  listGroupAnswer,
  addGroupMemberAnswer,
  listTasksAnswer,
  createTaskAnswer,
  listVisitsAnswer,
  createVisitAnswer,
} from '../../../contracts/governance';

const route = routeOptions(['governance']);

const region = { regionCode: z.string().trim().max(12).optional() };

export function governanceRoutes(gov: GovernanceService) {
  return (app: App) => {
    app.get('/api/member-units', route({ querystring: z.object(pageQuery), response: { 200: listUnitsAnswer } }), (req) => gov.listUnits(req.ctx, req.query));
    app.post('/api/member-units', route({ body: unitInput, response: { 201: createUnitAnswer } }), (req, reply) =>
      created(reply, gov.createUnit(req.ctx, req.body)),
    );
    app.get(
      '/api/member-unit-templates',
      route('Templates of member units, each named by its source: the shipped Nankai document and those saved by the caller’s regions', {
        response: { 200: listTemplatesAnswer },
      }),
      (req) => gov.listTemplates(req.ctx),
    );
    app.post(
      '/api/member-unit-templates',
      route('Save the district’s member units as its own template', {
        body: z.object({ name: z.string().trim().min(1, 'validation.required').max(100), ...region }),
        response: { 201: saveTemplateAnswer },
      }),
      (req, reply) => created(reply, gov.saveTemplate(req.ctx, req.body)),
    );
    app.post(
      '/api/member-units/template',
      route('Load the member units of a template with their duties (existing names are kept)', {
        body: z.object({ template: z.string().trim().min(1, 'validation.required').max(64), ...region }),
        response: { 201: loadTemplateAnswer },
      }),
      (req, reply) => created(reply, gov.loadTemplate(req.ctx, req.body)),
    );
    app.get('/api/member-units/:id', route({ params: idParam, response: { 200: createUnitAnswer } }), (req) => gov.getUnit(req.ctx, req.params.id));
    app.post(
      '/api/member-units/:id/reporters',
      route('Bind a member_unit_reporter account to the unit', { params: idParam, body: reporterInput, response: { 200: createUnitAnswer } }),
      (req) => gov.bindReporter(req.ctx, req.params.id, req.body.userId),
    );

    app.get('/api/leading-group-members', route({ querystring: z.object(pageQuery), response: { 200: listGroupAnswer } }), (req) =>
      gov.listGroup(req.ctx, req.query),
    );
    app.post('/api/leading-group-members', route({ body: groupMemberInput, response: { 201: addGroupMemberAnswer } }), (req, reply) =>
      created(reply, gov.addGroupMember(req.ctx, req.body)),
    );

    app.get(
      '/api/governance-tasks',
      route({
        querystring: z.object({
          ...pageQuery,
          year: z.coerce.number().int().optional(),
          unit: z.string().uuid().optional(),
          status: z.enum(['open', 'done']).optional(),
          kind: z.enum(['annual', 'rectification']).optional(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          visit: z.string().uuid().optional(),
        }),
        response: { 200: listTasksAnswer },
      }),
      (req) => gov.listTasks(req.ctx, req.query),
    );
    app.post('/api/governance-tasks', route({ body: taskInput.extend(region), response: { 201: createTaskAnswer } }), (req, reply) =>
      created(reply, gov.createTask(req.ctx, req.body)),
    );
    app.get('/api/governance-tasks/:id', route({ params: idParam, response: { 200: createTaskAnswer } }), (req) => gov.getTask(req.ctx, req.params.id));
    app.post('/api/governance-tasks/:id/progress-reports', route({ params: idParam, body: progressInput, response: { 201: createTaskAnswer } }), (req, reply) =>
      created(reply, gov.reportProgress(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/api/governance-tasks/:id/completion',
      route('Close a task (or a rectification) with a note', { params: idParam, body: completionInput, response: { 200: createTaskAnswer } }),
      (req) => gov.completeTask(req.ctx, req.params.id, req.body.closingNote),
    );

    app.get('/api/supervision-visits', route({ querystring: z.object(pageQuery), response: { 200: listVisitsAnswer } }), (req) =>
      gov.listVisits(req.ctx, req.query),
    );
    app.post('/api/supervision-visits', route({ body: visitInput.extend(region), response: { 201: createVisitAnswer } }), (req, reply) =>
      created(reply, gov.createVisit(req.ctx, req.body)),
    );
    app.get('/api/supervision-visits/:id', route({ params: idParam, response: { 200: createVisitAnswer } }), (req) => gov.getVisit(req.ctx, req.params.id));
  };
}
