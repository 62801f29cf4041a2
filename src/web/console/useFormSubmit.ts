// A console form's sending: its field errors (found first with the route's contract, then from the API's 422) on
// its el-form-items, the error above the form (or, with `toast`, in a message), and one submission at a time.
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { ApiError } from '../shared/api';
import { errorText } from './util';

export function useFormSubmit(o: { toast?: boolean } = {}) {
  const { t } = useI18n();
  const fields = ref<Record<string, string>>({});
  const error = ref('');
  const busy = ref(false);

  function clear() {
    fields.value = {};
    error.value = '';
  }

  /** Shows the faults found before sending (formErrors of the form's contract); true when there are none. */
  function check(found: Record<string, string>): boolean {
    clear();
    fields.value = found;
    return Object.keys(found).length === 0;
  }

  /** Sends once at a time; a refusal puts the API's field errors on the items and its message above the form. */
  async function send(action: () => Promise<unknown>) {
    if (busy.value) return;
    busy.value = true;
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError) fields.value = e.fields;
      if (o.toast) ElMessage.error(errorText(e, t));
      else error.value = errorText(e, t);
    } finally {
      busy.value = false;
    }
  }

  return { fields, error, busy, clear, check, send };
}
