import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { newOrderNumber } from '../orders/create-order.js';
import { db } from '../../db/client.js';
import { orders, users } from '../../db/schema.js';
import { insertId, selectRows, statusIn } from '../../db/util.js';
import { SOLD_STATUSES } from '../../domain/order-states.js';
import { ConflictError, isDuplicateKeyError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal, toCents } from '../../domain/money.js';
import { applyCoupon, CouponRefusedError, type CouponCustomer } from '../coupons/coupons.service.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { hashPassword } from '../../lib/password.js';
import { getSettings } from '../settings/settings.service.js';
import { computeTotals } from '../checkout/pricing.js';
import { claimApproval, recordApproval, type Approval } from './approval.service.js';
import { clampDiscount } from './pos-math.js';
import { withTransaction } from '../../db/transaction.js';

/** The sale being rung up, kept in the cashier's session between requests. */
export type PosDraft = {
  /** `serials`: for an item tracked by serial, the units scanned (quantity = their count). */
  lines: { variantId: number; quantity: number; discountCents: number; serials?: string[] }[];
  saleDiscountCents: number;
  customer?: { userId: number | null; name: string; phone: string };
  /** A coupon code the customer showed (priced with the sale; checked again under its lock at completion). */
  couponCode?: string;
  /**
   * The order number, reserved with the first line: the KHQR's bill number, the approvals' reference,
   * and the idempotency key of completion (orders.number is unique, so a repeat finds the order).
   */
  number?: string;
  /** The KHQR last shown, tied to the priced sale it was made for (voided by any change). */
  khqr?: SaleKhqr;
};
export type SaleKhqr = {
  md5: string;
  qr: string;
  amount: string;
  number: string;
  fingerprint: string;
  expiresAt: number;
};
export const emptyDraft = (): PosDraft => ({ lines: [], saleDiscountCents: 0 });

export type VariantHit = {
  variantId: number;
  sku: string;
  barcode: string | null;
  name: string;
  title: string;
  price: string;
  stock: number;
  tracksSerials: number;
  productId: number;
  /** The unit's serial, when a scanned code was a unit in stock. */
  serial?: string;
};

const HIT = sql`v.id AS variantId, v.sku, v.barcode, p.name, v.title, v.price, v.stock,
  v.tracks_serials AS tracksSerials, p.id AS productId`;
const SELLABLE = sql`v.is_active = 1 AND p.status = 'active'`;

/** A scanned barcode or typed SKU, exactly; or the serial of a unit in stock (then with that serial). */
export async function findByCode(code: string): Promise<VariantHit | undefined> {
  const c = code.trim();
  if (!c) return undefined;
  const [row] = await selectRows<VariantHit>(sql`SELECT ${HIT} FROM variants v JOIN products p ON p.id = v.product_id
    WHERE ${SELLABLE} AND (v.sku = ${c} OR v.barcode = ${c}) LIMIT 1`);
  if (row) return row;
  const [unit] = await selectRows<VariantHit>(sql`SELECT ${HIT}, u.serial FROM serial_units u
    JOIN variants v ON v.id = u.variant_id JOIN products p ON p.id = v.product_id
    WHERE ${SELLABLE} AND v.tracks_serials = 1 AND u.serial = ${c.toUpperCase()} AND u.status = 'in_stock' LIMIT 1`);
  return unit;
}

/** Text search for the cashier: SKU prefix or words of the name. */
export function searchVariants(q: string, limit = 20): Promise<VariantHit[]> {
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (!words.length) return Promise.resolve([]);
  const nameConds = words.map((w) => sql`p.name LIKE ${`%${w}%`}`);
  return selectRows<VariantHit>(sql`SELECT ${HIT} FROM variants v JOIN products p ON p.id = v.product_id
    WHERE ${SELLABLE} AND (v.sku LIKE ${`${q.trim()}%`} OR (${sql.join(nameConds, sql` AND `)}))
    ORDER BY v.stock > 0 DESC, p.sold_count DESC, v.id LIMIT ${limit}`);
}

type PricedLine = VariantHit & {
  quantity: number;
  discountCents: number;
  unitCents: number;
  lineCents: number;
  short: boolean;
  serials: string[];
};
export type PricedSale = {
  lines: PricedLine[];
  subtotalCents: number;
  lineDiscountCents: number;
  saleDiscountCents: number;
  vatRate: string;
  vatCents: number;
  totalCents: number;
  /** The coupon taken off the lines (its share is in each line's discount), or why the code does not apply. */
  coupon?: { code: string; discountCents: number };
  couponRefused?: CouponRefusedError;
  /** The lines as the coupon saw them (after line discounts), to price it again at completion. */
  couponBase: CouponBaseLine[];
};

/** A line as a coupon prices it at the till: the line after its own discount, as one unit. */
type CouponBaseLine = { variantId: number; productId: number; price: string; quantity: number };

/** The till's customer, for a coupon's once-per-customer and first-order rules (no customer: such coupons are refused). */
export const posCouponCustomer = (draft: PosDraft): CouponCustomer => ({
  userId: draft.customer?.userId ?? null,
  email: '',
  phone: draft.customer?.phone ?? '',
});

/** The draft's variants as they are now (price, stock), by id. */
async function variantsOf(draft: PosDraft): Promise<Map<number, VariantHit>> {
  const ids = draft.lines.map((l) => l.variantId);
  if (!ids.length) return new Map();
  const rows = await selectRows<VariantHit>(
    sql`SELECT ${HIT} FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [Number(r.variantId), r]));
}

/** One line at today's price, its discount clamped to the line. */
function priceLine(l: PosDraft['lines'][number], v: VariantHit): PricedLine {
  const unitCents = toCents(v.price);
  const gross = unitCents * l.quantity;
  const discountCents = clampDiscount(l.discountCents, gross);
  return {
    ...v,
    quantity: l.quantity,
    discountCents,
    unitCents,
    lineCents: gross - discountCents,
    short: l.quantity > v.stock,
    serials: l.serials ?? [],
  };
}

/** Today's prices for the draft, discounts clamped, totals with VAT (no delivery at the counter). */
export async function priceDraft(draft: PosDraft): Promise<PricedSale> {
  const byId = await variantsOf(draft);
  const lines = draft.lines.flatMap((l) => {
    const v = byId.get(l.variantId);
    return v ? [priceLine(l, v)] : [];
  });
  const couponBase = lines.map((l) => ({
    variantId: Number(l.variantId),
    productId: Number(l.productId),
    price: centsToDecimal(l.lineCents),
    quantity: 1,
  }));
  let coupon: PricedSale['coupon'];
  let couponRefused: CouponRefusedError | undefined;
  if (draft.couponCode && lines.length) {
    try {
      const applied = await applyCoupon(draft.couponCode, couponBase, posCouponCustomer(draft), undefined, {
        requireCustomer: true,
      });
      for (const l of lines) {
        const share = applied.perLine.get(Number(l.variantId)) ?? 0;
        l.discountCents += share;
        l.lineCents -= share;
      }
      coupon = { code: applied.code, discountCents: applied.discount };
    } catch (err) {
      if (!(err instanceof CouponRefusedError)) throw err;
      couponRefused = err;
    }
  }
  const afterLines = lines.reduce((s, l) => s + l.lineCents, 0);
  const saleDiscountCents = clampDiscount(draft.saleDiscountCents, afterLines);
  const { vatRate } = await getSettings();
  const totals = computeTotals([{ unitPrice: afterLines - saleDiscountCents, quantity: 1 }], 0, vatRate);
  return {
    lines,
    subtotalCents: lines.reduce((s, l) => s + l.unitCents * l.quantity, 0),
    lineDiscountCents: lines.reduce((s, l) => s + l.discountCents, 0),
    saleDiscountCents,
    vatRate,
    vatCents: totals.vat,
    totalCents: totals.grandTotal,
    coupon,
    couponRefused,
    couponBase,
  };
}

/** The sale's order number, reserved once (and not one an order already has). */
export async function reserveNumber(draft: PosDraft): Promise<string> {
  if (draft.number) return draft.number;
  for (let i = 0; i < 5; i++) {
    const number = newOrderNumber();
    const [taken] = await db.select({ id: orders.id }).from(orders).where(eq(orders.number, number)).limit(1);
    if (!taken) {
      draft.number = number;
      return number;
    }
  }
  throw new ConflictError('errors.conflict');
}

/** A sellable variant by id; 404 for anything else. */
async function sellable(variantId: number): Promise<VariantHit> {
  const [row] = await selectRows<VariantHit>(
    sql`SELECT ${HIT} FROM variants v JOIN products p ON p.id = v.product_id WHERE ${SELLABLE} AND v.id = ${variantId}`,
  );
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Adds a unit (or more) of a variant; any change to the sale voids the KHQR shown for it. An item tracked
 * by serial is added one scanned unit at a time (`serial`), never by quantity.
 */
export async function addLine(draft: PosDraft, variantId: number, quantity = 1, serial?: string): Promise<VariantHit> {
  const hit = await sellable(variantId);
  if (Number(hit.tracksSerials)) {
    if (!serial) throw new ValidationError({ code: 'errors.posScanSerial' }, { sku: hit.sku });
    await reserveNumber(draft);
    const line = draft.lines.find((l) => l.variantId === variantId);
    if (line?.serials?.includes(serial)) return hit;
    if (line) {
      line.serials = [...(line.serials ?? []), serial];
      line.quantity = line.serials.length;
    } else draft.lines.push({ variantId, quantity: 1, discountCents: 0, serials: [serial] });
    delete draft.khqr;
    return hit;
  }
  await reserveNumber(draft);
  const line = draft.lines.find((l) => l.variantId === variantId);
  if (line) line.quantity = Math.min(999, line.quantity + quantity);
  else draft.lines.push({ variantId, quantity, discountCents: 0 });
  delete draft.khqr;
  return hit;
}

export function setQuantity(draft: PosDraft, variantId: number, quantity: number): void {
  // Units known by serial are scanned one by one; their line can only be removed.
  if (quantity !== 0 && draft.lines.find((l) => l.variantId === variantId)?.serials)
    throw new ValidationError({ quantity: 'errors.posSerialQuantity' });
  if (quantity === 0) draft.lines = draft.lines.filter((l) => l.variantId !== variantId);
  else draft.lines = draft.lines.map((l) => (l.variantId === variantId ? { ...l, quantity } : l));
  delete draft.khqr;
}

/**
 * A discount on the whole sale or one line, approved by an admin (recorded with the code used up in
 * one transaction, so a code approves one discount only).
 */
export async function applyDiscount(
  draft: PosDraft,
  input: { target: 'sale' | number; cents: number },
  approval: Approval,
  cashierId: number,
): Promise<void> {
  const sale = await priceDraft(draft);
  const line = input.target === 'sale' ? undefined : sale.lines.find((l) => Number(l.variantId) === input.target);
  if (input.target !== 'sale' && !line) throw new ValidationError({ target: 'errors.posDiscountTarget' });
  const cents = clampDiscount(
    input.cents,
    line ? line.unitCents * line.quantity : sale.lines.reduce((s, l) => s + l.lineCents, 0),
  );
  const orderNumber = await reserveNumber(draft);
  await withTransaction(async (tx) => {
    await claimApproval(tx, approval);
    await recordApproval(tx, {
      action: 'discount',
      approval,
      cashierId,
      orderNumber,
      amountCents: cents,
      note: line ? `Line ${line.sku}` : 'Whole sale',
    });
  });
  if (line) draft.lines = draft.lines.map((l) => (l.variantId === input.target ? { ...l, discountCents: cents } : l));
  else draft.saleDiscountCents = cents;
  delete draft.khqr;
}

/** What the sale is, as priced now: a KHQR is good only for the sale it was shown for. */
export function saleFingerprint(sale: PricedSale, number: string | undefined): string {
  const lines = sale.lines.map((l) => [Number(l.variantId), l.quantity, l.unitCents, l.discountCents, l.lineCents]);
  const data = JSON.stringify([
    number ?? null,
    lines,
    sale.saleDiscountCents,
    sale.vatRate,
    sale.vatCents,
    sale.totalCents,
  ]);
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Finds a customer by phone, or creates a walk-in account (no email: `.invalid` is never delivered). */
export async function findOrCreateCustomer(
  phoneInput: string,
  name: string,
): Promise<{ userId: number; name: string; phone: string }> {
  const phone = normaliseCambodianPhone(phoneInput);
  if (!phone) throw new ValidationError({ phone: 'errors.phone' });
  const [existing] = await db
    .select()
    .from(users)
    .where(and(eq(users.phone, phone), eq(users.role, 'customer')))
    .limit(1);
  if (existing) return { userId: existing.id, name: existing.name, phone };
  if (!name.trim()) throw new ValidationError({ name: 'errors.posNameForNew' });
  const email = `walk-in-${phone.slice(1)}@customers.invalid`;
  try {
    const id = insertId(
      await db.insert(users).values({
        name: name.trim().slice(0, 120),
        email,
        phone,
        passwordHash: await hashPassword(crypto.randomBytes(24).toString('hex')),
      }),
    );
    return { userId: id, name: name.trim(), phone };
  } catch (err) {
    // Two counters adding the same new walk-in at once: the second finds the first's account.
    if (!isDuplicateKeyError(err)) throw err;
    const [made] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    if (!made) throw err;
    return { userId: made.id, name: made.name, phone };
  }
}

/** The till's favourites: the variants sold most (by units, every channel) in the last 30 days. */
export function favouriteVariants(limit = 12): Promise<VariantHit[]> {
  return selectRows<VariantHit>(sql`SELECT ${HIT} FROM (
      SELECT ol.variant_id, SUM(ol.quantity) AS sold FROM order_lines ol JOIN orders o ON o.id = ol.order_id
      WHERE o.placed_at >= NOW(3) - INTERVAL 30 DAY AND ${statusIn(sql`o.status`, SOLD_STATUSES)}
        AND ol.variant_id IS NOT NULL
      GROUP BY ol.variant_id) top
    JOIN variants v ON v.id = top.variant_id JOIN products p ON p.id = v.product_id
    WHERE ${SELLABLE} ORDER BY top.sold DESC, v.id LIMIT ${limit}`);
}

export type CategoryTile = { id: number; name: string; nameKm: string | null };

/** The top categories, as tiles that list what they hold. */
export function categoryTiles(limit = 16): Promise<CategoryTile[]> {
  return selectRows<CategoryTile>(sql`SELECT id, name, name_km AS nameKm FROM categories
    WHERE is_active = 1 AND parent_id IS NULL ORDER BY position, name LIMIT ${limit}`);
}

/** Sellable variants in a category and the categories under it, best sellers first. */
export function categoryVariants(categoryId: number, limit = 30): Promise<VariantHit[]> {
  return selectRows<VariantHit>(sql`SELECT ${HIT} FROM variants v JOIN products p ON p.id = v.product_id
    WHERE ${SELLABLE} AND p.category_id IN (SELECT c.id FROM categories c JOIN categories top ON top.id = ${categoryId}
      WHERE c.id = top.id OR (top.path <> '/' AND c.path LIKE CONCAT(top.path, '%')))
    ORDER BY v.stock > 0 DESC, p.sold_count DESC, v.id LIMIT ${limit}`);
}
