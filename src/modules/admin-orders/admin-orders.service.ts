import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { withDeadlockRetry } from '../../db/util.js';
import { orders, payments, refunds, type Order, type OrderStatus } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { cents, centsToDecimal, toCents, type Cents } from '../../domain/money.js';
import { transition } from '../orders/orders.service.js';
import { CANCEL_REFUNDS, canTransition, IS_PAID, UNPAID } from '../../domain/order-states.js';
import type { ActionInput, OrderAction, RefundMethod } from './admin-orders.schemas.js';
import { withTransaction } from '../../db/transaction.js';
import { systemNote } from '../orders/status-notes.js';

export type { OrderAction } from './admin-orders.schemas.js';
type Actor = { id: number; isAdmin: boolean };

const leftToRefund = (order: Order): Cents => cents(toCents(order.grandTotal) - toCents(order.refundedAmount));

/** Cancelling this order gives money back (so it is a refund, for admins only). */
export const cancelRefunds = (order: Order): boolean => CANCEL_REFUNDS.includes(order.status);

/** The actions the back office offers for an order in its current state. */
export function availableActions(order: Order, isAdmin: boolean): OrderAction[] {
  const a: OrderAction[] = [];
  const can = (to: OrderStatus) => canTransition(order.status, to);
  if (order.status === 'paid' && can('processing')) a.push('confirm');
  if (order.deliveryMethod === 'pickup' && can('ready_for_pickup')) a.push('ready');
  if (order.deliveryMethod === 'delivery' && can('shipped')) a.push('ship');
  if ((order.status === 'ready_for_pickup' || order.status === 'shipped') && can('completed')) a.push('complete');
  a.push(...payLaterActions(order));
  if (order.channel === 'online') {
    // Out for delivery or held at the shop, calling it off is "refused" or "not collected" (above).
    const ownCancel = order.status === 'out_for_delivery' || order.status === 'held_for_pickup';
    if (UNPAID.includes(order.status) && can('cancelled') && !ownCancel) a.push('cancel');
    else if (isAdmin && cancelRefunds(order) && can('refunded')) a.push('cancel');
  }
  if (isAdmin && IS_PAID.includes(order.status) && leftToRefund(order) > 0) a.push('refund');
  return a;
}

/**
 * Orders paid later: cash on delivery goes out with a driver, then the cash is collected or the goods
 * come back; pay at pickup is held at the shop, then paid and collected or not collected.
 */
function payLaterActions(order: Order): OrderAction[] {
  const cod = order.paymentMethod === 'cod' && order.deliveryMethod === 'delivery';
  const atPickup = order.paymentMethod === 'at_pickup' && order.deliveryMethod === 'pickup';
  if (cod && order.status === 'confirmed') return ['dispatch'];
  if (cod && order.status === 'out_for_delivery') return ['collect', 'refuse'];
  if (atPickup && order.status === 'confirmed') return ['hold'];
  if (atPickup && order.status === 'held_for_pickup') return ['handover', 'uncollected'];
  return [];
}

/**
 * Runs one back-office action in one transaction with the order row locked, so parallel clicks
 * and racing actions are serialised: each re-checks what the order allows (and how much is left to
 * refund) under the lock, and the losers get 409 or 422, never a second refund or restock.
 */
export async function runAction(orderId: number, input: ActionInput, actor: Actor): Promise<Order> {
  return withDeadlockRetry(() =>
    withTransaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
      if (!order) throw new NotFoundError();
      if (!availableActions(order, actor.isAdmin).includes(input.action)) {
        if (!actor.isAdmin && availableActions(order, true).includes(input.action))
          throw new ForbiddenError('errors.adminOnlyAction');
        throw new ConflictError('errors.illegalTransition');
      }
      return apply(tx, order, input, actor.id);
    }),
  );
}

async function apply(tx: Tx, order: Order, input: ActionInput, actorId: number): Promise<Order> {
  const by = { actorId };
  switch (input.action) {
    case 'confirm':
      return transition(order.id, 'processing', { ...by, expectFrom: ['paid'] });
    case 'ready':
      return transition(order.id, 'ready_for_pickup', { ...by, expectFrom: ['paid', 'processing'] });
    case 'ship': {
      const { courier, tracking } = input;
      const set = { courier, trackingNumber: tracking };
      const note = `${courier} ${tracking}`;
      const emailData = { courier, tracking };
      return transition(order.id, 'shipped', { ...by, note, expectFrom: ['paid', 'processing'], set, emailData });
    }
    case 'complete':
      return transition(order.id, 'completed', { ...by, expectFrom: ['ready_for_pickup', 'shipped'] });
    case 'cancel':
      return cancelRefunds(order)
        ? cancelPaid(tx, order, input.reason, input.method, actorId)
        : cancelUnpaid(order, input.reason, actorId);
    case 'refund':
      return refund(tx, order, input.amount, input.reason, input.method, actorId);
    case 'dispatch': {
      const { courier, tracking } = input;
      const note = [courier, tracking].filter(Boolean).join(' ') || null;
      const set = { courier: courier ?? null, trackingNumber: tracking ?? null };
      const emailData = { template: 'order-shipped', courier: courier ?? '', tracking: tracking ?? '' };
      return transition(order.id, 'out_for_delivery', { ...by, note, expectFrom: ['confirmed'], set, emailData });
    }
    case 'collect':
      return collectPayment(tx, order, { method: 'cash' }, actorId, ['out_for_delivery'], 'statusNotes.cashCollected');
    case 'refuse':
      return transition(order.id, 'cancelled', {
        ...by,
        note: systemNote('statusNotes.refused', { reason: input.reason }),
        expectFrom: ['out_for_delivery'],
        emailData: { reason: input.reason },
      });
    case 'hold':
      return transition(order.id, 'held_for_pickup', {
        ...by,
        expectFrom: ['confirmed'],
        emailData: { template: 'order-ready' },
      });
    case 'handover':
      return collectPayment(
        tx,
        order,
        input,
        actorId,
        ['held_for_pickup'],
        input.method === 'cash' ? 'statusNotes.paidAtPickupCash' : 'statusNotes.paidAtPickupKhqr',
      );
    case 'uncollected':
      return transition(order.id, 'cancelled', {
        ...by,
        note: systemNote('statusNotes.notCollected'),
        expectFrom: ['held_for_pickup'],
        emailData: { reason: '' },
      });
  }
}

/**
 * The money of an order paid later came in (cash from the driver, or at the counter in cash or by
 * KHQR): in the action's transaction, with the order row locked, the order is completed (paid_at
 * set, invoice number taken by transition()) and one `payments` row records what was received, the
 * way the till records its cash. A second click finds the order completed and gets 409.
 */
async function collectPayment(
  tx: Tx,
  order: Order,
  paid: { method: 'cash' | 'khqr'; reference?: string },
  actorId: number,
  expectFrom: OrderStatus[],
  noteKey: string,
): Promise<Order> {
  const paidAt = new Date();
  const done = await transition(order.id, 'completed', {
    actorId,
    note: systemNote(noteKey, { amount: order.grandTotal, reference: paid.reference ?? '' }),
    expectFrom,
    set: { paidAt },
    emailData: { template: 'payment-confirmed' },
  });
  await tx.insert(payments).values({
    orderId: order.id,
    method: paid.method,
    currency: 'USD',
    amount: order.grandTotal,
    status: 'paid',
    paidAt,
    transactionHash: paid.reference ?? null,
  });
  return done;
}

function cancelUnpaid(order: Order, reason: string, actorId: number): Promise<Order> {
  return transition(order.id, 'cancelled', { actorId, note: reason, expectFrom: UNPAID, emailData: { reason } });
}

/**
 * Calling off a paid sale: the whole amount still unrefunded goes back (a refund row, as the refund
 * action writes it), the goods go back on the shelf (transition restocks), and the order ends
 * `refunded`. The customer gets the cancellation email with the reason.
 */
async function cancelPaid(
  tx: Tx,
  order: Order,
  reason: string,
  method: RefundMethod | undefined,
  actorId: number,
): Promise<Order> {
  if (!method) throw new ValidationError({ method: 'errors.refundMethod' });
  const left = leftToRefund(order);
  if (left > 0) await recordRefund(tx, order.id, left, reason, method, actorId);
  const note = systemNote('statusNotes.cancelRefund', { amount: centsToDecimal(left), reason });
  const emailData = { template: 'order-cancelled', reason };
  return transition(order.id, 'refunded', { actorId, note, expectFrom: CANCEL_REFUNDS, emailData });
}

async function refund(
  tx: Tx,
  order: Order,
  cents: Cents,
  reason: string,
  method: RefundMethod,
  actorId: number,
): Promise<Order> {
  const left = leftToRefund(order);
  if (cents > left) throw new ValidationError({ amount: 'errors.refundTooMuch' });
  await recordRefund(tx, order.id, cents, reason, method, actorId);
  if (cents < left) return (await tx.select().from(orders).where(eq(orders.id, order.id)))[0]!;
  return transition(order.id, 'refunded', {
    actorId,
    note: systemNote('statusNotes.refund', { amount: centsToDecimal(cents), reason }),
  });
}

/** The one writer of back-office refunds: a refund row and the order's running total, together. */
async function recordRefund(
  tx: Tx,
  orderId: number,
  cents: Cents,
  reason: string,
  method: RefundMethod,
  userId: number,
): Promise<void> {
  const amount = centsToDecimal(cents);
  await tx.insert(refunds).values({ orderId, amount, reason, method, userId });
  await tx
    .update(orders)
    .set({ refundedAmount: sql`${orders.refundedAmount} + ${amount}` })
    .where(eq(orders.id, orderId));
}
