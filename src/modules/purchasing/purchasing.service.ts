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
import { parseSerials, receiveUnits, serialProblem } from '../units/units.service.js';
import type { SupplierInput } from './purchasing.schemas.js';
import { goodsReceiptNumber } from '../../domain/document-numbers.js';

/** How a purchase order is named to people: PO-000042. */
export const poNumber = (id: number) => `PO-${String(id).padStart(6, '0')}`;

/** The most units one line may bring in at once (a typo guard: 100000 instead of 10). */
const MAX_UNITS = 99_999;
/** The highest unit cost a line may have ($100,000), and the most lines an order or receipt may have. */
const MAX_UNIT_COST_CENTS = 10_000_000;
const MAX_LINES = 200;
/** A variant's stock never goes above this by receiving (the column is a 32-bit number). */
const MAX_STOCK = 1_000_000;

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
  tracksSerials: boolean;
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
      tracksSerials: variants.tracksSerials,
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
  return {
    ...order.order,
    number: poNumber(id),
    supplier: order.supplier,
    lines,
    receipts: receipts.map((g) => ({ ...g, number: goodsReceiptNumber(g.id) })),
  };
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

/** Which of these variants are tracked by serial. */
async function trackedAmong(tx: Tx, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .select({ id: variants.id })
    .from(variants)
    .where(and(inArray(variants.id, ids), eq(variants.tracksSerials, true)));
  return new Set(rows.map((r) => r.id));
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
  if (cost === null || cost > MAX_UNIT_COST_CENTS) fields.unitCost = 'errors.unitCostRange';
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
    const [n] = await tx
      .select({ n: sql<number>`COUNT(*)` })
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, orderId));
    if (Number(n?.n) >= MAX_LINES) throw new ValidationError({ sku: 'errors.tooManyLines' }, { max: MAX_LINES });
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
  if (v.stock + item.quantity > MAX_STOCK)
    throw new ValidationError({ lines: 'errors.stockTooHigh' }, { max: MAX_STOCK });
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
  given: { quantities: Map<number, string>; serials?: Map<number, string> },
  actor: { id: number | null },
): Promise<{ units: number; status: PurchaseOrderStatus }> {
  const { quantities, serials = new Map<number, string>() } = given;
  return withTransaction(async (tx) => {
    const order = await lockOrder(tx, orderId, ['ordered', 'partly_received']);
    const lines = await tx
      .select()
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, orderId))
      .orderBy(asc(purchaseOrderLines.id))
      .for('update');
    const fields: Record<string, string> = {};
    const vars: Record<string, string | number> = {};
    const items: { line: (typeof lines)[number]; qty: number }[] = [];
    const tracked = await trackedAmong(
      tx,
      lines.map((l) => l.variantId),
    );
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
    // An item tracked by serial comes in with one serial per unit.
    for (const { line, qty } of items) {
      if (!tracked.has(line.variantId)) continue;
      const problem = await serialProblem(tx, line.variantId, serials.get(line.id) ?? '', qty);
      if (problem) {
        fields[`s_${line.id}`] = problem.key;
        Object.assign(vars, problem.vars);
      }
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
      if (tracked.has(line.variantId))
        await receiveUnits(tx, {
          variantId: line.variantId,
          text: serials.get(line.id) ?? '',
          receiptId,
          supplierId: order.supplierId,
          unitCost: line.unitCost,
          userId: actor.id,
        });
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

type ParsedLine = { code: string; quantity: number; unitCost: Cents; serials: string };

/** "SKU, quantity, unit cost[, serials…]" (or the same separated by spaces); undefined when it is not that. */
function parseReceiptLine(text: string): ParsedLine | undefined {
  const parts = text.includes(',') ? text.split(',').map((p) => p.trim()) : text.split(/\s+/);
  const [code, qty, cost, ...rest] = parts;
  const unitCost = cost ? parseMoneyInput(cost.replace(/^\$\s*/, '')) : null;
  if (!code || !/^[^\s,]{1,64}$/.test(code) || !qty || !/^\d{1,5}$/.test(qty) || Number(qty) < 1 || unitCost === null)
    return undefined;
  return { code, quantity: Number(qty), unitCost, serials: rest.join(' ') };
}

/**
 * A receipt without an order (admins: it sets costs). Every line is "SKU, quantity, unit cost", then the
 * serials of an item tracked by serial; every bad line is named at once, and nothing is received until all
 * are right.
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
      const line = parseReceiptLine(text);
      if (line) parsed.push(line);
      else bad.push(i + 1);
    });
  if (bad.length) throw new ValidationError({ lines: 'errors.receiptLineFormat' }, { lines: bad.join(', ') });
  // The same limits as an order: at most 200 lines, $100,000 and 99,999 units per item.
  const perItem = new Map<string, number>();
  for (const p of parsed) perItem.set(p.code, (perItem.get(p.code) ?? 0) + p.quantity);
  if (
    parsed.length > MAX_LINES ||
    parsed.some((p) => p.unitCost > MAX_UNIT_COST_CENTS) ||
    [...perItem.values()].some((q) => q > MAX_UNITS)
  )
    throw new ValidationError({ lines: 'errors.receiptTooLarge' });
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
    const tracked = await trackedAmong(
      tx,
      parsed.map((p) => idOf(p.code)!),
    );
    const serialErrors: string[] = [];
    // The same serial on two lines of one item is a repeat too.
    const perVariant = new Map<number, string[]>();
    for (const p of parsed)
      perVariant.set(idOf(p.code)!, [...(perVariant.get(idOf(p.code)!) ?? []), ...parseSerials(p.serials).serials]);
    for (const [variantId, list] of perVariant) {
      const twice = list.filter((s, i) => list.indexOf(s) !== i);
      const sku = parsed.find((p) => idOf(p.code) === variantId)!.code;
      if (twice.length) serialErrors.push(`${sku}: ${[...new Set(twice)].join(', ')}`);
    }
    for (const p of parsed) {
      const variantId = idOf(p.code)!;
      if (!tracked.has(variantId)) continue;
      const problem = await serialProblem(tx, variantId, p.serials, p.quantity);
      if (problem) serialErrors.push(`${p.code}: ${Object.values(problem.vars).join(', ')}`);
    }
    if (serialErrors.length)
      throw new ValidationError({ lines: 'errors.receiptSerials' }, { problems: serialErrors.join('; ') });
    const receiptId = insertId(
      await tx.insert(goodsReceipts).values({ supplierId: input.supplierId, receivedBy: actor.id, note: input.note }),
    );
    // Variants in id order: two receipts of the same items lock them in the same order (no deadlock).
    const items = parsed
      .map((p) => ({ ...p, variantId: idOf(p.code)!, orderLineId: null }))
      .sort((a, b) => a.variantId - b.variantId);
    for (const item of items) {
      await bringIn(tx, item, receiptId, actor.id, goodsReceiptNumber(receiptId));
      if (tracked.has(item.variantId))
        await receiveUnits(tx, {
          variantId: item.variantId,
          text: item.serials,
          receiptId,
          supplierId: input.supplierId,
          unitCost: centsToDecimal(item.unitCost),
          userId: actor.id,
        });
    }
    return { receiptId, units: items.reduce((s, i) => s + i.quantity, 0) };
  });
}
