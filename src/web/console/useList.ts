// A paginated list backed by the server's { items, total, page, pageSize }, with loading and error state.
import { ref, type Ref } from 'vue';
import { get, type Page } from '../shared/api';

type Query = Record<string, string | number | boolean | undefined | null>;

export function useList<T>(path: string | (() => string), query: () => Query, onError: (e: unknown) => string) {
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(20);
  const loading = ref(false);
  const error = ref('');
  let seq = 0;

  async function load() {
    const mine = ++seq;
    loading.value = true;
    error.value = '';
    try {
      const res = await get<Page<T>>(typeof path === 'string' ? path : path(), { ...query(), page: page.value, pageSize: pageSize.value });
      if (mine !== seq) return; // a newer request has been sent meanwhile
      items.value = res.items;
      total.value = res.total;
      page.value = res.page ?? page.value;
      pageSize.value = res.pageSize ?? pageSize.value;
    } catch (e) {
      if (mine !== seq) return;
      items.value = [];
      total.value = 0;
      error.value = onError(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** Filters changed: back to the first page. */
  function search() {
    page.value = 1;
    return load();
  }

  return { items, total, page, pageSize, loading, error, load, search };
}
