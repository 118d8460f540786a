import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import ejs from 'ejs';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../../config/env.js';
import { ROOT, VIEWS_DIR } from '../../config/paths.js';
import { logger } from '../logger.js';
import { translator, type Locale } from '../i18n.js';
import { shopDateTime } from '../../domain/shop-time.js';

interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

const OUTBOX_DIR = path.join(ROOT, 'var', 'outbox');
let transport: Transporter | null = null;

function getTransport(): Transporter {
  if (!transport) {
    transport = config.SMTP_URL
      ? nodemailer.createTransport(config.SMTP_URL)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }
  return transport;
}

/** Sends one message; without SMTP_URL it is written to var/outbox as an .eml file. */
async function sendMail(mail: OutgoingMail): Promise<void> {
  const info = (await getTransport().sendMail({ from: config.MAIL_FROM, ...mail })) as {
    message?: Buffer;
    messageId?: string;
  };
  if (!config.SMTP_URL && info.message) {
    await fs.mkdir(OUTBOX_DIR, { recursive: true });
    const file = path.join(OUTBOX_DIR, `${Date.now()}-${crypto.randomBytes(4).toString('hex')}.eml`);
    await fs.writeFile(file, info.message);
    logger.info({ to: mail.to, subject: mail.subject, file }, 'mail written to outbox (SMTP_URL not set)');
  } else {
    logger.info({ to: mail.to, subject: mail.subject, messageId: info.messageId }, 'mail sent');
  }
}

/**
 * Renders views/emails/<template>.html.ejs and .text.ejs in the recipient's language and sends them.
 * A mail failure is logged, never thrown: the action that triggered it has already happened.
 */
export async function sendTemplate(
  template: string,
  to: string,
  locale: Locale,
  data: Record<string, unknown>,
): Promise<boolean> {
  try {
    const t = translator(locale);
    const localTime = (at: Date | string) => String(t('time.local', { time: shopDateTime(at) }));
    const locals = { ...data, t, locale, baseUrl: config.BASE_URL, shopName: t('shop.name'), shopDateTime, localTime };
    const dir = path.join(VIEWS_DIR, 'emails');
    const [html, text] = await Promise.all([
      ejs.renderFile(path.join(dir, `${template}.html.ejs`), locals, { async: false }),
      ejs.renderFile(path.join(dir, `${template}.text.ejs`), locals, {
        async: false,
        escape: (s: unknown) => String(s ?? ''),
      }),
    ]);
    await sendMail({ to, subject: String(t(`emails.${template}.subject`, data)), html, text });
    return true;
  } catch (err) {
    logger.error({ err, template, to }, 'mail could not be sent');
    return false;
  }
}
