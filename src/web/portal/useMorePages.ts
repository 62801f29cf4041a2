// A resident's own history read twenty entries at a time: each call of `more` appends the next page, and a
// failure is kept as the text the page shows.
import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../shared/api';

interface Page {
  items: unknown[];
  total: number;
  page: number;
}

/** `fetchPage` asks for one page; `onPage` reads what else a page answers (a balance, totals) before `more` ends. */
export function useMorePages<P extends Page>(fetchPage: (query: { page: number; pageSize: number }) => Promise<P>, onPage?: (res: P) => unknown) {
  const { t } = useI18n();
  const items = ref([]) as Ref<P['items']>;
  const total = ref(0);
  const page = ref(0);
  const loading = ref(false);
  const error = ref('');
  const showError = (e: unknown) => {
    error.value = e instanceof ApiError ? e.message : t('common.networkError');
  };

  async function more() {
    loading.value = true;
    try {
      const res = await fetchPage({ page: page.value + 1, pageSize: 20 });
      items.value.push(...res.items);
      total.value = res.total;
      page.value = res.page;
      await onPage?.(res);
    } catch (e) {
      showError(e);
    } finally {
      loading.value = false;
    }
  }

  return { items, total, page, loading, error, showError, more };
}
