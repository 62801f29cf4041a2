// The development sender: the message, code included, goes to the server's output, so a developer or a
// demo can sign up without a provider. Never for production (it prints codes and whole phone numbers).
import type { SmsSender } from './sms.kinds';

export const consoleSmsSender: SmsSender = {
  async send(phone, message) {
    process.stdout.write(`[sms] to ${phone}: ${message.text}\n`);
  },
};
