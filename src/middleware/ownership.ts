import type { Request } from 'express';
import { z } from 'zod';
import type { Order } from '../db/schema.js';
import { NotFoundError } from '../lib/errors.js';
import type { CartOwner } from '../modules/cart/cart.service.js';
import { findOrderByNumber } from '../modules/orders/orders.queries.js';

/** Whose cart a request works on: the signed-in account, or the guest cart kept in the session. */
export const ownerOf = (req: Request): CartOwner => ({
  userId: req.user?.id ?? null,
  guestCartId: req.session?.cartId ?? null,
});

const NumberParam = z.object({ number: z.string().regex(/^CS-\d{6}-\d{6}$/) });

/** The signed-in owner, the browser that placed or tracked it, or staff. Anyone else gets 404. */
export function canAccessOrder(req: Request, order: Order): boolean {
  if (req.user && (req.user.role === 'staff' || req.user.role === 'admin')) return true;
  if (order.userId) return req.user?.id === order.userId;
  return (req.session?.guestOrders ?? []).includes(order.number);
}

/** The order named by `:number` if the caller may see it; 404 otherwise (never telling which). */
export async function accessibleOrder(req: Request): Promise<Order> {
  const parsed = NumberParam.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError();
  const order = await findOrderByNumber(parsed.data.number);
  if (!order || !canAccessOrder(req, order)) throw new NotFoundError();
  return order;
}
