import { eq, sql } from 'drizzle-orm';
import { orderLines, orders, refunds } from '../../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal, toCents } from '../../domain/money.js';
import { changeStock } from '../inventory/stock.service.js';
import { returnUnits } from '../units/units.service.js';
import { IS_PAID } from '../../domain/order-states.js';
import { transition } from '../orders/orders.service.js';
import { withDeadlockRetry } from '../../db/util.js';
import { claimApproval, recordApproval, type Approval } from './approval.service.js';
import { allocateCents, returnRefundCents } from './pos-math.js';
import { withTransaction } from '../../db/transaction.js';
import { systemNote } from '../orders/status-notes.js';

export type ReturnInput = {
  quantities: Record<number, number>;
  reason: string;
  method: 'cash' | 'khqr' | 'other';
  /** Lines sold by serial: the serials coming back, and those that are faulty (not sold again). */
  serials?: Record<number, string>;
  faulty?: Record<number, boolean>;
};

/**
 * Takes back some lines of a paid counter or online order: restocks them through the ledger,
 * records the refund and the approval, and marks the order refunded once everything has come back.
 *
 * The refund is the returned units' share of what was actually paid: the goods part of the grand
 * total (grand total − delivery fee, so after line and sale discounts and with VAT) is split over
 * the lines in proportion to their line totals, and each line's share over its units with
 * cumulative rounding, so returning everything in any steps refunds exactly what was paid.
 * The order row is locked and every limit checked again under the lock.
 */
export async function returnLines(number: string, input: ReturnInput, actorId: number, approval: Approval) {
  const { quantities, method } = input;
  const reason = input.reason.trim();
  if (reason.length < 3) throw new ValidationError({ reason: 'errors.reasonRequired' });
  return withDeadlockRetry(() =>
    withTransaction(async (tx) => {
      await claimApproval(tx, approval);
      const [order] = await tx.select().from(orders).where(eq(orders.number, number)).for('update');
      if (!order) throw new NotFoundError();
      if (!IS_PAID.includes(order.status)) throw new ConflictError('errors.returnNotPaid');
      const lines = await tx
        .select()
        .from(orderLines)
        .where(eq(orderLines.orderId, order.id))
        .orderBy(orderLines.id)
        .for('update');
      const shares = allocateCents(
        toCents(order.grandTotal) - toCents(order.deliveryFee),
        lines.map((l) => toCents(l.lineTotal)),
      );
      let refundCents = 0;
      let any = false;
      for (const [i, line] of lines.entries()) {
        const qty = quantities[line.id] ?? 0;
        if (!qty) continue;
        const left = line.quantity - line.returnedQuantity;
        if (!Number.isInteger(qty) || qty < 0 || qty > left)
          throw new ValidationError({ [`qty_${line.id}`]: 'errors.returnTooMany' });
        any = true;
        refundCents += returnRefundCents(shares[i]!, line.quantity, line.returnedQuantity, qty);
        await tx
          .update(orderLines)
          .set({ returnedQuantity: sql`${orderLines.returnedQuantity} + ${qty}` })
          .where(eq(orderLines.id, line.id));
        if (line.variantId) {
          await changeStock(
            {
              variantId: line.variantId,
              delta: qty,
              reason: 'return',
              orderId: order.id,
              userId: actorId,
              note: reason.slice(0, 255),
            },
            tx,
          );
          // Units known by serial come back by serial: the ones sold on this order.
          const back = await returnUnits(tx, {
            variantId: line.variantId,
            orderId: order.id,
            text: input.serials?.[line.id] ?? '',
            quantity: qty,
            faulty: input.faulty?.[line.id] === true,
            userId: actorId,
            field: `sn_${line.id}`,
          });
          // A faulty unit is not for sale again: it leaves the stock as damaged, through the ledger.
          if (back.faulty)
            await changeStock(
              {
                variantId: line.variantId,
                delta: -back.faulty,
                reason: 'damage',
                orderId: order.id,
                userId: actorId,
                note: reason.slice(0, 255),
              },
              tx,
            );
        }
      }
      if (!any) throw new ValidationError({ _form: 'errors.returnNothing' });
      refundCents = Math.max(0, Math.min(refundCents, toCents(order.grandTotal) - toCents(order.refundedAmount)));
      await tx
        .insert(refunds)
        .values({ orderId: order.id, amount: centsToDecimal(refundCents), reason, method, userId: actorId });
      await tx
        .update(orders)
        .set({ refundedAmount: sql`${orders.refundedAmount} + ${centsToDecimal(refundCents)}` })
        .where(eq(orders.id, order.id));
      const after = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
      if (after.every((l) => l.returnedQuantity >= l.quantity)) {
        await transition(order.id, 'refunded', { actorId, note: systemNote('statusNotes.allReturned', { reason }) });
      }
      await recordApproval(tx, {
        action: 'return',
        approval,
        cashierId: actorId,
        orderNumber: order.number,
        amountCents: refundCents,
        note: reason,
      });
      return { order, refundCents };
    }),
  );
}
