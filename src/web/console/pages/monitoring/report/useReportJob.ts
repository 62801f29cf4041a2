// Generating the annual report's .docx as a background job, from the dashboard or the report page: start it,
// follow it (JobProgress calls `done` or `failed`), then offer the file.
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { apiPost, type Body } from '../../../../shared/api';
import { errorText } from '../../../util';

export function useReportJob() {
  const { t } = useI18n();
  const jobId = ref<string | null>(null);
  const file = ref<{ url: string; filename: string } | null>(null);
  async function start(body: Body<'/api/monitoring/reports'>) {
    file.value = null;
    try {
      jobId.value = (await apiPost('/api/monitoring/reports', { body })).id;
    } catch (e) {
      ElMessage.error(errorText(e, t));
    }
  }
  function done(result: unknown) {
    file.value = result as { url: string; filename: string };
    jobId.value = null;
  }
  function failed(e: { message: string }) {
    jobId.value = null;
    ElMessage.error(e.message);
  }
  return { jobId, file, start, done, failed };
}
