import { eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { orders, refunds, type Order, type OrderStatus } from '../../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal, parseMoneyInput, toCents } from '../../lib/money.js';
import { notify, transition } from '../orders/orders.service.js';
import { canTransition, IS_PAID } from '../orders/order-states.js';

export type OrderAction = 'confirm' | 'ready' | 'ship' | 'complete' | 'cancel' | 'refund';

/** The actions the back office offers for an order in its current state. */
export function availableActions(order: Order, isAdmin: boolean): OrderAction[] {
  const a: OrderAction[] = [];
  const can = (to: OrderStatus) => canTransition(order.status, to);
  if (order.status === 'paid' && can('processing')) a.push('confirm');
  if (order.deliveryMethod === 'pickup' && can('ready_for_pickup')) a.push('ready');
  if (order.deliveryMethod === 'delivery' && can('shipped')) a.push('ship');
  if ((order.status === 'ready_for_pickup' || order.status === 'shipped') && can('completed')) a.push('complete');
  if (can('cancelled') && order.channel === 'online') a.push('cancel');
  if (isAdmin && IS_PAID.includes(order.status) && toCents(order.refundedAmount) < toCents(order.grandTotal)) a.push('refund');
  return a;
}

export type ActionInput = { courier?: string; tracking?: string; reason?: string; amount?: string; method?: 'cash' | 'khqr' | 'other' };

/** Runs one back-office action; each writes who and when through the status log (refunds also a refund row). */
export async function runAction(orderId: number, action: OrderAction, input: ActionInput, actor: { id: number; isAdmin: boolean }): Promise<Order> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new NotFoundError();
  if (!availableActions(order, actor.isAdmin).includes(action)) throw new ConflictError('errors.illegalTransition');
  const by = { actorId: actor.id };
  switch (action) {
    case 'confirm':
      return transition(orderId, 'processing', { ...by, expectFrom: ['paid'] });
    case 'ready':
      return transition(orderId, 'ready_for_pickup', { ...by, expectFrom: ['paid', 'processing'] });
    case 'ship': {
      const courier = input.courier?.trim() ?? '';
      const tracking = input.tracking?.trim() ?? '';
      const fields: Record<string, string> = {};
      if (!courier) fields.courier = 'errors.required';
      if (!tracking) fields.tracking = 'errors.required';
      if (Object.keys(fields).length) throw new ValidationError(fields);
      return transition(orderId, 'shipped', { ...by, note: `${courier} ${tracking}`, expectFrom: ['paid', 'processing'], set: { courier, trackingNumber: tracking }, emailData: { courier, tracking } });
    }
    case 'complete':
      return transition(orderId, 'completed', { ...by, expectFrom: ['ready_for_pickup', 'shipped'] });
    case 'cancel': {
      const reason = input.reason?.trim() ?? '';
      if (reason.length < 3) throw new ValidationError({ reason: 'errors.reasonRequired' });
      return transition(orderId, 'cancelled', { ...by, note: reason, emailData: { reason } });
    }
    case 'refund':
      return refund(order, input, actor.id);
  }
}

async function refund(order: Order, input: ActionInput, actorId: number): Promise<Order> {
  const cents = parseMoneyInput(input.amount);
  const reason = input.reason?.trim() ?? '';
  const left = toCents(order.grandTotal) - toCents(order.refundedAmount);
  const fields: Record<string, string> = {};
  if (cents === null || cents <= 0) fields.amount = 'errors.money';
  else if (cents > left) fields.amount = 'errors.refundTooMuch';
  if (reason.length < 3) fields.reason = 'errors.reasonRequired';
  if (Object.keys(fields).length) throw new ValidationError(fields);
  const full = cents === left;
  const result = await db.transaction(async (tx) => {
    await tx.insert(refunds).values({ orderId: order.id, amount: centsToDecimal(cents!), reason, method: input.method ?? 'cash', userId: actorId });
    await tx.update(orders).set({ refundedAmount: sql`${orders.refundedAmount} + ${centsToDecimal(cents!)}` }).where(eq(orders.id, order.id));
    if (full) return transition(order.id, 'refunded', { actorId, note: `Refund ${centsToDecimal(cents!)}: ${reason}` }, tx);
    const [row] = await tx.select().from(orders).where(eq(orders.id, order.id));
    return row!;
  });
  if (full) await notify(result, 'refunded');
  return result;
}
