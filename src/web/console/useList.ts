// A paginated list backed by the server's { items, total, page, pageSize }, with loading and error state.
// The path names the route as the contracts do ('/api/offerings/{id}/enrolments'); items, filters and path
// parameters are typed from it.
import { ref, type Ref } from 'vue';
import { call, type Answer, type CallOptions, type PathOf, type QueryOf } from '../shared/api';

// The caller's path types the filters and parameters it passes; inside, the page is fetched as any list route is.
const getPage = call as unknown as <T>(
  method: 'get',
  path: string,
  options: { params?: unknown; query: Record<string, unknown> },
) => Promise<{ items: T[]; total: number; page: number; pageSize: number }>;

/** The GET routes that answer one page of a list. */
export type ListPath = {
  [P in PathOf<'get'>]: Answer<P> extends { items: unknown[]; total: number; page: number; pageSize: number } ? P : never;
}[PathOf<'get'>];
/** One row of a list route's answer. */
export type ListItem<P extends ListPath> = Answer<P> extends { items: (infer I)[] } ? I : never;
/** A list's filters: the route's query without the page, where '' or null (an empty filter field) means "any", as withQuery drops them. */
export type ListFilters<P extends ListPath> = { [K in Exclude<keyof QueryOf<P>, 'page' | 'pageSize'>]?: QueryOf<P>[K] | '' | null };
type ListParams<P extends ListPath> = CallOptions<P, 'get'> extends { params: infer X } ? X : undefined;

export function useList<P extends ListPath>(path: P, query: () => ListFilters<P>, onError: (e: unknown) => string, params?: () => ListParams<P>) {
  const items = ref([]) as Ref<ListItem<P>[]>;
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
      const res = await getPage<ListItem<P>>('get', path, { params: params?.(), query: { ...query(), page: page.value, pageSize: pageSize.value } });
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
