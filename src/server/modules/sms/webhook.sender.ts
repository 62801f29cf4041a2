// An in-house SMS gateway (a government cloud's own, or an intranet relay): one JSON POST per message, signed
// like the platform's partner webhooks (X-Learncity-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>" with the shared secret>), so a gateway that already checks those checks these the same way.
// 2xx is delivered; 408, 429 and 5xx are passing (tried again); any other answer is final.
import { randomUUID } from 'node:crypto';
import { signatureOf, SIGNATURE_HEADER } from '../partners/index';
import { SmsProviderError, type SmsMessage, type SmsSender } from './sms.kinds';

export interface WebhookSettings {
  url: string;
  secret: string;
}

export function createWebhookSender(settings: WebhookSettings, deps: { fetch?: typeof fetch; now?: () => Date } = {}): SmsSender {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  return {
    async send(phone: string, message: SmsMessage) {
      const at = now();
      const body = JSON.stringify({ id: randomUUID(), phone, kind: message.kind, params: message.params, text: message.text, createdAt: at.toISOString() });
      let res: Response;
      try {
        res = await doFetch(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'learncity-sms',
            [SIGNATURE_HEADER]: signatureOf(settings.secret, Math.floor(at.getTime() / 1000), body),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        throw new SmsProviderError('network', true, e instanceof Error ? e.message : String(e));
      }
      if (res.ok) return;
      const answer = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      const code = answer?.error?.code ?? `http_${res.status}`;
      throw new SmsProviderError(code, res.status >= 500 || res.status === 429 || res.status === 408, `${code}: ${answer?.error?.message ?? res.statusText}`);
    },
  };
}
