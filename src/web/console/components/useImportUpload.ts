// An Excel import's upload, shared by its dialogs: the chosen file, sent once at a time; then the count created, or
// every bad row (the server writes all rows or none). An upload that starts a job leaves its id for JobProgress,
// whose end comes back through jobDone or jobFailed. All of it starts afresh each time the dialog opens.
import { ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError, type Answer } from '../../shared/api';
import { errorText } from '../util';

export interface ImportRowError {
  row: number;
  field?: string;
  message: string;
}

export interface ImportUploadOptions {
  isOpen: () => boolean;
  /** Posts the file: the rows are created at once ({ created }) or by a job ({ jobId }). */
  send: (body: FormData) => Promise<{ created: number } | { jobId: string }>;
  /** The header above `n` bad rows. */
  failedText: (n: number) => string;
  imported: (created: number) => void;
}

export function useImportUpload(o: ImportUploadOptions) {
  const { t } = useI18n();
  const file = ref<File | null>(null);
  /** The file input, where the dialog binds it: emptied as the dialog opens. */
  const fileInput = ref<HTMLInputElement | null>(null);
  const busy = ref(false);
  const error = ref('');
  const rows = ref<ImportRowError[]>([]);
  const created = ref<number | null>(null);
  const jobId = ref<string | null>(null);

  function clearOutcome() {
    error.value = '';
    rows.value = [];
    created.value = null;
  }
  watch(o.isOpen, (open) => {
    if (!open) return;
    file.value = null;
    clearOutcome();
    jobId.value = null;
    if (fileInput.value) fileInput.value.value = '';
  });

  async function upload() {
    if (!file.value) return;
    busy.value = true;
    clearOutcome();
    jobId.value = null;
    try {
      const fd = new FormData();
      fd.append('file', file.value, file.value.name);
      const res = await o.send(fd);
      if ('jobId' in res) {
        jobId.value = res.jobId;
        return;
      }
      finish(res.created);
    } catch (e) {
      if (e instanceof ApiError && e.rows.length) showRows(e.rows);
      else error.value = errorText(e, t);
      busy.value = false;
    }
  }

  function finish(n: number) {
    created.value = n;
    busy.value = false;
    o.imported(n);
  }

  function showRows(list: ImportRowError[]) {
    rows.value = [...list].sort((a, b) => a.row - b.row);
    // The count is of the errors listed below, so the header and the list agree.
    error.value = o.failedText(list.length);
  }

  function jobDone(result: unknown) {
    jobId.value = null;
    finish((result as { created?: number } | null)?.created ?? 0);
  }

  function jobFailed(err: NonNullable<Answer<'/api/jobs/{id}'>['error']>) {
    jobId.value = null;
    busy.value = false;
    const list = Array.isArray(err.details?.rows) ? (err.details.rows as ImportRowError[]) : [];
    if (list.length) showRows(list);
    else error.value = err.message;
  }

  return { file, fileInput, busy, error, rows, created, jobId, clearOutcome, upload, jobDone, jobFailed };
}
