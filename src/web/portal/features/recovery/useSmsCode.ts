// Asking for an SMS code: the button counts down until the server allows another, and the notice says where it went.
import { computed, onBeforeUnmount, ref } from 'vue';
import { ApiError, apiPost } from '../../../shared/api';
import { normalizeDigits } from '../../../../contracts/identity';
import { smsCodeRequest } from '../../../../contracts/accounts';
import { formErrors } from '../../../shared/form-errors';

export function useSmsCode(purpose: 'register' | 'login' | 'reset') {
  const sent = ref<{ to: string; min: number } | null>(null);
  const sending = ref(false);
  const secondsLeft = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  const canSend = computed(() => !sending.value && secondsLeft.value === 0);

  function countDown(seconds: number) {
    secondsLeft.value = seconds;
    clearInterval(timer);
    timer = setInterval(() => {
      secondsLeft.value = Math.max(0, secondsLeft.value - 1);
      if (secondsLeft.value === 0) clearInterval(timer);
    }, 1000);
  }
  onBeforeUnmount(() => clearInterval(timer));

  /** Sends a code; resolves to an error message for the phone field, or null when it went out. */
  async function send(phone: string, messages: { network: string }): Promise<string | null> {
    sent.value = null;
    const invalid = formErrors(smsCodeRequest, { phone, purpose }).phone;
    if (invalid) return invalid;
    sending.value = true;
    try {
      const answer = await apiPost('/api/auth/sms-codes', { body: { phone: normalizeDigits(phone), purpose } });
      // The answer masks the phone; it is null only for a phone it could not mask, which the body's check rules out.
      sent.value = { to: answer.sentTo ?? normalizeDigits(phone), min: Math.round(answer.expiresInSeconds / 60) };
      countDown(answer.resendAfterSeconds);
      return null;
    } catch (err) {
      return err instanceof ApiError ? (err.fields.phone ?? err.message) : messages.network;
    } finally {
      sending.value = false;
    }
  }

  return { sent, sending, secondsLeft, canSend, send };
}
