import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { poolWorkbookRoutes } from '../../http/pool-workbooks';
import { versionedEntryRoutes } from '../../http/versioned-answers';
import { acceptWorkbookImport } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import {
  COURSE_MODES,
  COURSE_STATUSES,
  COURSE_PROVENANCES,
  TARGET_GROUPS,
  courseBulk,
  courseInput,
  coursePatch,
  progressInput,
  resourceInput,
  resourcePatch,
} from '../../../contracts/courses';
import type { CoursesService } from './courses.service';
import type { CoursesExcel } from './courses.excel';
import {
  coursePage,
  summaryAnswer,
  courseImportStarted,
  bulkAnswer,
  courseDetail,
  addResourceAnswer,
  resourceAnswer,
  recordProgressAnswer,
  myProgressAnswer,
  catalogAnswer,
  catalogCourseAnswer,
} from '../../../contracts/courses';
import { requireStaff } from '../../kernel/actor';

const route = routeOptions(['courses']);

const bool = z.enum(['true', 'false']).optional();
const filters = {
  q: z.string().max(100).optional(),
  region: z.string().max(12).optional(),
  level: z.enum(['district', 'street', 'community']).optional(),
  status: z.enum(COURSE_STATUSES).optional(),
  category: z.string().max(32).optional(),
  mode: z.enum(COURSE_MODES).optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  featured: bool,
  shared: bool,
  provenance: z.enum(COURSE_PROVENANCES).optional(),
  callId: z.string().max(64).optional(),
};
const catalogFilters = { q: filters.q, category: filters.category, mode: filters.mode, targetGroup: filters.targetGroup, featured: bool };

export function courseRoutes(courses: CoursesService, excel: CoursesExcel) {
  return (app: App) => {
    app.get(
      '/api/courses',
      route('The course library within the caller’s scope, with what is shared from above', {
        querystring: z.object({ ...pageQuery, ...filters }),
        response: { 200: coursePage },
      }),
      (req) => courses.list(req.ctx, req.query),
    );

    app.get(
      '/api/courses/summary',
      route('Counts by owner level, street, category and status', { querystring: z.object(filters), response: { 200: summaryAnswer } }),
      (req) => courses.summary(req.ctx, req.query),
    );

    poolWorkbookRoutes(app, route, '/api/courses', {
      filters,
      templateName: '课程导入模板.xlsx',
      template: excel.template,
      exportName: '课程资源库.xlsx',
      exportDescription: 'The course library within scope as Excel',
      exportFile: excel.exportFile,
    });

    app.post(
      '/api/courses/import',
      route('Import courses from the template (multipart field "file"), as a job; all or nothing', { response: { 202: courseImportStarted } }),
      (req, reply) => acceptWorkbookImport(req, reply, requireStaff, (workbook) => excel.startImport(req.ctx, workbook)),
    );

    app.post('/api/courses/bulk', route('One action on selected courses, all or nothing', { body: courseBulk, response: { 200: bulkAnswer } }), (req) =>
      courses.bulk(req.ctx, req.body),
    );

    versionedEntryRoutes(app, route, '/api/courses', { input: courseInput, patch: coursePatch, detail: courseDetail }, courses);

    app.post(
      '/api/courses/:id/resources',
      route('Attach an uploaded video, audio or document, or a link', { params: idParam, body: resourceInput, response: { 201: addResourceAnswer } }),
      (req, reply) => created(reply, courses.addResource(req.ctx, req.params.id, req.body)),
    );

    app.patch('/api/resources/:id', route({ params: idParam, body: resourcePatch, response: { 200: addResourceAnswer } }), (req) =>
      courses.updateResource(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/api/resources/:id',
      route('A resource for the player, with the caller’s progress', { params: idParam, response: { 200: resourceAnswer } }),
      (req) => courses.resource(req.ctx, req.params.id),
    );

    app.put(
      '/api/resources/:id/progress',
      route('The player’s report (idempotent; furthest point, time spent and completion never go back)', {
        params: idParam,
        body: progressInput,
        response: { 200: recordProgressAnswer },
      }),
      (req) => courses.recordProgress(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/api/resource-progress',
      route('The signed-in user’s recent learning, to continue where they left off', {
        querystring: z.object({ page: pageQuery.page, pageSize: pageQuery.pageSize }),
        response: { 200: myProgressAnswer },
      }),
      (req) => courses.myProgress(req.ctx, req.query),
    );

    app.get(
      '/api/catalog/courses',
      route('Published courses for everyone (the portal)', { querystring: z.object({ ...pageQuery, ...catalogFilters }), response: { 200: catalogAnswer } }),
      (req) => courses.catalog(req.ctx, req.query),
    );

    app.get('/api/catalog/courses/:id', route({ params: idParam, response: { 200: catalogCourseAnswer } }), (req) =>
      courses.catalogCourse(req.ctx, req.params.id),
    );
  };
}
