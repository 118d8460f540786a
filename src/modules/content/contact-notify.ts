import { config } from '../../config/env.js';
import type { ContactMessage } from '../../db/schema.js';
import { sendTemplate } from '../../lib/email/mailer.js';

/**
 * Tells the shop a visitor wrote: runs once, after the message is committed. The email goes to the shop's own
 * address (MAIL_FROM), in the language the visitor wrote in. The Telegram alert, when it comes, is added here.
 */
export async function notifyShop(message: ContactMessage): Promise<void> {
  await sendTemplate('contact-message', config.MAIL_FROM, message.locale, { message });
}
