import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { orderLines, orders, orderStatusLog, products, variants } from '../../db/schema.js';
import { insertId } from '../../db/util.js';
import { centsToDecimal } from '../../domain/money.js';
import { shopDay } from '../../domain/shop-time.js';
import { duplicateKeyIndex } from '../../lib/errors.js';
import { changeStock, InsufficientStockError } from '../inventory/stock.service.js';
import { IS_PAID } from '../../domain/order-states.js';
import { assignInvoiceNumber } from './invoice-number.js';

/** `CS-YYMMDD-NNNNNN`: the shop's day and six random digits. */
export const newOrderNumber = (now = new Date()) =>
  `CS-${shopDay(now).slice(2).replace(/-/g, '')}-${String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')}`;

/** A line as sold: names and prices copied from the catalog at this moment. */
export type NewOrderLine = {
  variantId: number;
  productName: string;
  variantTitle: string;
  sku: string;
  /** The unit price as a DECIMAL string. */
  unitPrice: string;
  quantity: number;
  discountCents: number;
  lineTotalCents: number;
};

export type NewOrder = {
  /** A number reserved beforehand (the till's sale); without one a fresh number is drawn. */
  number?: string;
  /** The order row's other columns (channel, status, contact, totals, payment, ...). */
  values: Omit<typeof orders.$inferInsert, 'number' | 'id'>;
  lines: NewOrderLine[];
  actorId: number | null;
  note?: string | null;
};

/** A line could not be sold: not enough stock left. Nothing was written (the caller's transaction rolls back). */
export class LineShortError extends Error {
  constructor(
    readonly line: NewOrderLine,
    readonly available: number,
  ) {
    super(`Not enough stock for ${line.sku}`);
  }
}

/**
 * The one way an order is created, by checkout, the till and the API alike, inside the caller's
 * transaction: the order row, then the stock taken through the ledger in variant order (exclusive row
 * locks before any foreign-key check on variants, so concurrent sales queue instead of deadlocking;
 * never below zero), then the lines with the cost copied, the first status-log row and the products'
 * sold counts. Returns the order's id.
 */
export async function createOrder(tx: Tx, order: NewOrder): Promise<number> {
  const orderId = await insertOrderRow(tx, order);
  const status = order.values.status;
  for (const l of [...order.lines].sort((a, b) => a.variantId - b.variantId)) {
    try {
      await changeStock(
        { variantId: l.variantId, delta: -l.quantity, reason: 'sale', orderId, userId: order.actorId },
        tx,
      );
    } catch (err) {
      if (err instanceof InsufficientStockError) throw new LineShortError(l, err.available);
      throw err;
    }
  }
  const ids = order.lines.map((l) => l.variantId);
  const rows = await tx
    .select({ id: variants.id, cost: variants.costPrice, productId: variants.productId })
    .from(variants)
    .where(inArray(variants.id, ids));
  const info = new Map(rows.map((v) => [v.id, v]));
  const sold = new Map<number, number>();
  for (const l of order.lines) {
    const v = info.get(l.variantId)!;
    await tx.insert(orderLines).values({
      orderId,
      variantId: l.variantId,
      productId: v.productId,
      productName: l.productName,
      variantTitle: l.variantTitle,
      sku: l.sku,
      unitPrice: l.unitPrice,
      costPrice: v.cost,
      quantity: l.quantity,
      discount: centsToDecimal(l.discountCents),
      lineTotal: centsToDecimal(l.lineTotalCents),
    });
    sold.set(v.productId, (sold.get(v.productId) ?? 0) + l.quantity);
  }
  // "Best selling" counts what was ordered; products in id order, like the stock rows.
  for (const [productId, quantity] of [...sold].sort((a, b) => a[0] - b[0])) {
    await tx
      .update(products)
      .set({ soldCount: sql`${products.soldCount} + ${quantity}` })
      .where(eq(products.id, productId));
  }
  await tx
    .insert(orderStatusLog)
    .values({ orderId, fromStatus: null, toStatus: status, userId: order.actorId, note: order.note ?? null });
  // Created paid (the till): the invoice number is taken in the sale's transaction, last (after the stock locks).
  if (IS_PAID.includes(status)) await assignInvoiceNumber(tx, orderId, order.values.paidAt ?? undefined);
  return orderId;
}

/** A reserved number is inserted as is (a clash is the caller's to answer); a drawn one is redrawn on a clash. */
async function insertOrderRow(tx: Tx, order: NewOrder): Promise<number> {
  if (order.number) return insertId(await tx.insert(orders).values({ ...order.values, number: order.number }));
  for (let attempt = 0; ; attempt++) {
    try {
      return insertId(
        await tx.insert(orders).values({ ...order.values, number: newOrderNumber(order.values.placedAt) }),
      );
    } catch (err) {
      if (duplicateKeyIndex(err) !== 'orders_number_uq' || attempt >= 5) throw err;
    }
  }
}
