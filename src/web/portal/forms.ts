// Field errors of one form: filled by the contract schema's check before sending (shared/form-errors.ts) or by
// the server's 422 `details.fields`, worded alike; announced through a summary and tied to each field with
// aria-describedby (see FormField).
import { nextTick, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../shared/api';

/** Error codes that name a field although the server sends no `fields` for them. */
const FIELD_OF_CODE: Record<string, string> = {
  'resident.duplicate_phone': 'phone',
  'resident.duplicate_id_number': 'idNumber',
  'sms.code_invalid': 'smsCode',
  'auth.invalid_credentials': 'password',
};

export function useFormErrors(fieldOrder: string[], idOf: (field: string) => string = (f) => f) {
  const errors = reactive<Record<string, string>>({});
  const summary = ref('');
  // Messages are translated when they are shown; after a language switch, drop them rather than mix languages.
  const { t, locale } = useI18n();
  watch(locale, () => clear());

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k];
    summary.value = '';
  }

  async function focusFirstInvalid() {
    await nextTick();
    const first = fieldOrder.find((f) => errors[f]);
    if (first) document.getElementById(idOf(first))?.focus();
  }

  /** Shows an error from the server: its translated message on top, each named field next to the field. */
  function showApiError(err: unknown, networkMessage: string) {
    clear();
    if (!(err instanceof ApiError)) {
      summary.value = networkMessage;
      return;
    }
    Object.assign(errors, err.fields);
    const field = FIELD_OF_CODE[err.code];
    if (field && fieldOrder.includes(field) && !errors[field]) errors[field] = err.message;
    summary.value = err.message;
    void focusFirstInvalid();
  }

  /** Shows the faults found before sending (formErrors of the form's contract), as a server answer's are; true when there are none. */
  function showFieldErrors(found: Record<string, string>): boolean {
    clear();
    Object.assign(errors, found);
    const n = Object.keys(found).length;
    if (!n) return true;
    summary.value = t('validation.summary', { n });
    void focusFirstInvalid();
    return false;
  }

  function clearField(field: string) {
    delete errors[field];
  }

  /** After a code was asked for: the problem under `field` (focused), or, once it went out, the focus on `next`'s field. */
  function showCodeSent(field: string, problem: string | null, next?: string) {
    if (problem) {
      errors[field] = problem;
      void focusFirstInvalid();
      return;
    }
    if (next) document.getElementById(idOf(next))?.focus();
  }

  const busy = ref(false);
  /** Sends the form, once at a time; a refusal (or no network) is shown as showApiError shows it. */
  async function send(action: () => Promise<unknown>) {
    if (busy.value) return;
    busy.value = true;
    try {
      await action();
    } catch (err) {
      showApiError(err, t('common.networkError'));
    } finally {
      busy.value = false;
    }
  }

  return { errors, summary, clear, clearField, focusFirstInvalid, showApiError, showFieldErrors, showCodeSent, busy, send };
}
