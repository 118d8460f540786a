import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client.js';
import { cartItems, carts, products, variants } from '../../db/schema.js';
import { insertId } from '../../db/util.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { cents, sumCents, toCents, type Cents } from '../../domain/money.js';
import { countCartItems, findCartLines, type CartLineRow } from './cart.queries.js';
import { currentDb, withTransaction } from '../../db/transaction.js';
import { computeTotals } from '../checkout/pricing.js';
import type { ShopSettings } from '../settings/settings.service.js';

const MAX_LINE_QUANTITY = 99;

/** Who a cart belongs to: a signed-in user, or the guest session's cart id. */
export type CartOwner = { userId?: number | null; guestCartId?: number | null };

export async function findCartId(owner: CartOwner, tx: DbOrTx = currentDb()): Promise<number | null> {
  if (owner.userId) {
    const [row] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.userId, owner.userId));
    return row?.id ?? null;
  }
  if (owner.guestCartId) {
    const [row] = await tx
      .select({ id: carts.id })
      .from(carts)
      .where(and(eq(carts.id, owner.guestCartId), isNull(carts.userId)));
    return row?.id ?? null;
  }
  return null;
}

export async function findOrCreateCartId(owner: CartOwner, tx: DbOrTx = currentDb()): Promise<number> {
  const existing = await findCartId(owner, tx);
  if (existing) return existing;
  if (owner.userId) {
    await tx.insert(carts).ignore().values({ userId: owner.userId });
    return (await findCartId(owner, tx))!;
  }
  return insertId(await tx.insert(carts).values({}));
}

/**
 * Items in a signed-in user's cart, as a subquery of a query over `users`: the header count comes with
 * the user row (one query a page).
 */
export const userCartCountSql = sql<
  string | null
>`(SELECT SUM(ci.quantity) FROM carts c JOIN cart_items ci ON ci.cart_id = c.id WHERE c.user_id = users.id)`;

/** Items in the owner's cart, for the header on every page: one query. */
export async function cartCount(owner: CartOwner): Promise<number> {
  if (owner.userId) return countCartItems(sql`c.user_id = ${owner.userId}`);
  if (owner.guestCartId) return countCartItems(sql`c.id = ${owner.guestCartId} AND c.user_id IS NULL`);
  return 0;
}

type Purchasable = { id: number; price: string; stock: number };

async function purchasableVariant(variantId: number, tx: DbOrTx): Promise<Purchasable> {
  const [row] = await tx
    .select({ id: variants.id, price: variants.price, stock: variants.stock })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(variants.id, variantId), eq(variants.isActive, true), eq(products.status, 'active')));
  if (!row) throw new NotFoundError('errors.productUnavailable');
  return row;
}

export type AddResult = { quantity: number; capped: boolean; available: number };

/** Adds to a line; the line never exceeds the stock, and the caller is told when it was capped. */
export async function addItem(
  cartId: number,
  variantId: number,
  quantity: number,
  tx: DbOrTx = currentDb(),
): Promise<AddResult> {
  const variant = await purchasableVariant(variantId, tx);
  if (variant.stock <= 0) throw new ValidationError({ quantity: 'errors.outOfStock' });
  const [line] = await tx
    .select()
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
  const wanted = (line?.quantity ?? 0) + quantity;
  const limit = Math.min(variant.stock, MAX_LINE_QUANTITY);
  const next = Math.min(wanted, limit);
  if (line) await tx.update(cartItems).set({ quantity: next }).where(eq(cartItems.id, line.id));
  else await tx.insert(cartItems).values({ cartId, variantId, quantity: next, priceWhenAdded: variant.price });
  await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
  return { quantity: next, capped: next < wanted, available: variant.stock };
}

/** Sets a line's quantity (0 removes it), capped by stock. */
export async function setQuantity(cartId: number, itemId: number, quantity: number): Promise<AddResult | null> {
  const [line] = await db
    .select()
    .from(cartItems)
    .where(and(eq(cartItems.id, itemId), eq(cartItems.cartId, cartId)));
  if (!line) throw new NotFoundError();
  if (quantity <= 0) {
    await db.delete(cartItems).where(eq(cartItems.id, itemId));
    return null;
  }
  const [v] = await db.select({ stock: variants.stock }).from(variants).where(eq(variants.id, line.variantId));
  const limit = Math.min(v?.stock ?? 0, MAX_LINE_QUANTITY);
  const next = Math.max(1, Math.min(quantity, limit));
  if (limit <= 0) throw new ValidationError({ quantity: 'errors.outOfStock' });
  await db.update(cartItems).set({ quantity: next }).where(eq(cartItems.id, itemId));
  return { quantity: next, capped: next < quantity, available: v?.stock ?? 0 };
}

/**
 * "Update cart": every line's new quantity at once (0 removes it); lines not in this cart are ignored.
 * Returns whether any line was capped by stock.
 */
export async function setQuantities(cartId: number, lines: { itemId: number; quantity: number }[]): Promise<boolean> {
  let capped = false;
  for (const line of lines) {
    try {
      const result = await setQuantity(cartId, line.itemId, line.quantity);
      if (result?.capped) capped = true;
    } catch (err) {
      // A line removed in another tab, or one now out of stock: the others are still saved.
      if (err instanceof NotFoundError) continue;
      if (err instanceof ValidationError) {
        capped = true;
        continue;
      }
      throw err;
    }
  }
  return capped;
}

type CartEstimate = {
  phnomPenh: Cents;
  provinces: Cents;
  vatRate: string;
  vat: Cents;
  total: Cents;
};

/** What the order would come to with delivery in Phnom Penh (the usual case); the checkout has the final word. */
export function estimateCart(
  view: CartView,
  s: Pick<ShopSettings, 'deliveryFeePhnomPenh' | 'deliveryFeeProvinces' | 'vatRate'>,
  discount = 0,
): CartEstimate {
  const lines = view.lines
    .filter((l) => !l.problem)
    .map((l) => ({ unitPrice: toCents(l.price), quantity: l.quantity }));
  const totals = computeTotals(lines, toCents(s.deliveryFeePhnomPenh), s.vatRate, discount);
  return {
    phnomPenh: totals.deliveryFee,
    provinces: toCents(s.deliveryFeeProvinces),
    vatRate: s.vatRate,
    vat: totals.vat,
    total: totals.grandTotal,
  };
}

export async function removeItem(cartId: number, itemId: number): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.id, itemId), eq(cartItems.cartId, cartId)));
}

export type CartLine = CartLineRow & {
  problem: 'unavailable' | 'out_of_stock' | 'short' | null;
  priceChanged: boolean;
  lineTotalCents: Cents;
};
export type CartView = {
  id: number | null;
  lines: CartLine[];
  subtotalCents: Cents;
  count: number;
  canCheckout: boolean;
};

export function describeLines(rows: CartLineRow[]): CartLine[] {
  return rows.map((r) => {
    const problem =
      !Number(r.variantActive) || r.productStatus !== 'active'
        ? 'unavailable'
        : r.stock <= 0
          ? 'out_of_stock'
          : r.quantity > r.stock
            ? 'short'
            : null;
    return {
      ...r,
      problem,
      priceChanged: toCents(r.price) !== toCents(r.priceWhenAdded),
      lineTotalCents: cents(toCents(r.price) * r.quantity),
    };
  });
}

/** Today's prices and availability; lines with a problem cannot be checked out. */
export async function viewCart(cartId: number | null): Promise<CartView> {
  if (!cartId) return { id: null, lines: [], subtotalCents: cents(0), count: 0, canCheckout: false };
  const lines = describeLines(await findCartLines(cartId));
  const ok = lines.filter((l) => !l.problem);
  return {
    id: cartId,
    lines,
    subtotalCents: sumCents(ok.map((l) => l.lineTotalCents)),
    count: lines.reduce((s, l) => s + l.quantity, 0),
    canCheckout: lines.length > 0 && ok.length === lines.length,
  };
}

/** On login or registration: the guest cart's lines join the account's cart (summed, capped by stock). */
export async function mergeGuestCart(guestCartId: number, userId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const guest = await findCartId({ guestCartId }, tx);
    if (!guest) return;
    const target = await findOrCreateCartId({ userId }, tx);
    const items = await tx.select().from(cartItems).where(eq(cartItems.cartId, guest));
    for (const item of items) {
      try {
        await addItem(target, item.variantId, item.quantity, tx);
      } catch (err) {
        if (!(err instanceof ValidationError || err instanceof NotFoundError)) throw err;
      }
    }
    await tx.delete(carts).where(eq(carts.id, guest));
  });
}

/** Removes the ordered variants from a cart (after an order is placed). */
export async function removeVariants(cartId: number, variantIds: number[], tx: DbOrTx = currentDb()): Promise<void> {
  if (!variantIds.length) return;
  await tx.delete(cartItems).where(
    and(
      eq(cartItems.cartId, cartId),
      sql`${cartItems.variantId} IN (${sql.join(
        variantIds.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    ),
  );
}
