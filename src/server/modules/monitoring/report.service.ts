// The annual report as a background job: the overview, charts and the .docx, stored through the files
// module (readable by the staff member who asked); the job's result names the file.
import { Readable } from 'node:stream';
import type { RequestContext } from '../../kernel/actor';
import type { FilesService } from '../files/index';
import type { JobsService } from '../jobs/index';
import type { OverviewService } from './overview.service';
import { buildReportDocx } from './report.docx';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function createReportsService(deps: { overview: OverviewService; jobs: JobsService; files: FilesService }) {
  return {
    async start(ctx: RequestContext, region: string, year: number) {
      // Scope and permission are checked before the job starts, so a refusal answers the request itself.
      // The report is a Chinese document whoever asks for it: its figures and sentences are read in Chinese.
      const first = await deps.overview.overview({ ...ctx, locale: 'zh-CN' }, region, year);
      return deps.jobs.start(ctx, 'monitoring.report', async (progress) => {
        progress(0, 4, 'figures');
        const docx = await buildReportDocx(first, (done, phase) => progress(done, 4, phase));
        const filename = `${first.region.name}${year}年度社区教育发展报告.docx`;
        const file = await deps.files.upload(ctx, { purpose: 'document', filename, headerType: DOCX, stream: Readable.from([docx]) });
        progress(4, 4, 'done');
        return { fileId: file.id, url: file.url, filename, size: file.size };
      });
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
