import { eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { orderLines, orders, refunds } from '../../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal, toCents } from '../../lib/money.js';
import { changeStock } from '../inventory/stock.service.js';
import { IS_PAID } from '../orders/order-states.js';
import { transition } from '../orders/orders.service.js';

/**
 * Takes back some lines of a paid counter or online order: restocks them through the ledger,
 * records the refund (the lines' sold price, after their discount), and marks the order refunded
 * once everything has come back.
 */
export async function returnLines(number: string, quantities: Record<number, number>, reason: string, method: 'cash' | 'khqr' | 'other', actorId: number) {
  if (reason.trim().length < 3) throw new ValidationError({ reason: 'errors.reasonRequired' });
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.number, number)).for('update');
    if (!order) throw new NotFoundError();
    if (!IS_PAID.includes(order.status)) throw new ConflictError('errors.returnNotPaid');
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    let refundCents = 0;
    let any = false;
    for (const line of lines) {
      const qty = quantities[line.id] ?? 0;
      if (!qty) continue;
      const left = line.quantity - line.returnedQuantity;
      if (!Number.isInteger(qty) || qty < 0 || qty > left) throw new ValidationError({ [`qty_${line.id}`]: 'errors.returnTooMany' });
      any = true;
      // Each unit refunds its share of the line total (the discount spread evenly).
      refundCents += Math.round((toCents(line.lineTotal) * qty) / line.quantity);
      await tx.update(orderLines).set({ returnedQuantity: sql`${orderLines.returnedQuantity} + ${qty}` }).where(eq(orderLines.id, line.id));
      if (line.variantId) await changeStock({ variantId: line.variantId, delta: qty, reason: 'return', orderId: order.id, userId: actorId, note: reason.slice(0, 255) }, tx);
    }
    if (!any) throw new ValidationError({ _form: 'errors.returnNothing' });
    refundCents = Math.min(refundCents, toCents(order.grandTotal) - toCents(order.refundedAmount));
    await tx.insert(refunds).values({ orderId: order.id, amount: centsToDecimal(refundCents), reason: reason.trim(), method, userId: actorId });
    await tx.update(orders).set({ refundedAmount: sql`${orders.refundedAmount} + ${centsToDecimal(refundCents)}` }).where(eq(orders.id, order.id));
    const after = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    if (after.every((l) => l.returnedQuantity >= l.quantity)) {
      await transition(order.id, 'refunded', { actorId, note: `All items returned: ${reason.trim()}` }, tx);
    }
    return { order, refundCents };
  });
}
