import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, type DbOrTx, type Tx } from '../../db/client.js';
import {
  orderLines,
  orders,
  products,
  serialUnitEvents,
  serialUnits,
  variants,
  type UnitStatus,
} from '../../db/schema.js';
import { HOLDS_STOCK } from '../../domain/order-states.js';
import { withTransaction } from '../../db/transaction.js';
import { insertId } from '../../db/util.js';
import { shopDay } from '../../domain/shop-time.js';
import { goodsReceiptNumber } from '../../domain/document-numbers.js';
import { changeStock } from '../inventory/stock.service.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { ConflictError, isDuplicateKeyError, NotFoundError, ValidationError } from '../../lib/errors.js';

/** A serial or IMEI as printed on the box: letters, digits and - _ / . (3 to 64). */
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9\-_/.]{2,63}$/;

/**
 * Serials typed or scanned into a box, one per line (commas and spaces separate too), upper-cased as
 * makers print them. `bad` lists what is not a serial; `repeated` what appears twice.
 */
export function parseSerials(text: string): { serials: string[]; bad: string[]; repeated: string[] } {
  // Checked before upper-casing: some letters become ASCII when upper-cased (ı → I, ß → SS).
  const raw = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = raw.filter((s) => !SERIAL.test(s));
  const all = raw.filter((s) => SERIAL.test(s)).map((s) => s.toUpperCase());
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const s of all) {
    if (seen.has(s)) repeated.add(s);
    seen.add(s);
  }
  return { serials: [...seen], bad, repeated: [...repeated] };
}

/**
 * Checks the serials given for `quantity` units of a tracked variant: one each, well formed, none twice,
 * none the variant ever had (a serial is never reused). Returns the error key for the field, if any.
 */
export async function serialProblem(
  tx: Tx,
  variantId: number,
  text: string,
  quantity: number,
): Promise<{ key: string; vars: Record<string, string | number> } | undefined> {
  const { serials, bad, repeated } = parseSerials(text);
  if (bad.length) return { key: 'errors.serialFormat', vars: { serials: bad.slice(0, 5).join(', ') } };
  if (repeated.length) return { key: 'errors.serialTwice', vars: { serials: repeated.slice(0, 5).join(', ') } };
  if (serials.length !== quantity)
    return { key: 'errors.serialCount', vars: { count: quantity, given: serials.length } };
  const known = await tx
    .select({ serial: serialUnits.serial })
    .from(serialUnits)
    .where(and(eq(serialUnits.variantId, variantId), inArray(serialUnits.serial, serials)));
  if (known.length) return { key: 'errors.serialKnown', vars: { serials: known.map((k) => k.serial).join(', ') } };
  return undefined;
}

/** New units in stock, one per serial, with where they came from (inside the receiving transaction). */
export async function receiveUnits(
  tx: Tx,
  r: {
    variantId: number;
    text: string;
    receiptId: number;
    supplierId: number | null;
    unitCost: string;
    userId: number | null;
  },
): Promise<void> {
  for (const serial of parseSerials(r.text).serials) {
    const unitId = insertId(
      await tx
        .insert(serialUnits)
        .values({
          variantId: r.variantId,
          serial,
          receiptId: r.receiptId,
          supplierId: r.supplierId,
          unitCost: r.unitCost,
        })
        .catch((err: unknown) => {
          // Received by someone else a moment ago (the unique key caught it): nothing of this receipt is kept.
          if (isDuplicateKeyError(err)) throw new ConflictError('errors.serialTaken', { serials: serial });
          throw err;
        }),
    );
    await tx.insert(serialUnitEvents).values({ unitId, event: 'received', receiptId: r.receiptId, userId: r.userId });
  }
}

/**
 * Sells the units with these serials of a variant on an order: each must be in stock. The rows are locked
 * and re-checked under the lock, so two tills selling the same serial at once sell it once.
 */
export async function sellUnits(
  tx: Tx,
  s: { variantId: number; serials: string[]; orderId: number; userId: number | null },
): Promise<void> {
  if (!s.serials.length) return;
  const units = await tx
    .select({ id: serialUnits.id, serial: serialUnits.serial, status: serialUnits.status })
    .from(serialUnits)
    .where(and(eq(serialUnits.variantId, s.variantId), inArray(serialUnits.serial, s.serials)))
    .orderBy(asc(serialUnits.id))
    .for('update');
  const missing = s.serials.filter((serial) => !units.some((u) => u.serial === serial && u.status === 'in_stock'));
  if (missing.length) throw new ConflictError('errors.serialNotInStock', { serials: missing.join(', ') });
  const ids = units.map((u) => u.id);
  await tx
    .update(serialUnits)
    .set({ status: 'sold', orderId: s.orderId, soldAt: new Date() })
    .where(inArray(serialUnits.id, ids));
  await tx
    .insert(serialUnitEvents)
    .values(ids.map((unitId) => ({ unitId, event: 'sold' as const, orderId: s.orderId, userId: s.userId })));
}

/** The serials sold on an order, per variant, for the receipt, invoice and packing slip. */
export async function serialsOfOrder(orderId: number): Promise<Map<number, string[]>> {
  const rows = await db
    .select({ variantId: serialUnits.variantId, serial: serialUnits.serial })
    .from(serialUnits)
    .where(eq(serialUnits.orderId, orderId))
    .orderBy(asc(serialUnits.serial));
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.variantId, [...(out.get(r.variantId) ?? []), r.serial]);
  return out;
}

/** A variant's serial tracking on or off (admins). On needs no untracked units in stock; off, no tracked ones. */
export async function setTracking(variantId: number, on: boolean): Promise<void> {
  await withTransaction(async (tx) => {
    const [v] = await tx
      .select({ stock: variants.stock, tracks: variants.tracksSerials })
      .from(variants)
      .where(eq(variants.id, variantId))
      .for('update');
    if (!v) throw new NotFoundError();
    if (v.tracks === on) return;
    if (on && v.stock > 0) throw new ValidationError({ tracksSerials: 'errors.trackNeedsEmptyStock' });
    // Orders not yet handed over hold units taken off the stock without serials: they would never be packed.
    if (on) {
      const [open] = await tx
        .select({ n: sql<number>`COUNT(*)` })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orderLines.variantId, variantId), inArray(orders.status, [...HOLDS_STOCK])));
      if (Number(open?.n)) throw new ValidationError({ tracksSerials: 'errors.trackOpenOrders' });
    }
    if (!on) {
      const [held] = await tx
        .select({ n: sql<number>`COUNT(*)` })
        .from(serialUnits)
        .where(and(eq(serialUnits.variantId, variantId), eq(serialUnits.status, 'in_stock')));
      if (Number(held?.n)) throw new ValidationError({ tracksSerials: 'errors.untrackHeldUnits' });
    }
    await tx.update(variants).set({ tracksSerials: on }).where(eq(variants.id, variantId));
  });
}

/** A variant's units, newest first (the admin's stock page). */
export function unitsOfVariant(variantId: number, limit = 100) {
  return db
    .select({
      id: serialUnits.id,
      serial: serialUnits.serial,
      status: serialUnits.status,
      unitCost: serialUnits.unitCost,
      soldAt: serialUnits.soldAt,
      orderNumber: orders.number,
      createdAt: serialUnits.createdAt,
    })
    .from(serialUnits)
    .leftJoin(orders, eq(orders.id, serialUnits.orderId))
    .where(eq(serialUnits.variantId, variantId))
    .orderBy(desc(serialUnits.id))
    .limit(limit);
}

export type WarrantyAnswer = {
  product: string;
  productKm: string | null;
  status: UnitStatus;
  soldOn: string | null;
  endsOn: string | null;
  inWarranty: boolean;
};

/**
 * The public warranty check: what a serial is and until when it is covered, from the sale day (Phnom Penh)
 * and the unit's warranty (else the product's). Nothing about who bought it.
 */
export async function warrantyOf(serial: string, today = shopDay()): Promise<WarrantyAnswer[]> {
  const s = serial.trim().toUpperCase();
  if (!SERIAL.test(s)) return [];
  return (await unitRows(and(eq(serialUnits.serial, s)), 5)).map((u) => warrantyAnswer(u, today));
}

/** What the warranty page says of a unit: covered while it is sold (or back with us) and today is not past its end. */
function warrantyAnswer(u: OwnedUnit, today: string): WarrantyAnswer {
  return {
    product: u.product,
    productKm: u.productKm,
    status: u.status,
    soldOn: u.soldOn,
    endsOn: u.endsOn,
    inWarranty: u.endsOn !== null && u.status !== 'in_stock' && today <= u.endsOn,
  };
}

/** An order's lines tracked by serial that still lack serials: what is left to pick, per variant. */
export async function serialsToPick(
  tx: DbOrTx,
  orderId: number,
): Promise<{ variantId: number; sku: string; left: number }[]> {
  const rows = await tx.execute(sql`SELECT l.variant_id AS variantId, l.sku,
      l.quantity - l.returned_quantity - (SELECT COUNT(*) FROM serial_units u
        WHERE u.order_id = ${orderId} AND u.variant_id = l.variant_id) AS \`left\`
    FROM order_lines l JOIN variants v ON v.id = l.variant_id
    WHERE l.order_id = ${orderId} AND v.tracks_serials = 1`);
  return ((rows as unknown as [{ variantId: number; sku: string; left: number | string }[]])[0] ?? [])
    .map((r) => ({ variantId: Number(r.variantId), sku: r.sku, left: Number(r.left) }))
    .filter((r) => r.left > 0);
}

/** Before an online order is handed over (ready, shipped, out for delivery, held): every unit has its serial. */
export async function requireSerialsPicked(tx: Tx, orderId: number): Promise<void> {
  const left = await serialsToPick(tx, orderId);
  if (left.length) throw new ConflictError('errors.pickSerials', { skus: left.map((l) => l.sku).join(', ') });
}

/**
 * Packing an online order: the serials of the units going out, for one of its lines. Exactly the units
 * still to pick; each must be in stock (locked and re-checked, as at the till).
 */
export async function pickSerials(orderId: number, variantId: number, text: string, userId: number): Promise<void> {
  await withTransaction(async (tx) => {
    await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId)).for('update');
    const line = (await serialsToPick(tx, orderId)).find((l) => l.variantId === variantId);
    if (!line) throw new ConflictError('errors.serialsDone');
    const { serials, bad, repeated } = parseSerials(text);
    if (bad.length)
      throw new ValidationError({ [`s_${variantId}`]: 'errors.serialFormat' }, { serials: bad.join(', ') });
    if (repeated.length)
      throw new ValidationError({ [`s_${variantId}`]: 'errors.serialTwice' }, { serials: repeated.join(', ') });
    if (serials.length !== line.left)
      throw new ValidationError(
        { [`s_${variantId}`]: 'errors.serialCount' },
        { count: line.left, given: serials.length },
      );
    await sellUnits(tx, { variantId, serials, orderId, userId });
  });
}

/** A cancelled order's units go back on the shelf (their stock comes back through the ledger). */
export async function releaseUnits(tx: Tx, orderId: number, userId: number | null): Promise<void> {
  const held = await tx
    .select({ id: serialUnits.id })
    .from(serialUnits)
    .where(and(eq(serialUnits.orderId, orderId), eq(serialUnits.status, 'sold')))
    .for('update');
  if (!held.length) return;
  const ids = held.map((u) => u.id);
  await tx
    .update(serialUnits)
    .set({ status: 'in_stock', orderId: null, soldAt: null })
    .where(inArray(serialUnits.id, ids));
  await tx
    .insert(serialUnitEvents)
    .values(ids.map((unitId) => ({ unitId, event: 'restocked' as const, orderId, userId })));
}

/**
 * A return of units known by serial: exactly `quantity` serials, each sold on this order for this variant
 * (locked and re-checked). They go back in stock, or are kept aside as faulty. Nothing happens for a variant
 * not tracked by serial. Returns how many were faulty.
 */
export async function returnUnits(
  tx: Tx,
  r: {
    variantId: number;
    orderId: number;
    text: string;
    quantity: number;
    faulty: boolean;
    userId: number;
    field: string;
  },
): Promise<{ faulty: number }> {
  const [v] = await tx.select({ tracks: variants.tracksSerials }).from(variants).where(eq(variants.id, r.variantId));
  const sold = await tx
    .select({ id: serialUnits.id, serial: serialUnits.serial })
    .from(serialUnits)
    .where(
      and(eq(serialUnits.variantId, r.variantId), eq(serialUnits.orderId, r.orderId), eq(serialUnits.status, 'sold')),
    )
    .for('update');
  if (!v?.tracks && !sold.length) return { faulty: 0 };
  const { serials, bad, repeated } = parseSerials(r.text);
  if (bad.length) throw new ValidationError({ [r.field]: 'errors.serialFormat' }, { serials: bad.join(', ') });
  if (repeated.length) throw new ValidationError({ [r.field]: 'errors.serialTwice' }, { serials: repeated.join(', ') });
  if (serials.length !== r.quantity)
    throw new ValidationError({ [r.field]: 'errors.serialCount' }, { count: r.quantity, given: serials.length });
  const notHere = serials.filter((s) => !sold.some((u) => u.serial === s));
  if (notHere.length)
    throw new ValidationError({ [r.field]: 'errors.serialNotOnOrder' }, { serials: notHere.join(', ') });
  const ids = sold.filter((u) => serials.includes(u.serial)).map((u) => u.id);
  await tx
    .update(serialUnits)
    .set(r.faulty ? { status: 'faulty' } : { status: 'in_stock', orderId: null, soldAt: null })
    .where(inArray(serialUnits.id, ids));
  await tx.insert(serialUnitEvents).values(
    ids.map((unitId) => ({
      unitId,
      event: r.faulty ? ('faulty' as const) : ('returned' as const),
      orderId: r.orderId,
      userId: r.userId,
    })),
  );
  return { faulty: r.faulty ? ids.length : 0 };
}

/**
 * The warranty end day of a sold unit, in SQL (the one place it is computed): its sale day in Phnom Penh
 * plus its months; MariaDB ends a month early when the day does not exist (31 Jan + 1 month = 28 Feb).
 */
const WARRANTY_END = sql`DATE_ADD(DATE(CONVERT_TZ(${serialUnits.soldAt}, '+00:00', '+07:00')),
  INTERVAL COALESCE(${serialUnits.warrantyMonths}, ${products.warrantyMonths}) MONTH)`;

export type OwnedUnit = {
  serial: string;
  product: string;
  productKm: string | null;
  status: UnitStatus;
  orderNumber: string | null;
  soldOn: string | null;
  endsOn: string | null;
};

function unitRows(where: ReturnType<typeof and>, limit: number): Promise<OwnedUnit[]> {
  return db
    .select({
      serial: serialUnits.serial,
      product: products.name,
      productKm: products.nameKm,
      status: serialUnits.status,
      orderNumber: orders.number,
      soldOn: sql<string | null>`DATE_FORMAT(CONVERT_TZ(${serialUnits.soldAt}, '+00:00', '+07:00'), '%Y-%m-%d')`,
      endsOn: sql<string | null>`DATE_FORMAT(${WARRANTY_END}, '%Y-%m-%d')`,
    })
    .from(serialUnits)
    .innerJoin(variants, eq(variants.id, serialUnits.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(orders, eq(orders.id, serialUnits.orderId))
    .where(where)
    .orderBy(desc(serialUnits.soldAt), asc(serialUnits.serial))
    .limit(limit);
}

/** The units a customer bought (their orders), newest first: the admin's customer page. */
export function unitsOfCustomer(userId: number): Promise<OwnedUnit[]> {
  return unitRows(and(eq(orders.userId, userId)), 200);
}

/** Sold units whose warranty ends within `days` from today (Phnom Penh), soonest first: whom to call. */
export async function leavingWarranty(days = 30, today = shopDay()): Promise<OwnedUnit[]> {
  const rows = await unitRows(
    and(
      eq(serialUnits.status, 'sold'),
      sql`${WARRANTY_END} BETWEEN ${today} AND DATE_ADD(${today}, INTERVAL ${days} DAY)`,
    ),
    500,
  );
  return rows.sort((a, b) => (a.endsOn ?? '').localeCompare(b.endsOn ?? ''));
}

/**
 * The public warranty check by order: the order number and the phone it was placed with (either form of a
 * Cambodian number) → its units' warranties; anything else answers nothing, the same as an unknown order.
 */
export async function warrantyOfOrder(number: string, phone: string, today = shopDay()): Promise<WarrantyAnswer[]> {
  const e164 = normaliseCambodianPhone(phone);
  if (!e164 || !/^CS-\d{6}-\d{6}$/.test(number.trim().toUpperCase())) return [];
  const [order] = await db
    .select({ id: orders.id, phone: orders.customerPhone })
    .from(orders)
    .where(eq(orders.number, number.trim().toUpperCase()));
  if (!order || normaliseCambodianPhone(order.phone ?? '') !== e164) return [];
  return (await unitRows(and(eq(serialUnits.orderId, order.id)), 50)).map((u) => warrantyAnswer(u, today));
}

/**
 * An admin's decision on one unit: write it off (lost, broken beyond repair: from in stock or faulty), or put
 * a repaired faulty unit back in stock. Stock follows through the ledger; the unit is locked and re-checked.
 */
export async function unitAction(
  variantId: number,
  unitId: number,
  action: 'write-off' | 'restock',
  userId: number,
  note: string,
): Promise<void> {
  await withTransaction(async (tx) => {
    const [unit] = await tx
      .select({ status: serialUnits.status })
      .from(serialUnits)
      .where(and(eq(serialUnits.id, unitId), eq(serialUnits.variantId, variantId)))
      .for('update');
    if (!unit) throw new NotFoundError();
    const allowed = action === 'write-off' ? ['in_stock', 'faulty'] : ['faulty'];
    if (!allowed.includes(unit.status)) throw new ConflictError('errors.unitState');
    const delta = action === 'restock' ? 1 : unit.status === 'in_stock' ? -1 : 0;
    if (delta)
      await changeStock(
        { variantId, delta, reason: delta > 0 ? 'correction' : 'damage', userId, note: note.slice(0, 255) || null },
        tx,
      );
    await tx
      .update(serialUnits)
      .set(action === 'restock' ? { status: 'in_stock', orderId: null, soldAt: null } : { status: 'written_off' })
      .where(eq(serialUnits.id, unitId));
    await tx
      .insert(serialUnitEvents)
      .values({ unitId, event: action === 'restock' ? 'restocked' : 'written_off', userId });
  });
}

// ------------------------------------------------------------------ repairs: units at the service counter

export type RepairableUnit = {
  unitId: number;
  serial: string;
  product: string;
  brand: string | null;
  status: UnitStatus;
  soldOn: string | null;
  endsOn: string | null;
  inWarranty: boolean;
};

/** A unit sold here, found by the serial typed at the repair counter (with its warranty), or undefined. */
export async function soldUnitBySerial(serial: string, today = shopDay()): Promise<RepairableUnit | undefined> {
  const s = serial.trim().toUpperCase();
  if (!SERIAL.test(s)) return undefined;
  const [u] = await db
    .select({
      unitId: serialUnits.id,
      serial: serialUnits.serial,
      product: products.name,
      brand: sql<string | null>`(SELECT b.name FROM brands b WHERE b.id = ${products.brandId})`,
      status: serialUnits.status,
      soldOn: sql<string | null>`DATE_FORMAT(CONVERT_TZ(${serialUnits.soldAt}, '+00:00', '+07:00'), '%Y-%m-%d')`,
      endsOn: sql<string | null>`DATE_FORMAT(${WARRANTY_END}, '%Y-%m-%d')`,
    })
    .from(serialUnits)
    .innerJoin(variants, eq(variants.id, serialUnits.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(serialUnits.serial, s), inArray(serialUnits.status, ['sold', 'returned', 'in_repair'])))
    .orderBy(desc(serialUnits.soldAt))
    .limit(1);
  return u && { ...u, inWarranty: u.endsOn !== null && today <= u.endsOn };
}

/** A unit's status, its row locked for the caller's transaction (undefined when there is no such unit). */
export async function lockUnitStatus(tx: Tx, unitId: number): Promise<UnitStatus | undefined> {
  const [unit] = await tx
    .select({ status: serialUnits.status })
    .from(serialUnits)
    .where(eq(serialUnits.id, unitId))
    .for('update');
  return unit?.status;
}

/**
 * A customer's unit left for repair (sold → in repair) or handed back (in repair → sold), locked and
 * re-checked; a unit in another state is left as it is (the ticket still names it).
 */
export async function moveRepairUnit(
  tx: Tx,
  u: { unitId: number; repairId: number; userId: number | null; to: 'in_repair' | 'sold' },
): Promise<void> {
  const from = u.to === 'in_repair' ? 'sold' : 'in_repair';
  if ((await lockUnitStatus(tx, u.unitId)) !== from) return;
  await tx.update(serialUnits).set({ status: u.to }).where(eq(serialUnits.id, u.unitId));
  await tx.insert(serialUnitEvents).values({
    unitId: u.unitId,
    event: u.to === 'in_repair' ? 'repair_in' : 'repair_out',
    repairId: u.repairId,
    userId: u.userId,
  });
}

/**
 * A tracked part fitted in a repair: the unit with this serial must be in stock (locked and re-checked, so
 * two tickets cannot take the same one); it leaves as sold, its warranty from today. Returns its id and cost.
 */
export async function fitRepairUnit(
  tx: Tx,
  p: { variantId: number; serial: string; repairId: number; userId: number },
): Promise<{ unitId: number; unitCost: string | null }> {
  const [unit] = await tx
    .select({ id: serialUnits.id, status: serialUnits.status, unitCost: serialUnits.unitCost })
    .from(serialUnits)
    .where(and(eq(serialUnits.variantId, p.variantId), eq(serialUnits.serial, p.serial.trim().toUpperCase())))
    .for('update');
  if (unit?.status !== 'in_stock') throw new ConflictError('errors.serialNotInStock', { serials: p.serial });
  await tx.update(serialUnits).set({ status: 'sold', soldAt: new Date() }).where(eq(serialUnits.id, unit.id));
  await tx
    .insert(serialUnitEvents)
    .values({ unitId: unit.id, event: 'repair_part', repairId: p.repairId, userId: p.userId });
  return { unitId: unit.id, unitCost: unit.unitCost };
}

/** A fitted part taken off the ticket: its unit goes back in stock (locked; only from sold). */
export async function unfitRepairUnit(
  tx: Tx,
  p: { unitId: number; repairId: number; userId: number | null },
): Promise<void> {
  if ((await lockUnitStatus(tx, p.unitId)) !== 'sold') throw new ConflictError('errors.unitState');
  await tx.update(serialUnits).set({ status: 'in_stock', soldAt: null }).where(eq(serialUnits.id, p.unitId));
  await tx
    .insert(serialUnitEvents)
    .values({ unitId: p.unitId, event: 'repair_part_removed', repairId: p.repairId, userId: p.userId });
}

export type UnitHistory = {
  unitId: number;
  serial: string;
  product: string;
  sku: string;
  variantId: number;
  status: UnitStatus;
  unitCost: string | null;
  events: {
    event: (typeof serialUnitEvents.$inferSelect)['event'];
    at: Date;
    by: string | null;
    receipt: string | null;
    supplier: string | null;
    order: string | null;
    customer: string | null;
    repairId: number | null;
  }[];
};

/**
 * A serial's whole life, for the back office's look-up: every unit with this serial (one per item at most),
 * each step with who, when, from which supplier, on which order and for whom, and its repairs.
 */
export async function unitHistory(serial: string): Promise<UnitHistory[]> {
  const s = serial.trim().toUpperCase();
  if (!SERIAL.test(s)) return [];
  const units = await db
    .select({
      unitId: serialUnits.id,
      serial: serialUnits.serial,
      product: products.name,
      sku: variants.sku,
      variantId: variants.id,
      status: serialUnits.status,
      unitCost: serialUnits.unitCost,
    })
    .from(serialUnits)
    .innerJoin(variants, eq(variants.id, serialUnits.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(serialUnits.serial, s))
    .limit(10);
  if (!units.length) return [];
  const rows = await db.execute(sql`SELECT e.unit_id AS unitId, e.event, e.created_at AS at, u.name AS by_name,
      e.receipt_id AS receiptId, sup.name AS supplier, o.number AS orderNumber, o.customer_name AS customer,
      e.repair_id AS repairId
    FROM serial_unit_events e
    LEFT JOIN users u ON u.id = e.user_id
    LEFT JOIN goods_receipts g ON g.id = e.receipt_id
    LEFT JOIN suppliers sup ON sup.id = g.supplier_id
    LEFT JOIN orders o ON o.id = e.order_id
    WHERE e.unit_id IN (${sql.join(
      units.map((u) => sql`${u.unitId}`),
      sql`, `,
    )})
    ORDER BY e.id`);
  type Row = {
    unitId: number;
    event: UnitHistory['events'][number]['event'];
    at: Date;
    by_name: string | null;
    receiptId: number | null;
    supplier: string | null;
    orderNumber: string | null;
    customer: string | null;
    repairId: number | null;
  };
  const events = (rows as unknown as [Row[]])[0] ?? [];
  return units.map((u) => ({
    ...u,
    events: events
      .filter((e) => Number(e.unitId) === u.unitId)
      .map((e) => ({
        event: e.event,
        at: e.at,
        by: e.by_name,
        receipt: e.receiptId ? goodsReceiptNumber(Number(e.receiptId)) : null,
        supplier: e.supplier,
        order: e.orderNumber,
        customer: e.customer,
        repairId: e.repairId === null ? null : Number(e.repairId),
      })),
  }));
}
