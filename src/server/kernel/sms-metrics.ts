// SMS sent and failed, counted around whichever sender the installation configured (the development log
// sender, a provider's), so every sender is measured the same way without counting inside each.
import { counter } from './metrics';

export const smsSent = counter('learncity_sms_sent_total', 'SMS messages handed to the provider');
export const smsFailed = counter('learncity_sms_failed_total', 'SMS messages the provider refused or that could not be sent');

export function countedSms<S extends { send(phone: string, text: string): Promise<void> }>(sender: S): S {
  return {
    ...sender,
    async send(phone: string, text: string) {
      try {
        await sender.send(phone, text);
        smsSent.inc();
      } catch (e) {
        smsFailed.inc();
        throw e;
      }
    },
  };
}
