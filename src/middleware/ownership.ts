import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { Order } from '../db/schema.js';
import { NotFoundError } from '../lib/errors.js';
import { orderLinkKeyValid } from '../lib/order-links.js';
import type { CartOwner } from '../modules/cart/cart.service.js';
import { findOrderByNumber } from '../modules/orders/orders.queries.js';

/** Whose cart a request works on: the signed-in account, or the guest cart kept in the session. */
export const ownerOf = (req: Request): CartOwner => ({
  userId: req.user?.id ?? null,
  guestCartId: req.session?.cartId ?? null,
});

const NumberParam = z.object({ number: z.string().regex(/^CS-\d{6}-\d{6}$/) });

/**
 * The signed-in owner, the browser that placed or tracked it, a browser that opened the order's
 * email link, or staff. Anyone else gets 404.
 */
export function canAccessOrder(req: Request, order: Order): boolean {
  if (req.user && (req.user.role === 'staff' || req.user.role === 'admin')) return true;
  if ((req.session?.orderLinks ?? []).includes(order.number)) return true;
  if (order.userId) return req.user?.id === order.userId;
  return (req.session?.guestOrders ?? []).includes(order.number);
}

const LinkQuery = z.object({ k: z.string().max(100) });

/**
 * An order email's link (`/orders/:number…?k=`): a valid key lets this browser open that order,
 * then the address is cleaned of the key (no key in history, bookmarks or referrers). An expired or
 * forged key gets the track form, with the order number filled in.
 */
export const grantFromOrderLink: RequestHandler = (req, res, next) => {
  const link = LinkQuery.safeParse(req.query);
  const number = NumberParam.safeParse(req.params);
  if (!link.success || !number.success || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  const clean = req.originalUrl.replace(/([?&])k=[^&]*&?/, '$1').replace(/[?&]$/, '');
  if (!orderLinkKeyValid(number.data.number, link.data.k)) {
    res.status(404).render('orders/track', {
      title: req.t('track.title'),
      noindex: true,
      values: { number: number.data.number, contact: '' },
      errors: { _form: req.t('track.linkExpired') },
    });
    return;
  }
  req.session.orderLinks = [...new Set([...(req.session.orderLinks ?? []), number.data.number])].slice(-20);
  res.redirect(303, clean);
};

/** The order named by `:number` if the caller may see it; 404 otherwise (never telling which). */
export async function accessibleOrder(req: Request): Promise<Order> {
  const parsed = NumberParam.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError();
  const order = await findOrderByNumber(parsed.data.number);
  if (!order || !canAccessOrder(req, order)) throw new NotFoundError();
  return order;
}
