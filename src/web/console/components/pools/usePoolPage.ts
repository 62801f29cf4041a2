// What the instructor and venue pool pages share: the summary beside the list, filters reset and applied, the
// selection for bulk actions, the create/edit dialog and Excel import, template and export.
import { computed, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { errorText } from '../../util';
import { useRowDialog } from '../../useRowDialog';
import { useWorkbook } from '../../useWorkbook';

const PHASES: Record<string, string> = { reading: 'pool.phaseParse', checking: 'pool.phaseCheck', writing: 'pool.phaseWrite' };
/** The columns of every pool's workbook that say who owns a row and whether the levels below see it. */
const OWNERSHIP_FIELDS: Record<string, string> = { ownerRegionCode: 'pool.owner', shared: 'pool.shared' };

export interface PoolPageOptions<S, F extends object> {
  /** '/api/venues' or '/api/instructors': the import template and export live below it. */
  base: string;
  /** The downloaded files' name: `${file}.xlsx`, `${file}-template.xlsx`. */
  file: string;
  list: { load(): unknown; search(): unknown };
  filters: F;
  blank: () => F;
  /** The filters as the list sends them (the export sends them too, but for the sort). */
  query: () => Record<string, string | number | boolean | null | undefined>;
  summary: () => Promise<S>;
  /** An imported row's field named by its column's label (the owner and sharing columns every pool has are known here). */
  fieldKeys: Record<string, string>;
}

/** A summary's counts by key as PoolSummary rows, each key named by `label`. */
export const countRows = (counts: Record<string, number> | undefined, label: (key: string) => string) =>
  Object.entries(counts ?? {}).map(([key, count]) => ({ key, label: label(key), count }));

/** What both pools' summaries count by: the owner's level and the street. */
interface PlaceCounts {
  byLevel: Record<string, number>;
  byStreet: { code: string; name: string; count: number }[];
}

export function usePoolPage<S, F extends object, Row extends { id: string }>(o: PoolPageOptions<S, F>) {
  const { t } = useI18n();
  const fail = (e: unknown) => ElMessage.error(errorText(e, t));

  const summary = ref(null) as Ref<S | null>;
  async function loadSummary() {
    try {
      summary.value = await o.summary();
    } catch {
      summary.value = null;
    }
  }
  function reload() {
    o.list.load();
    void loadSummary();
  }
  function apply() {
    o.list.search();
  }
  function reset() {
    Object.assign(o.filters, o.blank());
    apply();
  }

  const selected = ref([]) as Ref<Row[]>;
  /** A bulk action on the selected rows: how many changed and how many were skipped, then the list again. */
  async function bulk(send: (ids: string[]) => Promise<{ updated: number; skipped: unknown[] }>) {
    try {
      const res = await send(selected.value.map((r) => r.id));
      ElMessage.success(t('pool.bulkDone', { updated: res.updated, skipped: res.skipped.length }));
    } catch (e) {
      fail(e);
    }
    reload();
  }

  const dialogs = useRowDialog<Row>();
  const workbook = useWorkbook(o);
  const fieldKeys = { ...OWNERSHIP_FIELDS, ...o.fieldKeys };
  const fieldLabel = (f: string) => (fieldKeys[f] ? t(fieldKeys[f]) : f);
  const phaseLabel = (p: string) => (PHASES[p] ? t(PHASES[p]) : p);
  /** The bulk actions every pool offers: share rows with the levels below, or stop sharing them. */
  const sharingActions = computed(
    () =>
      [
        { action: 'share', label: t('pool.share') },
        { action: 'unshare', label: t('pool.unshare') },
      ] as const,
  );
  /** The summary's first two groups, the same in every pool. */
  const placeGroups = (s: PlaceCounts) => [
    { title: t('pool.byLevel'), rows: countRows(s.byLevel, (k) => t('level.' + k)) },
    { title: t('pool.byStreet'), rows: s.byStreet.map((r) => ({ key: r.code, label: r.name, count: r.count })) },
  ];

  return {
    filters: o.filters,
    summary,
    loadSummary,
    reload,
    apply,
    reset,
    selected,
    bulk,
    ...dialogs,
    ...workbook,
    fieldLabel,
    phaseLabel,
    sharingActions,
    placeGroups,
    fail,
  };
}
