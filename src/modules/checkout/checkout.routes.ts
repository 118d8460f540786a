import { Router, type Request, type Response } from 'express';
import { type AppError, type FieldErrors, ValidationError } from '../../lib/errors.js';
import { allow } from '../../middleware/access.js';
import { visitorLimits } from '../../middleware/rate-limit.js';
import { parseInput } from '../../lib/validation.js';
import { flash } from '../../middleware/locals.js';
import { keptValues, renderInvalid } from '../../middleware/forms.js';
import { findCartId } from '../cart/cart.service.js';
import { ownerOf } from '../../middleware/ownership.js';
import { findAddress, listAddresses } from '../addresses/addresses.service.js';
import { formatCambodianPhone } from '../../lib/phone.js';
import {
  AddressInput,
  BuyerInput,
  CheckoutInput,
  DeliveryChoice,
  PROVINCES,
  CouponInput,
  CouponRemoveInput,
  PayInput,
  PlaceInput,
  type CheckoutDetails,
  type PayChoice,
  zoneOf,
} from './checkout.schemas.js';
import * as checkout from './checkout.service.js';
import { CouponRefusedError, normalizeCode } from '../coupons/coupons.service.js';
import { formatUsd } from '../../domain/money.js';
import { recordEvent } from '../analytics/tracking.js';
import { getSettings } from '../settings/settings.service.js';

async function formLocals(req: Request) {
  const u = req.user;
  const saved = u ? await listAddresses(u.id) : [];
  const def = saved.find((a) => a.isDefault) ?? saved[0];
  const draft = req.session.checkout;
  return {
    title: req.t('checkout.title'),
    provinces: PROVINCES,
    addresses: saved,
    noindex: true,
    values: {
      name: draft?.name ?? u?.name ?? '',
      email: draft?.email ?? u?.email ?? '',
      phone: formatCambodianPhone(draft?.phone ?? u?.phone ?? ''),
      deliveryMethod: draft?.deliveryMethod ?? 'delivery',
      addressId: def ? String(def.id) : 'new',
      recipientName: draft?.address?.recipientName ?? u?.name ?? '',
      shipPhone: formatCambodianPhone(draft?.address?.shipPhone ?? u?.phone ?? ''),
      street: draft?.address?.street ?? '',
      commune: draft?.address?.commune ?? '',
      district: draft?.address?.district ?? '',
      province: draft?.address?.province ?? 'Phnom Penh',
      note: draft?.address?.note ?? '',
      buyerCompany: draft?.buyer?.buyerCompany ?? '',
      buyerVatin: draft?.buyer?.buyerVatin ?? '',
      buyerAddress: draft?.buyer?.buyerAddress ?? '',
    },
  };
}

/** Runs a parse; a ValidationError adds its fields to `fields` instead of stopping the form. */
function collect<T>(fields: FieldErrors, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    Object.assign(fields, err.fields);
    return undefined;
  }
}

/**
 * Reads the checkout form; the address comes from the address book or from the typed fields. Contact,
 * address and the optional company details are checked together, so every message shows at once.
 */
async function readDetails(req: Request): Promise<CheckoutDetails> {
  const fields: FieldErrors = {};
  const base = collect(fields, () => parseInput(CheckoutInput, req.body));
  const buyerInput = collect(fields, () => parseInput(BuyerInput, req.body));
  const buyer = buyerInput && Object.values(buyerInput).some(Boolean) ? buyerInput : undefined;
  const savedId = req.user && base?.deliveryMethod === 'delivery' && base.addressId && base.addressId !== 'new';
  const typed =
    !savedId && (base ?? parseInput(DeliveryChoice, req.body)).deliveryMethod === 'delivery'
      ? collect(fields, () => parseInput(AddressInput, req.body))
      : undefined;
  if (!base || Object.keys(fields).length) throw new ValidationError(fields);
  const contact = { name: base.name, email: base.email, phone: base.phone, buyer };
  if (base.deliveryMethod === 'pickup') return { ...contact, deliveryMethod: 'pickup' };
  if (savedId) {
    const a = await findAddress(req.user!.id, Number(base.addressId));
    if (!a) throw new ValidationError({ addressId: 'errors.invalid' });
    const address = {
      recipientName: a.recipientName,
      shipPhone: a.phone,
      street: a.street,
      commune: a.commune,
      district: a.district,
      province: a.province as (typeof PROVINCES)[number],
      note: a.note ?? '',
    };
    return { ...contact, deliveryMethod: 'delivery', address: { ...address, zone: zoneOf(a.province) } };
  }
  return {
    ...contact,
    deliveryMethod: 'delivery',
    address: { ...typed!, zone: zoneOf(typed!.province) },
    saveAddress: Boolean(req.user && base.saveAddress),
  };
}

/** The coupon code this session entered, priced for the customer placing the order (account, else contact). */
function couponAsk(req: Request, details?: { email: string; phone: string }, code = req.session.couponCode) {
  return {
    code,
    who: { userId: req.user?.id ?? null, email: details?.email.toLowerCase() ?? '', phone: details?.phone ?? '' },
  };
}

/**
 * Trying codes: at most 20 refused codes in 15 minutes per address and per visitor, so nobody guesses codes
 * by the thousand. A code that applies costs nothing.
 */
const couponLimits = () =>
  visitorLimits({
    name: 'coupon',
    windowMinutes: 15,
    limit: 20,
    counts: 'refused',
    done: (res) => res.locals.couponApplied === true,
    message: 'coupons.tooManyTries',
  });

/** The per-order unit cap, checked before "Place order" so the review and the cart can say so up front. */
async function capMessage(req: Request, lines: checkout.Quote['lines']): Promise<string | undefined> {
  const max = (await getSettings()).maxUnitsPerProduct;
  const product = checkout.overCap(lines, max);
  return product ? req.t('errors.quantityCap', { name: product, max }) : undefined;
}

async function renderReview(req: Request, res: Response, status = 200, error?: string, payment: PayChoice = 'khqr') {
  const cartId = await findCartId(ownerOf(req));
  const details = req.session.checkout;
  if (!cartId || !details) return res.redirect(303, '/checkout');
  const q = await checkout.quote(cartId, details, undefined, undefined, couponAsk(req, details));
  if (!q.lines.length) return res.redirect(303, '/cart');
  const capError = await capMessage(req, q.lines);
  const settings = await getSettings();
  const pay = checkout.payChoices(details, q.totals, settings);
  req.session.checkoutToken ??= checkout.newCheckoutToken();
  res.status(status).render('checkout/review', {
    title: req.t('checkout.reviewTitle'),
    quote: q,
    couponRefused: q.couponRefused ? String(req.t(q.couponRefused.message, q.couponRefused.vars)) : undefined,
    details,
    token: req.session.checkoutToken,
    error: error === capError ? undefined : error,
    capError,
    payChoices: pay.choices,
    codRefused: pay.codRefused
      ? String(req.t(`checkout.codUnavailable.${pay.codRefused.reason}`, { max: pay.codRefused.max }))
      : undefined,
    chosen: pay.choices.includes(payment) ? payment : 'khqr',
    holdDays: settings.pickupHoldDays,
    noindex: true,
  });
}

/** Where a placed order goes next: the KHQR page, or the order itself when it is paid later. */
const afterPlacing = (order: { number: string; status: string }) =>
  order.status === 'pending_payment' ? `/orders/${order.number}/pay` : `/orders/${order.number}`;

/**
 * Placing orders: at most 10 an hour per IP and per visitor (account, else session). Only requests
 * that really create an order use the budget, so a double submit, a stock-short answer or a refusal
 * costs nothing.
 */
const placeLimits = () =>
  visitorLimits({
    name: 'place',
    windowMinutes: 60,
    limit: 10,
    counts: 'done',
    done: (res) => res.locals.orderPlaced === true,
    message: 'errors.tooManyOrders',
  });

export function checkoutRoutes(): Router {
  const r = Router();
  const limits = placeLimits();

  r.get('/checkout', allow.visitor, async (req, res) => {
    const cartId = await findCartId(ownerOf(req));
    const q = cartId
      ? await checkout.quote(cartId, { name: '', email: '', phone: '', deliveryMethod: 'pickup' })
      : null;
    if (!q?.lines.length) return res.redirect(303, '/cart');
    if (q.problems.length) {
      flash(req, 'error', req.t('errors.cartHasProblems'));
      return res.redirect(303, '/cart');
    }
    res.render('checkout/details', { ...(await formLocals(req)), capError: await capMessage(req, q.lines) });
  });

  r.post('/checkout', allow.visitor, async (req, res) => {
    try {
      req.session.checkout = await readDetails(req);
      res.redirect(303, '/checkout/review');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const locals = await formLocals(req);
      renderInvalid(req, res, 'checkout/details', err, {
        ...locals,
        values: { ...locals.values, addressId: keptValues(req.body).addressId ?? 'new' },
      });
    }
  });

  r.get('/checkout/review', allow.visitor, (req, res) => renderReview(req, res));

  r.post('/checkout/place', allow.visitor, ...limits, async (req, res) => {
    const cartId = await findCartId(ownerOf(req));
    const details = req.session.checkout;
    const { token } = parseInput(PlaceInput, req.body);
    // A repeated submit (double click, back button, retry) lands on the order the first one made.
    const already = token ? await checkout.findPlacedOrder(token) : undefined;
    if (
      already &&
      (already.userId ? already.userId === req.user?.id : (req.session.guestOrders ?? []).includes(already.number))
    ) {
      return res.redirect(303, afterPlacing(already));
    }
    if (!details || !token) return res.redirect(303, '/checkout');
    let payment: PayChoice;
    try {
      payment = parseInput(PayInput, req.body).payment;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderReview(req, res, 422, String(req.t('errors.payChoice')));
    }
    try {
      const { order, created } = await checkout.placeOrder({
        cartId: cartId ?? 0,
        userId: req.user?.id ?? null,
        details,
        token,
        locale: req.locale,
        sessionOrders: req.session.guestOrders ?? [],
        payment,
        couponCode: req.session.couponCode,
      });
      res.locals.orderPlaced = created;
      req.session.guestOrders = [...new Set([...(req.session.guestOrders ?? []), order.number])].slice(-20);
      recordEvent(req, 'order', { path: '/checkout/place' });
      delete req.session.checkout;
      delete req.session.checkoutToken;
      delete req.session.couponCode;
      if (order.status === 'confirmed')
        flash(req, 'success', req.t(`checkout.placed.${order.paymentMethod}`, { number: order.number }));
      res.redirect(303, afterPlacing(order));
    } catch (err) {
      const refused = [
        checkout.StockShortError,
        checkout.QuantityCapError,
        checkout.OpenOrdersCapError,
        checkout.PayChoiceError,
        CouponRefusedError,
      ];
      if (refused.some((kind) => err instanceof kind)) {
        const e = err as AppError;
        return renderReview(req, res, e.status, String(req.t(e.message, e.vars)), payment);
      }
      if (err instanceof checkout.EmptyCartError) return res.redirect(303, '/cart');
      throw err;
    }
  });

  // A coupon code, entered in the cart or at review: checked against this cart now, kept in the session, and
  // checked again under the coupon's lock when the order is placed.
  const tries = couponLimits();
  r.post('/checkout/coupon', allow.visitor, ...tries, async (req, res) => {
    let input: { code: string; from: 'cart' | 'review' };
    try {
      input = parseInput(CouponInput, req.body);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      flash(req, 'error', req.t(Object.values(err.fields)[0] ?? 'errors.couponCodeFormat'));
      return res.redirect(303, keptValues(req.body).from === 'review' ? '/checkout/review' : '/cart');
    }
    const back = input.from === 'review' && req.session.checkout ? '/checkout/review' : '/cart';
    const cartId = await findCartId(ownerOf(req));
    if (!cartId) return res.redirect(303, '/cart');
    const code = normalizeCode(input.code);
    const details = req.session.checkout ?? NO_DETAILS;
    const q = await checkout.quote(cartId, details, undefined, undefined, couponAsk(req, req.session.checkout, code));
    if (q.couponRefused) {
      flash(req, 'error', req.t(q.couponRefused.message, q.couponRefused.vars));
      return res.redirect(303, back);
    }
    if (!q.coupon || q.coupon.automatic) return res.redirect(303, back);
    req.session.couponCode = code;
    res.locals.couponApplied = true;
    flash(req, 'success', req.t('coupons.applied', { code, amount: formatUsd(q.coupon.discount) }));
    res.redirect(303, back);
  });

  r.post('/checkout/coupon/remove', allow.visitor, (req, res) => {
    const { from } = parseInput(CouponRemoveInput, req.body);
    delete req.session.couponCode;
    res.redirect(303, from === 'review' && req.session.checkout ? '/checkout/review' : '/cart');
  });

  return r;
}

/** A cart priced before checkout: no contact yet, collection at the shop. */
const NO_DETAILS = { name: '', email: '', phone: '', deliveryMethod: 'pickup' as const };
