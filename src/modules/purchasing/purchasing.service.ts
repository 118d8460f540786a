import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { db, type Tx } from '../../db/client.js';
import {
  goodsReceiptLines,
  goodsReceipts,
  products,
  purchaseOrderLines,
  purchaseOrders,
  suppliers,
  variants,
  type PurchaseOrderStatus,
  type Supplier,
} from '../../db/schema.js';
import { insertId } from '../../db/util.js';
import { withTransaction } from '../../db/transaction.js';
import { centsToDecimal, parseMoneyInput, toCents, type Cents } from '../../domain/money.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { changeStock } from '../inventory/stock.service.js';
import type { SupplierInput } from './purchasing.schemas.js';

/** How a purchase order is named to people: PO-000042. */
export const poNumber = (id: number) => `PO-${String(id).padStart(6, '0')}`;

/** The most units one line may bring in at once (a typo guard: 100000 instead of 10). */
const MAX_UNITS = 99_999;

// ------------------------------------------------------------------ suppliers

export function listSuppliers() {
  return db
    .select({
      id: suppliers.id,
      name: suppliers.name,
      contactName: suppliers.contactName,
      phone: suppliers.phone,
      telegram: suppliers.telegram,
      email: suppliers.email,
      openOrders: sql<number>`(SELECT COUNT(*) FROM purchase_orders po WHERE po.supplier_id = ${suppliers.id}
        AND po.status IN ('ordered', 'partly_received'))`,
    })
    .from(suppliers)
    .orderBy(asc(suppliers.name));
}

export async function getSupplier(id: number): Promise<Supplier> {
  const [row] = await db.select().from(suppliers).where(eq(suppliers.id, id));
  if (!row) throw new NotFoundError();
  return row;
}

export async function createSupplier(input: SupplierInput): Promise<number> {
  return insertId(await db.insert(suppliers).values(input));
}

export async function updateSupplier(id: number, input: SupplierInput): Promise<void> {
  await getSupplier(id);
  await db.update(suppliers).set(input).where(eq(suppliers.id, id));
}

// ------------------------------------------------------------------ purchase orders

export type OrderRow = {
  id: number;
  number: string;
  supplierName: string;
  status: PurchaseOrderStatus;
  units: number;
  received: number;
  /** The order's cost at the order's prices, in dollars ("1234.50"). */
  total: string;
  createdAt: Date;
};

export async function listOrders(status?: PurchaseOrderStatus): Promise<OrderRow[]> {
  const rows = await db
    .select({
      id: purchaseOrders.id,
      supplierName: suppliers.name,
      status: purchaseOrders.status,
      createdAt: purchaseOrders.createdAt,
      units: sql<string>`COALESCE(SUM(${purchaseOrderLines.quantity}), 0)`,
      received: sql<string>`COALESCE(SUM(${purchaseOrderLines.receivedQuantity}), 0)`,
      total: sql<string>`COALESCE(SUM(${purchaseOrderLines.quantity} * ${purchaseOrderLines.unitCost}), 0)`,
    })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .leftJoin(purchaseOrderLines, eq(purchaseOrderLines.purchaseOrderId, purchaseOrders.id))
    .where(status ? eq(purchaseOrders.status, status) : undefined)
    .groupBy(purchaseOrders.id)
    .orderBy(desc(purchaseOrders.id))
    .limit(200);
  return rows.map((r) => ({
    ...r,
    number: poNumber(r.id),
    units: Number(r.units),
    received: Number(r.received),
    total: centsToDecimal(toCents(r.total)),
  }));
}

type OrderLine = {
  id: number;
  variantId: number;
  sku: string;
  product: string;
  title: string | null;
  quantity: number;
  received: number;
  unitCost: string;
};

export async function getOrder(id: number) {
  const [order] = await db
    .select({ order: purchaseOrders, supplier: suppliers })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .where(eq(purchaseOrders.id, id));
  if (!order) throw new NotFoundError();
  const lines: OrderLine[] = await db
    .select({
      id: purchaseOrderLines.id,
      variantId: purchaseOrderLines.variantId,
      sku: variants.sku,
      product: products.name,
      title: variants.title,
      quantity: purchaseOrderLines.quantity,
      received: purchaseOrderLines.receivedQuantity,
      unitCost: purchaseOrderLines.unitCost,
    })
    .from(purchaseOrderLines)
    .innerJoin(variants, eq(variants.id, purchaseOrderLines.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(purchaseOrderLines.purchaseOrderId, id))
    .orderBy(asc(purchaseOrderLines.id));
  const receipts = await db
    .select({ id: goodsReceipts.id, createdAt: goodsReceipts.createdAt, note: goodsReceipts.note })
    .from(goodsReceipts)
    .where(eq(goodsReceipts.purchaseOrderId, id))
    .orderBy(asc(goodsReceipts.id));
  return { ...order.order, number: poNumber(id), supplier: order.supplier, lines, receipts };
}

export async function createOrder(input: { supplierId: number; note: string | null }, userId: number | null) {
  const [supplier] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, input.supplierId));
  if (!supplier) throw new ValidationError({ supplierId: 'errors.supplierRequired' });
  return insertId(await db.insert(purchaseOrders).values({ ...input, createdBy: userId }));
}

/** The order, locked for the rest of the transaction; its status must be one of `allowed`. */
async function lockOrder(tx: Tx, id: number, allowed: readonly PurchaseOrderStatus[]) {
  const [order] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, id)).for('update');
  if (!order) throw new NotFoundError();
  if (!allowed.includes(order.status)) throw new ConflictError('errors.purchaseOrderState');
  return order;
}

/** A variant by its SKU or barcode, as typed or scanned. */
async function variantByCode(tx: Tx, code: string) {
  const [v] = await tx
    .select({ id: variants.id })
    .from(variants)
    .where(or(eq(variants.sku, code), eq(variants.barcode, code)))
    .limit(1);
  return v;
}

export async function addLine(orderId: number, input: { sku: string; quantity: number; unitCost: string }) {
  const cost = parseMoneyInput(input.unitCost);
  const fields: Record<string, string> = {};
  if (input.quantity < 1 || input.quantity > MAX_UNITS) fields.quantity = 'errors.purchaseQuantity';
  if (cost === null) fields.unitCost = 'errors.money';
  await withTransaction(async (tx) => {
    await lockOrder(tx, orderId, ['draft']);
    const variant = await variantByCode(tx, input.sku);
    if (!variant) fields.sku = 'errors.unknownSku';
    if (Object.keys(fields).length) throw new ValidationError(fields);
    const [existing] = await tx
      .select({ id: purchaseOrderLines.id })
      .from(purchaseOrderLines)
      .where(and(eq(purchaseOrderLines.purchaseOrderId, orderId), eq(purchaseOrderLines.variantId, variant!.id)));
    if (existing) throw new ValidationError({ sku: 'errors.lineExists' });
    await tx.insert(purchaseOrderLines).values({
      purchaseOrderId: orderId,
      variantId: variant!.id,
      quantity: input.quantity,
      unitCost: centsToDecimal(cost!),
    });
  });
}

export async function removeLine(orderId: number, lineId: number) {
  await withTransaction(async (tx) => {
    await lockOrder(tx, orderId, ['draft']);
    await tx
      .delete(purchaseOrderLines)
      .where(and(eq(purchaseOrderLines.id, lineId), eq(purchaseOrderLines.purchaseOrderId, orderId)));
  });
}

export async function markOrdered(orderId: number) {
  await withTransaction(async (tx) => {
    await lockOrder(tx, orderId, ['draft']);
    const [n] = await tx
      .select({ n: sql<number>`COUNT(*)` })
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, orderId));
    if (!Number(n?.n)) throw new ConflictError('errors.purchaseOrderEmpty');
    await tx
      .update(purchaseOrders)
      .set({ status: 'ordered', orderedAt: new Date() })
      .where(eq(purchaseOrders.id, orderId));
  });
}

/** Cancels an order nothing has been received on yet. */
export async function cancelOrder(orderId: number) {
  await withTransaction(async (tx) => {
    await lockOrder(tx, orderId, ['draft', 'ordered']);
    await tx.update(purchaseOrders).set({ status: 'cancelled' }).where(eq(purchaseOrders.id, orderId));
  });
}

/**
 * The variant's cost after `qty` units came in at `unitCost`: the moving average over the units on hand
 * (none on hand, or fewer than none: the new cost).
 */
export function movingAverageCost(onHand: number, oldCost: Cents, qty: number, unitCost: Cents): Cents {
  const held = Math.max(onHand, 0);
  if (held === 0) return unitCost;
  return Math.round((held * oldCost + qty * unitCost) / (held + qty)) as Cents;
}

/** Stock in for one variant: the ledger row, the new moving-average cost, the receipt line. */
async function bringIn(
  tx: Tx,
  item: { variantId: number; quantity: number; unitCost: Cents; orderLineId: number | null },
  receiptId: number,
  userId: number | null,
  note: string,
) {
  const [v] = await tx
    .select({ stock: variants.stock, cost: variants.costPrice })
    .from(variants)
    .where(eq(variants.id, item.variantId))
    .for('update');
  if (!v) throw new NotFoundError();
  const cost = movingAverageCost(v.stock, toCents(v.cost), item.quantity, item.unitCost);
  await changeStock(
    {
      variantId: item.variantId,
      delta: item.quantity,
      reason: 'purchase',
      userId,
      note,
      unitCost: centsToDecimal(item.unitCost),
    },
    tx,
  );
  await tx
    .update(variants)
    .set({ costPrice: centsToDecimal(cost) })
    .where(eq(variants.id, item.variantId));
  await tx.insert(goodsReceiptLines).values({
    receiptId,
    variantId: item.variantId,
    orderLineId: item.orderLineId,
    quantity: item.quantity,
    unitCost: centsToDecimal(item.unitCost),
  });
}

/**
 * Goods that came in against an order (all or part of each line), at the order's costs. The order and its
 * lines are locked and the remaining quantities checked under the lock: two people receiving the same
 * delivery at once cannot bring in more than was ordered.
 */
export async function receiveAgainstOrder(
  orderId: number,
  quantities: Map<number, string>,
  actor: { id: number | null },
): Promise<{ units: number; status: PurchaseOrderStatus }> {
  return withTransaction(async (tx) => {
    await lockOrder(tx, orderId, ['ordered', 'partly_received']);
    const lines = await tx
      .select()
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, orderId))
      .orderBy(asc(purchaseOrderLines.id))
      .for('update');
    const fields: Record<string, string> = {};
    const vars: Record<string, number> = {};
    const items: { line: (typeof lines)[number]; qty: number }[] = [];
    for (const [lineId, text] of quantities) {
      const line = lines.find((l) => l.id === lineId);
      if (!line) continue;
      const left = line.quantity - line.receivedQuantity;
      if (!/^\d{1,5}$/.test(text)) fields[`q_${lineId}`] = 'errors.purchaseQuantity';
      else if (Number(text) > left) {
        fields[`q_${lineId}`] = 'errors.receiveTooMany';
        vars.left = left;
      } else if (Number(text) > 0) items.push({ line, qty: Number(text) });
    }
    if (Object.keys(fields).length) throw new ValidationError(fields, vars);
    if (!items.length) throw new ValidationError({ receive: 'errors.receiveNothing' });
    const receiptId = insertId(
      await tx.insert(goodsReceipts).values({ purchaseOrderId: orderId, receivedBy: actor.id }),
    );
    for (const { line, qty } of items) {
      await bringIn(
        tx,
        { variantId: line.variantId, quantity: qty, unitCost: toCents(line.unitCost), orderLineId: line.id },
        receiptId,
        actor.id,
        poNumber(orderId),
      );
      await tx
        .update(purchaseOrderLines)
        .set({ receivedQuantity: line.receivedQuantity + qty })
        .where(eq(purchaseOrderLines.id, line.id));
      line.receivedQuantity += qty;
    }
    const status: PurchaseOrderStatus = lines.every((l) => l.receivedQuantity >= l.quantity)
      ? 'received'
      : 'partly_received';
    await tx.update(purchaseOrders).set({ status }).where(eq(purchaseOrders.id, orderId));
    return { units: items.reduce((s, i) => s + i.qty, 0), status };
  });
}

type ParsedLine = { code: string; quantity: number; unitCost: Cents };

/**
 * A receipt without an order (admins: it sets costs). Every line is "SKU, quantity, unit cost"; every bad
 * line is named at once, and nothing is received until all are right.
 */
export async function receiveWithoutOrder(
  input: { supplierId: number | null; note: string | null; lines: string },
  actor: { id: number | null },
): Promise<{ receiptId: number; units: number }> {
  const parsed: ParsedLine[] = [];
  const bad: number[] = [];
  input.lines
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((text, i) => {
      if (!text) return;
      const m = /^([^,\s]+)\s*[,\s]\s*(\d{1,5})\s*[,\s]\s*\$?\s*([\d.,]+)$/.exec(text);
      const cost = m ? parseMoneyInput(m[3]) : null;
      if (!m || cost === null || Number(m[2]) < 1) bad.push(i + 1);
      else parsed.push({ code: m[1]!, quantity: Number(m[2]), unitCost: cost });
    });
  if (bad.length) throw new ValidationError({ lines: 'errors.receiptLineFormat' }, { lines: bad.join(', ') });
  if (!parsed.length) throw new ValidationError({ lines: 'errors.required' });
  return withTransaction(async (tx) => {
    if (input.supplierId !== null) {
      const [s] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, input.supplierId));
      if (!s) throw new ValidationError({ supplierId: 'errors.supplierRequired' });
    }
    const codes = [...new Set(parsed.map((p) => p.code))];
    const found = await tx
      .select({ id: variants.id, sku: variants.sku, barcode: variants.barcode })
      .from(variants)
      .where(or(inArray(variants.sku, codes), inArray(variants.barcode, codes)));
    const idOf = (code: string) => found.find((v) => v.sku === code || v.barcode === code)?.id;
    const unknown = codes.filter((c) => idOf(c) === undefined);
    if (unknown.length) throw new ValidationError({ lines: 'errors.receiptUnknownSku' }, { codes: unknown.join(', ') });
    const receiptId = insertId(
      await tx.insert(goodsReceipts).values({ supplierId: input.supplierId, receivedBy: actor.id, note: input.note }),
    );
    // Variants in id order: two receipts of the same items lock them in the same order (no deadlock).
    const items = parsed
      .map((p) => ({ variantId: idOf(p.code)!, quantity: p.quantity, unitCost: p.unitCost, orderLineId: null }))
      .sort((a, b) => a.variantId - b.variantId);
    for (const item of items) await bringIn(tx, item, receiptId, actor.id, `GR-${receiptId}`);
    return { receiptId, units: items.reduce((s, i) => s + i.quantity, 0) };
  });
}
