import { and, eq } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { products, users, variants } from '../../db/schema.js';
import { affectedRows } from '../../db/util.js';
import { sendTemplate } from '../../lib/email/mailer.js';
import { logger } from '../../lib/logger.js';

/**
 * Emails every admin once per crossing: a variant whose stock went to or under its threshold is
 * 'pending' until one process claims it (conditional update) and sends the alert.
 */
export async function sendLowStockAlerts(): Promise<number> {
  const pending = await db
    .select({
      id: variants.id,
      sku: variants.sku,
      title: variants.title,
      stock: variants.stock,
      threshold: variants.lowStockThreshold,
      product: products.name,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.lowStockAlert, 'pending'))
    .limit(100);
  if (!pending.length) return 0;
  const admins = await db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, 'admin')));
  let sent = 0;
  for (const v of pending) {
    const claimed = await db
      .update(variants)
      .set({ lowStockAlert: 'sent' })
      .where(and(eq(variants.id, v.id), eq(variants.lowStockAlert, 'pending')));
    if (affectedRows(claimed) !== 1) continue;
    for (const admin of admins.filter((a) => a.email)) {
      await sendTemplate('low-stock', admin.email, admin.locale, { name: admin.name, variant: v, number: v.sku });
    }
    sent++;
  }
  if (sent) logger.info({ sent }, 'low-stock alerts sent');
  return sent;
}
