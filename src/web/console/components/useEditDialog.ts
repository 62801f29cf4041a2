// One record's create-or-edit dialog (institutions, instructors, venues): an edit carries the version read when
// the dialog opened (If-Match), so two staff cannot silently overwrite each other, and sends only the fields that
// differ from what was read, so staff may change details without touching fields they may not (region, type).
// Both are checked with the route's own contract before sending, worded as the API would.
import { ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import type { z } from 'zod';
import { ApiError } from '../../shared/api';
import { byFormItem, formErrors } from '../../shared/form-errors';
import { errorText } from '../util';

export interface EditDialogOptions<B extends object, R extends { version: number }> {
  isOpen: () => boolean;
  /** The record being edited, or null to create one. */
  id: () => string | null;
  /** Empties the form for a new record (with its defaults); an edit then fills it. */
  reset: () => void;
  get: (id: string) => Promise<R>;
  fill: (record: R) => void;
  bodyOf: () => Partial<B>;
  schemas: { create: z.ZodType; patch: z.ZodType };
  create: (body: B) => Promise<R>;
  patch: (id: string, body: Partial<B>, headers: Record<string, string>) => Promise<R>;
}

/** A text field as the body sends it: trimmed, or null when left blank. */
export const textOrNull = (s: string) => (s.trim() ? s.trim() : null);

/** The dialog's own emits: `saved` with the record as the server answered it, and closing itself. */
export interface EditDialogEmit<R> {
  (e: 'saved', record: R): void;
  (e: 'update:modelValue', open: boolean): void;
}

export function useEditDialog<B extends object, R extends { version: number }>(emit: EditDialogEmit<R>, o: EditDialogOptions<B, R>) {
  const { t } = useI18n();
  const close = () => emit('update:modelValue', false);
  const fields = ref<Record<string, string>>({});
  const error = ref('');
  const stale = ref(false);
  const loading = ref(false);
  const busy = ref(false);
  let etag: string | null = null;
  let original: Partial<B> = {};

  async function open() {
    o.reset();
    fields.value = {};
    error.value = '';
    stale.value = false;
    etag = null;
    original = {};
    const id = o.id();
    if (!id) return;
    loading.value = true;
    try {
      const record = await o.get(id);
      etag = `"${record.version}"`; // the ETag the server sends with it
      o.fill(record);
      original = o.bodyOf();
    } catch (e) {
      error.value = errorText(e, t);
    } finally {
      loading.value = false;
    }
  }
  watch(o.isOpen, (v) => {
    if (v) open();
  });

  async function submit() {
    fields.value = {};
    error.value = '';
    stale.value = false;
    const id = o.id();
    const local = byFormItem(formErrors(id ? o.schemas.patch : o.schemas.create, o.bodyOf()));
    if (Object.keys(local).length) {
      fields.value = local;
      return;
    }
    const body = o.bodyOf();
    if (id) {
      for (const k of Object.keys(body) as (keyof B)[]) if (JSON.stringify(body[k]) === JSON.stringify(original[k])) delete body[k];
      if (!Object.keys(body).length) {
        close();
        return;
      }
    }
    busy.value = true;
    try {
      // A new record's required fields were checked above.
      const saved = id ? await o.patch(id, body, etag ? { 'If-Match': etag } : {}) : await o.create(body as B);
      ElMessage.success(id ? t('common.saved') : t('common.created'));
      emit('saved', saved);
      close();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'conflict.stale') stale.value = true;
      else {
        if (e instanceof ApiError) fields.value = byFormItem(e.fields);
        error.value = errorText(e, t);
      }
    } finally {
      busy.value = false;
    }
  }

  /** Whether a record is being edited (else one is created). */
  const editing = () => !!o.id();
  return { fields, error, stale, loading, busy, open, submit, isOpen: o.isOpen, close, editing };
}
