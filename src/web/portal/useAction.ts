// A resident's action on a page (cancel, confirm, join, withdraw): one at a time (`busy` disables its buttons), and
// its refusal in the server's words, or that the network failed, as the page's `error`. What it achieved (a
// notice, a reload) the action says itself.
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../shared/api';

export function useAction() {
  const { t } = useI18n();
  const busy = ref(false);
  const error = ref('');

  async function run(action: () => Promise<unknown>) {
    if (busy.value) return;
    busy.value = true;
    error.value = '';
    try {
      await action();
    } catch (e) {
      error.value = e instanceof ApiError ? e.message : t('common.networkError');
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
