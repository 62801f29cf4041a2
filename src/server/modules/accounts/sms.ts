// SMS goes through a pluggable sender. The default development sender writes the message to the
// server's log; a production installation plugs in its provider here.
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

export const logSmsSender: SmsSender = {
  async send(phone, text) {
    process.stdout.write(`[sms] to ${phone}: ${text}\n`);
  },
};
