import { and, eq, gt, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyMySqlColumn } from 'drizzle-orm/mysql-core';
import type { DbOrTx, Tx } from '../../db/client.js';
import { couponRedemptions, coupons, couponTargets, orders, products, type Coupon } from '../../db/schema.js';
import { currentDb } from '../../db/transaction.js';
import { selectRows } from '../../db/util.js';
import {
  evaluateCoupon,
  type CouponLine,
  type CouponRefusal,
  type CouponRule,
  type CouponResult,
} from '../../domain/coupons.js';
import { centsToDecimal, toCents, type Cents } from '../../domain/money.js';
import { AppError } from '../../lib/errors.js';

type Handle = DbOrTx;

/** Who is using the code: the account when signed in, else the contact given at checkout. */
export type CouponCustomer = { userId: number | null; email: string; phone: string };

/** A cart or order line with what the scope rules need. */
type PricedLine = { variantId: number; productId: number; price: string; quantity: number };

/** Codes are matched as typed, without regard to case or spaces around them. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

/** The code cannot be used for this cart now; `reason` says why (a translation key under coupons.refused). */
export class CouponRefusedError extends AppError {
  constructor(
    readonly couponCode: string,
    readonly reason: CouponRefusal | 'unknown' | 'needsCustomer',
    vars: Record<string, string> = {},
  ) {
    super(`coupons.refused.${reason}`, 422, 'coupon_refused', true, { code: couponCode, ...vars });
  }
}

async function loadCoupon(code: string, tx: Handle, lock: boolean): Promise<Coupon | undefined> {
  const q = tx
    .select()
    .from(coupons)
    .where(eq(coupons.code, normalizeCode(code)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The coupon's targets; a category covers its subcategories at any depth. */
async function targetsOf(c: Coupon, tx: Handle): Promise<Set<number>> {
  if (c.scope === 'all') return new Set();
  if (c.scope !== 'categories') {
    const rows = await tx
      .select({ id: couponTargets.targetId })
      .from(couponTargets)
      .where(eq(couponTargets.couponId, c.id));
    return new Set(rows.map((r) => Number(r.id)));
  }
  const rows = await selectRows<{ id: number }>(
    sql`WITH RECURSIVE sub AS (
          SELECT target_id AS id FROM coupon_targets WHERE coupon_id = ${c.id}
          UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
        SELECT id FROM sub`,
    tx,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

async function ruleOf(c: Coupon, tx: Handle): Promise<CouponRule> {
  return {
    kind: c.kind,
    value: c.value,
    minSpend: c.minSpend,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    maxUses: c.maxUses,
    maxUsesPerCustomer: c.maxUsesPerCustomer,
    usedCount: c.usedCount,
    firstOrderOnly: c.firstOrderOnly,
    scope: c.scope,
    targets: await targetsOf(c, tx),
    isActive: c.isActive,
  };
}

async function linesFor(lines: readonly PricedLine[], tx: Handle): Promise<CouponLine[]> {
  const ids = [...new Set(lines.map((l) => l.productId))];
  const rows = ids.length
    ? await tx
        .select({ id: products.id, categoryId: products.categoryId, brandId: products.brandId })
        .from(products)
        .where(inArray(products.id, ids))
    : [];
  const info = new Map(rows.map((r) => [r.id, r]));
  return lines.map((l) => ({
    variantId: l.variantId,
    productId: l.productId,
    categoryId: info.get(l.productId)?.categoryId ?? null,
    brandId: info.get(l.productId)?.brandId ?? null,
    unitCents: toCents(l.price),
    quantity: l.quantity,
  }));
}

/**
 * The customer's uses of this coupon and earlier orders (not cancelled): by account when signed in; a guest is
 * known by the email or phone typed at checkout (so a new account cannot take a first-order coupon twice either).
 */
async function historyOf(couponId: number, who: CouponCustomer, tx: Handle) {
  // Walk-in sales have no email, and a cart priced before checkout has no contact yet: blanks match nothing.
  const contactOf = (email: AnyMySqlColumn, phone: AnyMySqlColumn) =>
    [who.email ? eq(email, who.email) : undefined, who.phone ? eq(phone, who.phone) : undefined].filter(
      (c): c is SQL => c !== undefined,
    );
  const usedBy = [
    ...(who.userId ? [eq(couponRedemptions.userId, who.userId)] : []),
    ...contactOf(couponRedemptions.customerEmail, couponRedemptions.customerPhone),
  ];
  const orderedBy = [
    ...(who.userId ? [eq(orders.userId, who.userId)] : []),
    ...contactOf(orders.customerEmail, orders.customerPhone),
  ];
  if (!usedBy.length) return { customerUses: 0, earlierOrders: 0 };
  const [uses] = await tx
    .select({ n: sql<number>`COUNT(*)` })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.couponId, couponId), or(...usedBy)));
  const [earlier] = await tx
    .select({ n: sql<number>`COUNT(*)` })
    .from(orders)
    .where(and(ne(orders.status, 'cancelled'), or(...orderedBy)));
  return { customerUses: Number(uses?.n ?? 0), earlierOrders: Number(earlier?.n ?? 0) };
}

export type AppliedCoupon = {
  couponId: number;
  code: string;
  /** A promotion applied without a code (its description is what the customer reads). */
  automatic: boolean;
  description: string;
  discount: Cents;
  perLine: Map<number, Cents>;
};

const applied = (c: Coupon, discount: Cents, perLine: Map<number, Cents>): AppliedCoupon => ({
  couponId: c.id,
  code: c.code,
  automatic: c.automatic,
  description: c.description,
  discount,
  perLine,
});

/**
 * Prices a code against these lines for this customer. With `lock` (placing the order) the coupon's row is
 * locked first, so its use count and the customer's history are read and then changed under one lock.
 * Throws CouponRefusedError with the reason when it does not apply.
 */
export async function applyCoupon(
  code: string,
  lines: readonly PricedLine[],
  who: CouponCustomer,
  tx: Handle = currentDb(),
  opts: { lock?: boolean; now?: Date; requireCustomer?: boolean } = {},
): Promise<AppliedCoupon> {
  const coupon = await loadCoupon(code, tx, opts.lock ?? false);
  if (!coupon || coupon.automatic) throw new CouponRefusedError(normalizeCode(code), 'unknown');
  // At the till a once-per-customer or first-order coupon needs the customer on the sale (else anyone could reuse it).
  const anonymous = !who.userId && !who.email && !who.phone;
  if (opts.requireCustomer && anonymous && (coupon.firstOrderOnly || coupon.maxUsesPerCustomer !== null))
    throw new CouponRefusedError(coupon.code, 'needsCustomer');
  const result: CouponResult = evaluateCoupon(
    await ruleOf(coupon, tx),
    await linesFor(lines, tx),
    await historyOf(coupon.id, who, tx),
    opts.now,
  );
  if (!result.ok)
    throw new CouponRefusedError(coupon.code, result.reason, {
      min: `$${coupon.minSpend}`,
    });
  return applied(coupon, result.discount, result.perLine);
}

/**
 * The automatic promotion (no code) that takes the most off these lines, if any applies. With `lock` (placing the
 * order) the winner's row is locked and checked again; if it was used up meanwhile, the next best is tried.
 */
export async function bestPromotion(
  lines: readonly PricedLine[],
  who: CouponCustomer,
  tx: Handle = currentDb(),
  opts: { lock?: boolean; now?: Date } = {},
): Promise<AppliedCoupon | undefined> {
  const now = opts.now ?? new Date();
  const live = await tx
    .select()
    .from(coupons)
    .where(
      and(
        eq(coupons.automatic, true),
        eq(coupons.isActive, true),
        or(isNull(coupons.startsAt), lte(coupons.startsAt, now)),
        or(isNull(coupons.endsAt), gt(coupons.endsAt, now)),
      ),
    );
  if (!live.length) return undefined;
  const priced = await linesFor(lines, tx);
  const candidates: AppliedCoupon[] = [];
  for (const c of live) {
    const result = evaluateCoupon(await ruleOf(c, tx), priced, await historyOf(c.id, who, tx), now);
    if (result.ok) candidates.push(applied(c, result.discount, result.perLine));
  }
  candidates.sort((a, b) => b.discount - a.discount || a.couponId - b.couponId);
  if (!opts.lock) return candidates[0];
  for (const best of candidates) {
    const [c] = await tx.select().from(coupons).where(eq(coupons.id, best.couponId)).for('update');
    if (!c) continue;
    const result = evaluateCoupon(await ruleOf(c, tx), priced, await historyOf(c.id, who, tx), now);
    if (result.ok) return applied(c, result.discount, result.perLine);
  }
  return undefined;
}

/** Records the use by a new order, in the placing transaction, after applyCoupon with `lock`. */
export async function redeemCoupon(tx: Tx, applied: AppliedCoupon, orderId: number, who: CouponCustomer) {
  await tx.insert(couponRedemptions).values({
    couponId: applied.couponId,
    orderId,
    userId: who.userId,
    customerEmail: who.email,
    customerPhone: who.phone,
    discount: centsToDecimal(applied.discount),
  });
  await tx
    .update(coupons)
    .set({ usedCount: sql`${coupons.usedCount} + 1` })
    .where(eq(coupons.id, applied.couponId));
}

/**
 * A cancelled order gives its coupon use back: the redemption row goes and the count drops, under the coupon's
 * lock (taken before any stock row, as placing an order does). Nothing happens for an order without a coupon.
 */
export async function releaseCouponUse(tx: Tx, orderId: number): Promise<void> {
  const [use] = await tx
    .select({ id: couponRedemptions.id, couponId: couponRedemptions.couponId })
    .from(couponRedemptions)
    .where(eq(couponRedemptions.orderId, orderId));
  if (!use) return;
  await tx.select({ id: coupons.id }).from(coupons).where(eq(coupons.id, use.couponId)).for('update');
  await tx.delete(couponRedemptions).where(eq(couponRedemptions.id, use.id));
  await tx
    .update(coupons)
    .set({ usedCount: sql`GREATEST(${coupons.usedCount} - 1, 0)` })
    .where(eq(coupons.id, use.couponId));
}
