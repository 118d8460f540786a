import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { stockMovements, variants, type StockReason } from '../../db/schema.js';
import { affectedRows } from '../../db/util.js';
import { AppError } from '../../lib/errors.js';
import { refreshStockSummary } from '../catalog/product-summary.service.js';
import { currentDb } from '../../db/transaction.js';

export class InsufficientStockError extends AppError {
  constructor(
    readonly variantId: number,
    readonly available: number,
  ) {
    super('errors.notEnoughStock', 409, 'insufficient_stock', true);
  }
}

export type StockChange = {
  variantId: number;
  /** Positive adds stock, negative takes it. */
  delta: number;
  reason: StockReason;
  userId?: number | null;
  orderId?: number | null;
  note?: string | null;
  unitCost?: string | null;
};

export type StockChangeResult = {
  variantId: number;
  productId: number;
  before: number;
  after: number;
  threshold: number;
};

/**
 * Changes one variant's stock with a conditional update (never below zero, whatever runs
 * concurrently) and writes the ledger row. Pass the caller's transaction so the change
 * commits or rolls back with it.
 */
export async function changeStock(change: StockChange, tx: DbOrTx = currentDb()): Promise<StockChangeResult> {
  if (!Number.isInteger(change.delta) || change.delta === 0)
    throw new AppError('stock delta must be a non-zero integer', 500);
  // One UPDATE written by hand so the order of assignments is fixed: MySQL evaluates SET left to
  // right, so the alert state is computed from the old stock + delta before stock itself changes.
  // Crossing to or under the threshold arms one alert; going back above it re-arms the next one.
  const updated = await tx.execute(sql`
    UPDATE variants
       SET low_stock_alert = CASE WHEN stock + ${change.delta} > low_stock_threshold THEN 'ok'
                                  WHEN low_stock_alert = 'ok' THEN 'pending' ELSE low_stock_alert END,
           stock = stock + ${change.delta}
     WHERE id = ${change.variantId} AND stock + ${change.delta} >= 0`);
  // Reading after our own update inside the transaction sees our row lock's value.
  const [row] = await tx
    .select({ stock: variants.stock, productId: variants.productId, threshold: variants.lowStockThreshold })
    .from(variants)
    .where(eq(variants.id, change.variantId));
  if (!row) throw new AppError('variant not found', 404, 'not_found', true);
  if (affectedRows(updated) !== 1) throw new InsufficientStockError(change.variantId, row.stock);
  const after = row.stock;
  const before = after - change.delta;
  await tx.insert(stockMovements).values({
    variantId: change.variantId,
    delta: change.delta,
    stockBefore: before,
    stockAfter: after,
    reason: change.reason,
    note: change.note ?? null,
    unitCost: change.unitCost ?? null,
    userId: change.userId ?? null,
    orderId: change.orderId ?? null,
  });
  await refreshStockSummary(row.productId, tx);
  return { variantId: change.variantId, productId: row.productId, before, after, threshold: row.threshold };
}

/**
 * Opening stock for variants the caller has just created with stock 0 (a CSV import creates
 * thousands): one UPDATE and one multi-row ledger INSERT per thousand variants instead of a
 * changeStock call each. Same alert rule as changeStock. Only rows still at 0 are touched, so if
 * any moved meanwhile the whole call fails and the caller's transaction rolls back. The caller
 * refreshes the product summaries (refreshProductSummary) once per product afterwards.
 */
export async function setOpeningStock(
  entries: { variantId: number; stock: number }[],
  reason: StockReason,
  userId: number | null,
  tx: DbOrTx = currentDb(),
): Promise<void> {
  const changes = entries.filter((e) => e.stock !== 0);
  if (changes.some((e) => !Number.isInteger(e.stock) || e.stock < 0))
    throw new AppError('opening stock must be a positive integer', 500);
  for (let i = 0; i < changes.length; i += 1000) {
    const chunk = changes.slice(i, i + 1000);
    const opening = sql.join(
      chunk.map((e) => sql`SELECT ${e.variantId} AS id, ${e.stock} AS qty`),
      sql` UNION ALL `,
    );
    const updated = await tx.execute(sql`
      UPDATE variants v JOIN (${opening}) n ON n.id = v.id
         SET v.low_stock_alert = CASE WHEN n.qty > v.low_stock_threshold THEN 'ok'
                                      WHEN v.low_stock_alert = 'ok' THEN 'pending' ELSE v.low_stock_alert END,
             v.stock = n.qty
       WHERE v.stock = 0`);
    if (affectedRows(updated) !== chunk.length)
      throw new AppError('opening stock: a variant was not at 0', 409, 'conflict');
    await tx.insert(stockMovements).values(
      chunk.map((e) => ({
        variantId: e.variantId,
        delta: e.stock,
        stockBefore: 0,
        stockAfter: e.stock,
        reason,
        userId,
      })),
    );
  }
}
