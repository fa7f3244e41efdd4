// E-mail over SMTP with nodemailer: text + HTML alternatives. nodemailer is loaded on the first
// send, so `okr` commands that never mail do not pay for loading it.
import type { Transporter } from 'nodemailer';
import type { RemindersConfig } from '../config/schema.ts';
import type { Message } from './compose.ts';

export interface Mailer {
  /** Resolves once the server accepted the message for every recipient; rejects otherwise. */
  send(to: string, message: Message): Promise<{ messageId: string }>;
  close(): void;
}

export type EmailConfig = NonNullable<RemindersConfig['email']>;

export function smtpMailer(config: EmailConfig, opts: { timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 30_000;
  const { smtp } = config;
  let transport: Promise<Transporter> | null = null;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      }),
    ));
  return {
    async send(to, message) {
      const info = await (await open()).sendMail({ from: config.from, to, subject: message.subject, text: message.text, html: message.html });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) throw new Error(`the mail server refused ${rejected.join(', ')}`);
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
