// Asking for an SMS code: the button counts down until the server allows another, and the notice says where it went.
import { computed, ref } from 'vue';
import { useResendCountdown } from '../../useResendCountdown';
import { ApiError, apiPost } from '../../../shared/api';
import { normalizeDigits } from '../../../../contracts/identity';
import { smsCodeRequest } from '../../../../contracts/accounts';
import { formErrors } from '../../../shared/form-errors';

export function useSmsCode(purpose: 'register' | 'login' | 'reset') {
  const sent = ref<{ to: string; min: number } | null>(null);
  const sending = ref(false);
  const countdown = useResendCountdown();
  const { secondsLeft } = countdown;
  const canSend = computed(() => !sending.value && secondsLeft.value === 0);

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
      countdown.start(answer.resendAfterSeconds);
      return null;
    } catch (err) {
      return err instanceof ApiError ? (err.fields.phone ?? err.message) : messages.network;
    } finally {
      sending.value = false;
    }
  }

  return { sent, sending, secondsLeft, canSend, send };
}
