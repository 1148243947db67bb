import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';

/** One outgoing message; `text` is the whole body (plain text: nothing to render, nothing to track). */
export type Mail = { to: string; subject: string; text: string };

/** Sends mail through SMTP, or writes it to the outbox folder when no SMTP server is configured. */
export type Mailer = { send(mail: Mail): Promise<void>; describe: string };

/**
 * SMTP when both `smtpUrl` and `from` are set; otherwise each message becomes an `.eml` file in `outboxDir`
 * that an administrator can read or forward. The outbox uses the same message builder as SMTP, so the file
 * is exactly what would have been sent.
 */
export function createMailer(opts: { smtpUrl?: string; from?: string; outboxDir: string }): Mailer {
  if (opts.smtpUrl && opts.from) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    const host = new URL(opts.smtpUrl).host;
    return {
      describe: `Mail: SMTP through ${host}, from ${opts.from}.`,
      async send(mail) {
        await transport.sendMail({ from: opts.from, ...mail });
      },
    };
  }
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const from = opts.from ?? 'Vaultshare <vaultshare@localhost>';
  return {
    describe: `Mail: no SMTP_URL and MAIL_FROM, so outgoing messages are written to ${opts.outboxDir} as .eml files.`,
    async send(mail) {
      const info = await builder.sendMail({ from, ...mail });
      mkdirSync(opts.outboxDir, { recursive: true });
      // A sortable, unique name: the administrator reads the outbox oldest first.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      writeFileSync(join(opts.outboxDir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
