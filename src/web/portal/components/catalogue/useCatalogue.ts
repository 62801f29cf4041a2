// What the course and offering catalogues share: filters kept in the URL, a page of twelve at a time with "load
// more", and the loading and failure state their results section shows.
import { reactive, ref, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';

/** The state a catalogue's results section shows, and how it asks for the first or the next page. */
export interface CatalogueState {
  readonly items: Readonly<Ref<readonly unknown[]>>;
  readonly total: Readonly<Ref<number>>;
  readonly loading: Readonly<Ref<boolean>>;
  readonly failed: Readonly<Ref<boolean>>;
  load(more?: boolean): Promise<void>;
}

const fromQuery = (v: unknown) => (typeof v === 'string' ? v : '');

/** The filters as the URL and the selects hold them ('' = any), in `keys` order; `fetchPage` asks the server for one page. */
export function useCatalogue<K extends string, T>(
  keys: readonly K[],
  fetchPage: (filters: Record<K, string>, page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
) {
  const route = useRoute();
  const router = useRouter();
  const filters = reactive(Object.fromEntries(keys.map((k) => [k, fromQuery(route.query[k])]))) as Record<K, string>;
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);
  const failed = ref(false);

  async function load(more = false) {
    loading.value = true;
    failed.value = false;
    try {
      page.value = more ? page.value + 1 : 1;
      const res = await fetchPage(filters, page.value, 12);
      items.value = more ? [...items.value, ...res.items] : res.items;
      total.value = res.total;
    } catch {
      failed.value = true;
    } finally {
      loading.value = false;
    }
  }
  function search() {
    router.replace({ query: Object.fromEntries(Object.entries(filters as Record<string, string>).filter(([, v]) => v)) });
    load();
  }
  return { filters, items, total, loading, failed, load, search };
}
