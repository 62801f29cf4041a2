// Jobs: long work (imports, reports, draws) run in the background with progress the starter can poll.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': { 'job.not_found': '找不到该任务', 'job.interrupted': '任务因服务重启而中断，请重新提交' },
  en: { 'job.not_found': 'Job not found.', 'job.interrupted': 'The job was interrupted by a restart; please submit it again.' },
});

export { createJobsService, JOB_LEASE_SECONDS, type JobsService, type Progress } from './jobs.service';
export { jobRoutes } from './jobs.routes';
