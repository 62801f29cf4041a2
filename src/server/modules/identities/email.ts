// E-mail goes through a pluggable sender. The development sender writes the message to the server's
// log, like the SMS one; a production installation plugs in its mail service in `createPlatform({ email })`.
export interface EmailSender {
  send(to: string, subject: string, text: string): Promise<void>;
}

export const logEmailSender: EmailSender = {
  async send(to, subject, text) {
    process.stdout.write(`[email] to ${to}: ${subject} — ${text}\n`);
  },
};
