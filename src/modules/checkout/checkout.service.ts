import crypto from 'node:crypto';
import { and, eq, inArray, or, sql, type SQL, isNull } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import { config } from '../../config/env.js';
import { db, pool, type Db, type Tx } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import { orders, type Order } from '../../db/schema.js';
import { withDeadlockRetry } from '../../db/util.js';
import { AppError, ConflictError } from '../../lib/errors.js';
import { centsToDecimal, formatUsd, toCents } from '../../domain/money.js';
import { describeLines, removeVariants, type CartLine } from '../cart/cart.service.js';
import { findCartLines } from '../cart/cart.queries.js';
import { createOrder, LineShortError } from '../orders/create-order.js';
import { notify } from '../orders/orders.service.js';
import { findOrderByToken } from '../orders/orders.queries.js';
import { getSettings, type ShopSettings } from '../settings/settings.service.js';
import type { CheckoutDetails, PayChoice } from './checkout.schemas.js';
import { computeTotals, type Totals } from './pricing.js';
import { withTransaction } from '../../db/transaction.js';
import { saveCheckoutAddress } from '../addresses/addresses.service.js';
import {
  applyCoupon,
  bestPromotion,
  CouponRefusedError,
  redeemCoupon,
  type AppliedCoupon,
  type CouponCustomer,
} from '../coupons/coupons.service.js';

export type Quote = {
  lines: CartLine[];
  totals: Totals;
  problems: CartLine[];
  /** The coupon asked for, when it applies to these lines for this customer. */
  coupon?: AppliedCoupon;
  /** ...or why it does not (the review page says so; placing the order refuses). */
  couponRefused?: CouponRefusedError;
};

/**
 * Who is buying, and the coupon code they entered if any (without one, the best automatic promotion applies);
 * `lock` when placing the order (see applyCoupon).
 */
export type CouponAsk = { code?: string; who: CouponCustomer; lock?: boolean; now?: Date };

function deliveryFeeCents(details: Pick<CheckoutDetails, 'deliveryMethod' | 'address'>, s: ShopSettings): number {
  if (details.deliveryMethod === 'pickup' || !details.address) return 0;
  return toCents(details.address.zone === 'phnom_penh' ? s.deliveryFeePhnomPenh : s.deliveryFeeProvinces);
}

/** Lines at today's prices with delivery and VAT; lines that cannot be bought are listed in `problems`. */
// Settings are read before a transaction starts: inside one, every query must use `tx`, or a busy pool deadlocks.
export async function quote(
  cartId: number,
  details: CheckoutDetails,
  tx: Tx | typeof db = db,
  settings?: ShopSettings,
  couponAsk?: CouponAsk,
): Promise<Quote> {
  const s = settings ?? (await getSettings());
  const lines = describeLines(await findCartLines(cartId, tx));
  const ok = lines.filter((l) => !l.problem);
  let coupon: AppliedCoupon | undefined;
  let couponRefused: CouponRefusedError | undefined;
  if (couponAsk && ok.length) {
    const opts = { lock: couponAsk.lock, now: couponAsk.now };
    try {
      coupon = couponAsk.code
        ? await applyCoupon(couponAsk.code, ok, couponAsk.who, tx, opts)
        : await bestPromotion(ok, couponAsk.who, tx, opts);
    } catch (err) {
      if (!(err instanceof CouponRefusedError)) throw err;
      couponRefused = err;
    }
  }
  const totals = computeTotals(
    ok.map((l) => ({ unitPrice: toCents(l.price), quantity: l.quantity })),
    deliveryFeeCents(details, s),
    s.vatRate,
    coupon?.discount ?? 0,
  );
  return { lines, totals, problems: lines.filter((l) => l.problem), coupon, couponRefused };
}

/** Raised when a line cannot be reserved; nothing was created. */
export class StockShortError extends AppError {
  constructor(readonly line: { name: string; sku: string; available: number }) {
    super('errors.stockShort', 409, 'insufficient_stock', true, {
      name: line.name,
      sku: line.sku,
      count: line.available,
    });
  }
}

/** More units of one product than one order may hold (a setting): nothing was created. */
export class QuantityCapError extends AppError {
  constructor(
    readonly product: string,
    readonly max: number,
  ) {
    super('errors.quantityCap', 422, 'quantity_cap', true, { name: product, max });
  }
}

/** The customer already has as many unpaid orders open as allowed: nothing was created. */
export class OpenOrdersCapError extends AppError {
  constructor(readonly max: number) {
    super('errors.openOrdersCap', 409, 'open_orders_cap', true, { count: max });
  }
}

/** Why cash on delivery is not offered: the zone is not allowed, or the total is over the cap. */
export type CodRefusal = { reason: 'zone' | 'cap'; max: string };

/**
 * The ways this order may be paid: KHQR always; cash on delivery for delivery to a zone the settings
 * allow, up to the cap (0 = none); pay at the shop for pickup. The review page offers these and
 * placeOrder checks the choice again under the customer's lock.
 */
export function payChoices(
  details: Pick<CheckoutDetails, 'deliveryMethod' | 'address'>,
  totals: Pick<Totals, 'grandTotal'>,
  s: ShopSettings,
): { choices: PayChoice[]; codRefused?: CodRefusal } {
  if (details.deliveryMethod === 'pickup') return { choices: ['khqr', 'at_pickup'] };
  const cap = toCents(s.codMaxUsd);
  const max = formatUsd(cap);
  if (!details.address || !s.codZones.includes(details.address.zone))
    return { choices: ['khqr'], codRefused: { reason: 'zone', max } };
  if (cap > 0 && totals.grandTotal > cap) return { choices: ['khqr'], codRefused: { reason: 'cap', max } };
  return { choices: ['khqr', 'cod'] };
}

/** The chosen way to pay is not open to this order (zone, cap, delivery method): nothing was created. */
export class PayChoiceError extends AppError {
  constructor(key: string, vars: Record<string, string> = {}) {
    super(key, 422, 'payment_choice', true, vars);
  }
}

function checkPayChoice(choice: PayChoice, details: CheckoutDetails, totals: Totals, s: ShopSettings): void {
  const { choices, codRefused } = payChoices(details, totals, s);
  if (choices.includes(choice)) return;
  if (choice === 'at_pickup') throw new PayChoiceError('errors.atPickupNeedsPickup');
  if (details.deliveryMethod === 'pickup' || !codRefused) throw new PayChoiceError('errors.codNeedsDelivery');
  throw new PayChoiceError(`errors.cod.${codRefused.reason}`, { max: codRefused.max });
}

export class EmptyCartError extends AppError {
  constructor() {
    super('errors.cartEmpty', 409, 'cart_empty', true);
  }
}

export type PlaceOrderInput = {
  cartId: number;
  userId: number | null;
  details: CheckoutDetails;
  token: string;
  locale: 'en' | 'km';
  /** Numbers of the orders this browser session placed (guests): they count towards the open-order cap. */
  sessionOrders?: string[];
  /** How the customer chose to pay (KHQR when not given); checked again here, never trusted. */
  payment?: PayChoice;
  /** A coupon code entered in the cart: applied under its row lock, or the order is refused. */
  couponCode?: string;
  now?: Date;
};

/** Unpaid orders holding stock: awaiting KHQR, and the pay-later ones not yet paid. */
const OPEN: readonly Order['status'][] = [
  'pending_payment',
  'payment_submitted',
  'confirmed',
  'out_for_delivery',
  'held_for_pickup',
];

/** Online orders of this customer (account, session, email or phone) still holding stock without being paid. */
/**
 * The customer's unpaid orders, for the cap: a signed-in customer's are those of the account (guest
 * orders someone else placed with their email or phone do not count: anyone could otherwise lock a
 * customer out by typing their email); a guest's are the guest orders with the same email or phone,
 * and in both cases the orders placed from this browser.
 */
async function countOpenOrders(tx: Tx, input: PlaceOrderInput): Promise<number> {
  const sameContact = or(eq(orders.customerEmail, input.details.email), eq(orders.customerPhone, input.details.phone));
  const who: (SQL | undefined)[] = [
    input.userId ? eq(orders.userId, input.userId) : and(isNull(orders.userId), sameContact),
  ];
  if (input.sessionOrders?.length) who.push(inArray(orders.number, input.sessionOrders));
  const [row] = await tx
    .select({ n: sql<number>`COUNT(*)` })
    .from(orders)
    .where(and(eq(orders.channel, 'online'), inArray(orders.status, OPEN), or(...who)));
  return Number(row?.n ?? 0);
}

/** Units per product in the cart over the per-order cap, if any. */
export function overCap(lines: CartLine[], max: number): string | undefined {
  const units = new Map<number, { name: string; n: number }>();
  for (const l of lines) {
    const u = units.get(l.productId) ?? { name: l.productName, n: 0 };
    u.n += l.quantity;
    units.set(l.productId, u);
  }
  return [...units.values()].find((u) => u.n > max)?.name;
}

/**
 * Runs `work` on one connection holding MySQL named locks for this customer's email and phone (and
 * account), taken in a fixed order and kept until after the commit: placements by the same customer
 * queue, so the open-order cap holds under parallel submits, and other customers never wait.
 */
async function asCustomer<T>(
  input: PlaceOrderInput,
  work: (handle: Pick<Db, 'transaction'>) => Promise<T>,
): Promise<T> {
  const keys = [`email:${input.details.email.toLowerCase()}`, `phone:${input.details.phone}`];
  if (input.userId) keys.push(`user:${input.userId}`);
  const names = [...new Set(keys)].sort().map((k) => `cs:place:${crypto.createHash('sha1').update(k).digest('hex')}`);
  const conn = await pool.getConnection();
  try {
    for (const name of names) {
      const [[row]] = (await conn.query('SELECT GET_LOCK(?, 10) AS got', [name])) as unknown as [
        [{ got: number | null }],
      ];
      if (row?.got !== 1) throw new ConflictError('errors.busyTryAgain');
    }
    return await work(drizzle(conn, { schema, mode: 'default' }));
  } finally {
    for (const name of names) await conn.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
    conn.release();
  }
}

/**
 * Places the order in one transaction: order row first (its unique checkout token makes a second
 * submit of the same form find this order instead of making another), then lines with copied names
 * and prices, then stock reserved by conditional updates in variant order. Any short line rolls
 * everything back.
 */
export async function placeOrder(input: PlaceOrderInput): Promise<{ order: Order; created: boolean }> {
  const existing = await findOrderByToken(input.token);
  if (existing) return { order: existing, created: false };
  const now = input.now ?? new Date();
  const settings = await getSettings();
  let order: Order;
  try {
    order = await asCustomer(input, (handle) =>
      withDeadlockRetry(() =>
        withTransaction(async (tx) => {
          const who = couponCustomer(input);
          // The coupon's row is locked before any stock row (cancelling releases it in the same order).
          const q = await quote(input.cartId, input.details, tx, settings, {
            code: input.couponCode,
            who,
            lock: true,
            now,
          });
          if (!q.lines.length) throw new EmptyCartError();
          if (q.couponRefused) throw q.couponRefused;
          if (q.problems.length) {
            const p = q.problems[0]!;
            throw new StockShortError({ name: p.productName, sku: p.sku, available: Math.max(0, p.stock) });
          }
          const capped = overCap(q.lines, settings.maxUnitsPerProduct);
          if (capped) throw new QuantityCapError(capped, settings.maxUnitsPerProduct);
          checkPayChoice(input.payment ?? 'khqr', input.details, q.totals, settings);
          if ((await countOpenOrders(tx, input)) >= settings.maxOpenOrders)
            throw new OpenOrdersCapError(settings.maxOpenOrders);
          const orderId = await createOrder(tx, {
            values: { ...orderValues(input, q.totals, now, settings), couponCode: q.coupon?.code ?? null },
            lines: q.lines.map((l) => {
              const discountCents = q.coupon?.perLine.get(l.variantId) ?? 0;
              const lineTotalCents = toCents(l.price) * l.quantity - discountCents;
              return { ...l, unitPrice: l.price, discountCents, lineTotalCents };
            }),
            actorId: input.userId,
          }).catch((err: unknown) => {
            if (!(err instanceof LineShortError)) throw err;
            throw new StockShortError({ name: err.line.productName, sku: err.line.sku, available: err.available });
          });
          if (q.coupon) await redeemCoupon(tx, q.coupon, orderId, who);
          if (input.details.saveAddress && input.userId && input.details.address)
            await saveCheckoutAddress(input.userId, {
              recipientName: input.details.address.recipientName,
              phone: input.details.address.shipPhone,
              street: input.details.address.street,
              commune: input.details.address.commune,
              district: input.details.address.district,
              province: input.details.address.province,
              note: input.details.address.note ?? '',
            });
          await removeVariants(
            input.cartId,
            q.lines.map((l) => l.variantId),
            tx,
          );
          const [row] = await tx.select().from(orders).where(eq(orders.id, orderId));
          return row!;
        }, handle),
      ),
    );
  } catch (err) {
    // A concurrent submit of the same form may have won (duplicate token, or it already emptied the cart).
    const again = await findOrderByToken(input.token);
    if (again) return { order: again, created: false };
    throw err;
  }
  // Sent here, once the customer's connection and locks are released (not from inside the transaction:
  // the email reads from the pool, which the waiting placements of other customers may hold).
  if (order.status === 'confirmed') await notify(order, 'confirmed', { template: 'order-placed' });
  else await notify(order, 'pending_payment', { paymentWindowMinutes: config.PAYMENT_WINDOW_MINUTES });
  return { order, created: true };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who uses a coupon: the account, else the contact typed at checkout. */
const couponCustomer = (input: Pick<PlaceOrderInput, 'userId' | 'details'>): CouponCustomer => ({
  userId: input.userId,
  email: input.details.email.toLowerCase(),
  phone: input.details.phone,
});

/**
 * How the order is paid and by when: KHQR within the payment window; cash on delivery `confirmed`
 * with no deadline (the driver collects); pay at pickup `confirmed`, held for the set number of days.
 */
function paymentTerms(payment: PayChoice, now: Date, s: ShopSettings) {
  if (payment === 'cod') return { status: 'confirmed' as const, paymentMethod: 'cod' as const, paymentDeadline: null };
  if (payment === 'at_pickup')
    return {
      status: 'confirmed' as const,
      paymentMethod: 'at_pickup' as const,
      paymentDeadline: new Date(now.getTime() + s.pickupHoldDays * DAY_MS),
    };
  return {
    status: 'pending_payment' as const,
    paymentMethod: 'khqr' as const,
    paymentDeadline: new Date(now.getTime() + config.PAYMENT_WINDOW_MINUTES * 60_000),
  };
}

/** The order row of an online order, as placed. */
function orderValues(input: PlaceOrderInput, totals: Totals, now: Date, s: ShopSettings) {
  const d = input.details;
  const a = d.deliveryMethod === 'delivery' ? d.address : undefined;
  return {
    channel: 'online' as const,
    ...paymentTerms(input.payment ?? 'khqr', now, s),
    userId: input.userId,
    customerName: d.name,
    customerEmail: d.email,
    customerPhone: d.phone,
    locale: input.locale,
    deliveryMethod: d.deliveryMethod,
    deliveryZone: a?.zone ?? null,
    shipName: a?.recipientName ?? null,
    shipPhone: a?.shipPhone ?? null,
    shipStreet: a?.street ?? null,
    shipCommune: a?.commune ?? null,
    shipDistrict: a?.district ?? null,
    shipProvince: a?.province ?? null,
    shipNote: a?.note || null,
    // The buyer's business, for a tax invoice (optional).
    buyerCompany: d.buyer?.buyerCompany ?? null,
    buyerVatin: d.buyer?.buyerVatin ?? null,
    buyerAddress: d.buyer?.buyerAddress ?? null,
    subtotal: centsToDecimal(totals.subtotal),
    discountTotal: centsToDecimal(totals.discount),
    deliveryFee: centsToDecimal(totals.deliveryFee),
    vatRate: totals.vatRate,
    vatAmount: centsToDecimal(totals.vat),
    grandTotal: centsToDecimal(totals.grandTotal),
    khrPerUsd: config.KHR_PER_USD,
    checkoutToken: input.token,
    placedAt: now,
  };
}

export const findPlacedOrder = (token: string) => findOrderByToken(token);

export function newCheckoutToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}
