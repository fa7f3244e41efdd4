// E-mail over SMTP with nodemailer: one pooled-free transport per run, text + HTML alternatives.
import nodemailer from 'nodemailer';
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
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(to, message) {
      const info = await transport.sendMail({ from: config.from, to, subject: message.subject, text: message.text, html: message.html });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) throw new Error(`the mail server refused ${rejected.join(', ')}`);
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transport.close(),
  };
}
