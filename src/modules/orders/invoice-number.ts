import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { invoiceCounters, orders, type Order } from '../../db/schema.js';
import { SOLD_STATUSES } from '../../domain/order-states.js';
import { shopDay } from '../../domain/shop-time.js';
import { withTransaction } from '../../db/transaction.js';

/** `INV-2026-000123`: the shop's (Phnom Penh) year of issue and the year's running number. */
const formatInvoiceNumber = (year: number, n: number) => `INV-${year}-${String(n).padStart(6, '0')}`;

/**
 * Gives a paid order its invoice number, once, inside the caller's transaction (GDT: invoice numbers
 * run in sequence without gaps). The order row is locked first (callers such as transition() hold it
 * already; locking it again in the same transaction costs nothing), then the year's counter row, which
 * stays locked until the caller commits: concurrent payments queue on it, and a payment that rolls back
 * takes its number back with it, so no number is skipped or given twice. An order that has a number
 * keeps it (a repeated payment or a later paid state never renumbers); an unpaid one gets none.
 * Lock order is always order row → counter row, so this cannot deadlock with itself.
 */
export async function assignInvoiceNumber(tx: Tx, orderId: number, at: Date = new Date()): Promise<string | null> {
  const [order] = await tx
    .select({ status: orders.status, invoiceNumber: orders.invoiceNumber })
    .from(orders)
    .where(eq(orders.id, orderId))
    .for('update');
  if (!order) return null;
  if (order.invoiceNumber) return order.invoiceNumber;
  if (!SOLD_STATUSES.includes(order.status)) return null;
  const year = Number(shopDay(at).slice(0, 4));
  // An exclusive lock on the year's row whether it is new or not (ON DUPLICATE KEY takes X, never S,
  // so the first payments of a year do not deadlock on the insert).
  await tx
    .insert(invoiceCounters)
    .values({ year, lastNumber: 1 })
    .onDuplicateKeyUpdate({ set: { lastNumber: sql`${invoiceCounters.lastNumber} + 1` } });
  const [counter] = await tx
    .select({ lastNumber: invoiceCounters.lastNumber })
    .from(invoiceCounters)
    .where(eq(invoiceCounters.year, year));
  const number = formatInvoiceNumber(year, counter!.lastNumber);
  await tx.update(orders).set({ invoiceNumber: number, invoicedAt: at }).where(eq(orders.id, orderId));
  return number;
}

/**
 * Orders paid before invoice numbers existed have none: the first time their invoice is shown they get
 * the next number, dated that day, in their own locked transaction (so still gapless and in order of
 * issue). Any other order is returned as it is.
 */
export async function withInvoiceNumber(order: Order): Promise<Order> {
  if (order.invoiceNumber || !SOLD_STATUSES.includes(order.status)) return order;
  return withTransaction(async (tx) => {
    const at = new Date();
    const number = await assignInvoiceNumber(tx, order.id, at);
    const [fresh] = await tx.select().from(orders).where(eq(orders.id, order.id));
    return fresh ?? { ...order, invoiceNumber: number, invoicedAt: number ? at : null };
  });
}

/**
 * Which document the shop gives: a tax invoice (វិក្កយបត្រអាករ) to a VAT-registered buyer (company
 * name and VATIN given) when the shop itself is VAT-registered, a commercial invoice (វិក្កយបត្រ) to
 * anyone else, and for an order with no invoice number (not paid) only a pro-forma that says so.
 */
export type InvoiceKind = 'tax' | 'commercial' | 'proforma';

export function invoiceKind(
  order: Pick<Order, 'invoiceNumber' | 'buyerCompany' | 'buyerVatin'>,
  shopVatNumber: string,
): InvoiceKind {
  if (!order.invoiceNumber) return 'proforma';
  return order.buyerCompany && order.buyerVatin && shopVatNumber ? 'tax' : 'commercial';
}
