import { Router, type Request, type RequestHandler, type Response } from 'express';
import { applyCoupon, bestPromotion, CouponRefusedError } from '../coupons/coupons.service.js';
import { allow } from '../../middleware/access.js';
import { ValidationError, NotFoundError } from '../../lib/errors.js';
import { parseInput, ReturnTo } from '../../lib/validation.js';
import { flash } from '../../middleware/locals.js';
import * as cart from './cart.service.js';
import { ownerOf } from '../../middleware/ownership.js';
import { recordEvent } from '../analytics/tracking.js';
import { AddToCartInput, CartUpdateInput, ItemParam, QuantityInput } from './cart.schemas.js';
import { getSettings } from '../settings/settings.service.js';

/** Header count: a signed-in user's came with the user row; a guest's is looked up when the session has a cart. */
export const cartCountLocals: RequestHandler = async (req, res, next) => {
  if (req.user) res.locals.cartCount = req.cartCount ?? (await cart.cartCount(ownerOf(req)));
  else if (req.session?.cartId) res.locals.cartCount = await cart.cartCount(ownerOf(req));
  next();
};

async function cartIdFor(req: Request): Promise<number> {
  const id = await cart.findOrCreateCartId(ownerOf(req));
  if (!req.user) req.session.cartId = id;
  return id;
}

const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

function answer(
  req: Request,
  res: Response,
  message: string,
  type: 'success' | 'error' | 'info' = 'success',
  count?: number,
) {
  // A fresh token lets the page's script send the next request (the first add may have started the session).
  if (wantsJson(req))
    return res.status(type === 'error' ? 422 : 200).json({ message, count, csrf: (res.locals.csrf as () => string)() });
  flash(req, type, message);
  res.redirect(303, parseInput(ReturnTo('/cart'), req.body).returnTo);
}

export function cartRoutes(): Router {
  const r = Router();

  r.get('/cart', allow.visitor, async (req, res) => {
    const [view, settings] = await Promise.all([cart.viewCart(await cart.findCartId(ownerOf(req))), getSettings()]);
    // The code entered earlier, priced for today's lines (the contact is not known yet: checked again at checkout).
    const code = req.session.couponCode;
    const okLines = view.lines.filter((l) => !l.problem);
    const who = { userId: req.user?.id ?? null, email: '', phone: '' };
    const coupon = !okLines.length
      ? undefined
      : code
        ? await applyCoupon(code, okLines, who).catch((err: unknown) => {
            if (err instanceof CouponRefusedError) return err;
            throw err;
          })
        : await bestPromotion(okLines, who);
    const applied = coupon && !(coupon instanceof CouponRefusedError) ? coupon : undefined;
    res.render('cart/cart', {
      title: req.t('cart.title'),
      cart: view,
      estimate: cart.estimateCart(view, settings, applied?.discount ?? 0),
      coupon: applied
        ? {
            code: applied.code,
            automatic: applied.automatic,
            description: applied.description,
            discount: applied.discount,
          }
        : undefined,
      couponCode: code,
      couponRefused: coupon instanceof CouponRefusedError ? String(req.t(coupon.message, coupon.vars)) : undefined,
      noindex: true,
    });
  });

  r.get('/cart/count', allow.visitor, async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ count: await cart.cartCount(ownerOf(req)) });
  });

  r.post('/cart/items', allow.visitor, async (req, res) => {
    try {
      const input = parseInput(AddToCartInput, req.body);
      const cartId = await cartIdFor(req);
      const result = await cart.addItem(cartId, input.variantId, input.quantity);
      recordEvent(req, 'cart_add', { path: '/cart/items' });
      const count = await cart.cartCount(ownerOf(req));
      const message = result.capped ? req.t('cart.capped', { count: result.available }) : req.t('cart.added');
      answer(req, res, message, result.capped ? 'info' : 'success', count);
    } catch (err) {
      if (err instanceof ValidationError)
        return answer(req, res, req.t(Object.values(err.fields)[0] ?? 'errors.invalid'), 'error');
      if (err instanceof NotFoundError) return answer(req, res, req.t('errors.productUnavailable'), 'error');
      throw err;
    }
  });

  r.post('/cart/items/:id', allow.visitor, async (req, res) => {
    const { id } = parseInput(ItemParam, req.params);
    const cartId = await cart.findCartId(ownerOf(req));
    if (!cartId) throw new NotFoundError();
    try {
      const { quantity } = parseInput(QuantityInput, req.body);
      const result = await cart.setQuantity(cartId, id, quantity);
      const message = !result
        ? req.t('cart.removed')
        : result.capped
          ? req.t('cart.capped', { count: result.available })
          : req.t('cart.updated');
      answer(req, res, message, result?.capped ? 'info' : 'success');
    } catch (err) {
      if (err instanceof ValidationError)
        return answer(req, res, req.t(Object.values(err.fields)[0] ?? 'errors.invalid'), 'error');
      throw err;
    }
  });

  // "Update cart": all quantities in one form.
  r.post('/cart/update', allow.visitor, async (req, res) => {
    const cartId = await cart.findCartId(ownerOf(req));
    try {
      const lines = parseInput(CartUpdateInput, req.body);
      const capped = cartId ? await cart.setQuantities(cartId, lines) : false;
      answer(req, res, req.t(capped ? 'storefront.cart.someCapped' : 'cart.updated'), capped ? 'info' : 'success');
    } catch (err) {
      if (err instanceof ValidationError)
        return answer(req, res, req.t(Object.values(err.fields)[0] ?? 'errors.invalid'), 'error');
      throw err;
    }
  });

  r.post('/cart/items/:id/remove', allow.visitor, async (req, res) => {
    const { id } = parseInput(ItemParam, req.params);
    const cartId = await cart.findCartId(ownerOf(req));
    if (cartId) await cart.removeItem(cartId, id);
    answer(req, res, req.t('cart.removed'));
  });

  return r;
}
