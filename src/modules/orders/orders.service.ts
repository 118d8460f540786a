import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { orders, orderStatusLog, paymentProofs, payments, type Order, type OrderStatus } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { logger } from '../../lib/logger.js';
import { releaseUnits, requireSerialsPicked } from '../units/units.service.js';
import { changeStock } from '../inventory/stock.service.js';
import { addItem, findOrCreateCartId, type CartOwner } from '../cart/cart.service.js';
import { canTransition, HOLDS_STOCK, IS_PAID } from '../../domain/order-states.js';
import { assignInvoiceNumber } from './invoice-number.js';
import { sendOrderEmail } from './order-emails.js';
import { findLines, findOrderById } from './orders.queries.js';
import { afterCommit, withTransaction } from '../../db/transaction.js';
import { systemNote } from './status-notes.js';
import { releaseCouponUse } from '../coupons/coupons.service.js';

class IllegalTransitionError extends ConflictError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super('errors.illegalTransition');
  }
}

export type TransitionOptions = {
  actorId?: number | null;
  note?: string | null;
  /** Extra columns to set with the status (paid_at, courier, tracking number, ...). */
  set?: Partial<typeof orders.$inferInsert>;
  /** Only move when the order is in one of these states (optimistic guard). */
  expectFrom?: readonly OrderStatus[];
  emailData?: Record<string, unknown>;
};

/** The states in which an online order's goods leave the shelf for the customer (or the driver). */
const HANDED_OVER: readonly OrderStatus[] = ['ready_for_pickup', 'shipped', 'out_for_delivery', 'held_for_pickup'];

/**
 * The one way an order changes state: locks the row, refuses moves the life cycle does not allow,
 * gives back held stock on cancel, writes the status log, then emails the customer after commit.
 * Inside a caller's transaction (withTransaction) it joins that transaction.
 */
export async function transition(orderId: number, to: OrderStatus, opts: TransitionOptions = {}): Promise<Order> {
  return withTransaction(async (tx) => {
    const [locked] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!locked) throw new NotFoundError();
    if (opts.expectFrom && !opts.expectFrom.includes(locked.status))
      throw new IllegalTransitionError(locked.status, to);
    if (!canTransition(locked.status, to)) throw new IllegalTransitionError(locked.status, to);
    // Goods known by serial leave with their serials picked at packing.
    if (HANDED_OVER.includes(to)) await requireSerialsPicked(tx, orderId);
    // A cancelled order gives its coupon use back (the coupon's lock before any stock row, as at placing).
    if (to === 'cancelled') await releaseCouponUse(tx, orderId);
    // Goods that never left the shop go back on the shelf (through the ledger) when the sale is undone.
    if ((to === 'cancelled' || to === 'refunded') && HOLDS_STOCK.includes(locked.status)) {
      await releaseUnits(tx, orderId, opts.actorId ?? null);
      const lines = await findLines(orderId, tx);
      for (const line of [...lines].sort((a, b) => (a.variantId ?? 0) - (b.variantId ?? 0))) {
        const qty = line.quantity - line.returnedQuantity;
        if (line.variantId && qty > 0) {
          await changeStock(
            { variantId: line.variantId, delta: qty, reason: 'order_cancelled', orderId, userId: opts.actorId ?? null },
            tx,
          );
        }
      }
    }
    await tx
      .update(orders)
      .set({ status: to, ...opts.set })
      .where(eq(orders.id, orderId));
    await tx.insert(orderStatusLog).values({
      orderId,
      fromStatus: locked.status,
      toStatus: to,
      userId: opts.actorId ?? null,
      note: opts.note ?? null,
    });
    await retireOpenPayments(tx, orderId, to, opts.note ?? null);
    // Paid: the invoice number is taken now, in this transaction (gapless; kept if it already has one).
    if (IS_PAID.includes(to)) await assignInvoiceNumber(tx, orderId, opts.set?.paidAt ?? undefined);
    const order = (await findOrderById(orderId, tx))!;
    // The customer hears of it once the change is committed (never of a change that rolled back).
    afterCommit(() => notify(order, to, opts.emailData));
    return order;
  });
}

/** Why a waiting screenshot was closed: the order's own note when it fits the column, else the new status. */
const closedReason = (note: string | null, to: OrderStatus) =>
  note && note.length <= 300 ? note : systemNote(`statusNotes.closed.${to}`);

/**
 * An order that was paid, cancelled or refunded can take no more money: its KHQR codes still payable
 * stop being offered or polled as payable ('superseded' once paid, otherwise 'expired'; the checker
 * still watches them for the late window, only to flag money that arrives anyway), and a screenshot
 * still waiting for review is closed with the reason. In the order's transaction, after its row lock.
 */
async function retireOpenPayments(tx: Tx, orderId: number, to: OrderStatus, note: string | null): Promise<void> {
  if (to !== 'paid' && to !== 'cancelled' && to !== 'refunded') return;
  await tx
    .update(payments)
    .set({ status: to === 'paid' ? 'superseded' : 'expired' })
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'pending')));
  if (to === 'paid') return;
  await tx
    .update(paymentProofs)
    .set({ status: 'rejected', reviewedAt: new Date(), rejectReason: closedReason(note, to) })
    .where(and(eq(paymentProofs.orderId, orderId), eq(paymentProofs.status, 'submitted')));
}

export async function notify(order: Order, status: OrderStatus, emailData?: Record<string, unknown>): Promise<void> {
  try {
    await sendOrderEmail(status, order, await findLines(order.id), emailData);
  } catch (err) {
    logger.error({ err, order: order.number }, 'order email failed');
  }
}

/** A customer may cancel only while the order is unpaid. */
export async function cancelByCustomer(order: Order, actorId: number | null): Promise<Order> {
  return transition(order.id, 'cancelled', {
    actorId,
    note: systemNote('statusNotes.cancelledByCustomer'),
    // Before anything left the shop: unpaid, or a pay-later order not yet out for delivery or held.
    expectFrom: ['pending_payment', 'confirmed'],
  });
}

export type ReorderResult = { added: string[]; skipped: string[] };

/** Puts the order's still-available items back in the cart and says what could not be added. */
export async function reorder(order: Order, owner: CartOwner): Promise<ReorderResult & { cartId: number }> {
  const cartId = await findOrCreateCartId(owner);
  const result: ReorderResult = { added: [], skipped: [] };
  for (const line of await findLines(order.id)) {
    const label = line.variantTitle ? `${line.productName} (${line.variantTitle})` : line.productName;
    if (!line.variantId) {
      result.skipped.push(label);
      continue;
    }
    try {
      const r = await addItem(cartId, line.variantId, line.quantity);
      (r.quantity > 0 ? result.added : result.skipped).push(label);
    } catch {
      result.skipped.push(label);
    }
  }
  return { ...result, cartId };
}
