// SMS sent and failed, counted around whichever sender the installation configured (the development log
// sender, a provider's), so every sender is measured the same way without counting inside each.
import { counter } from './metrics';

export const smsSent = counter('learncity_sms_sent_total', 'SMS messages handed to the provider');
export const smsFailed = counter('learncity_sms_failed_total', 'SMS send attempts the provider refused or that could not be made (each retry counts)');

export function countedSms<M, S extends { send(phone: string, message: M): Promise<void> }>(sender: S): S {
  return {
    ...sender,
    async send(phone: string, message: M) {
      try {
        await sender.send(phone, message);
        smsSent.inc();
      } catch (e) {
        smsFailed.inc();
        throw e;
      }
    },
  };
}
