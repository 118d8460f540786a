import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { db } from '../../db/client.js';
import { orderLines, orders, orderStatusLog, payments, products, users, variants } from '../../db/schema.js';
import { insertId, selectRows } from '../../db/util.js';
import { AppError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal, toCents } from '../../lib/money.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { hashPassword } from '../../lib/password.js';
import { changeStock, InsufficientStockError } from '../inventory/stock.service.js';
import { withDeadlockRetry } from '../checkout/checkout.service.js';
import { getSettings } from '../settings/settings.service.js';
import { computeTotals } from '../checkout/pricing.js';
import { clampDiscount, computeChange } from './pos-math.js';

/** The sale being rung up, kept in the cashier's session between requests. */
export type PosDraft = {
  lines: { variantId: number; quantity: number; discountCents: number }[];
  saleDiscountCents: number;
  customer?: { userId: number | null; name: string; phone: string };
  /** Reserved when a KHQR is shown, so the code's bill number is the order's number. */
  number?: string;
  /** The KHQR last shown for the sale total (checked with Bakong when a token is set). */
  khqr?: { md5: string; amount: string; number: string };
};
export const emptyDraft = (): PosDraft => ({ lines: [], saleDiscountCents: 0 });

export type VariantHit = { variantId: number; sku: string; barcode: string | null; name: string; title: string; price: string; stock: number };

const HIT = sql`v.id AS variantId, v.sku, v.barcode, p.name, v.title, v.price, v.stock`;
const SELLABLE = sql`v.is_active = 1 AND p.status = 'active'`;

/** A scanned barcode or typed SKU, exactly. */
export async function findByCode(code: string): Promise<VariantHit | undefined> {
  const c = code.trim();
  if (!c) return undefined;
  const [row] = await selectRows<VariantHit>(sql`SELECT ${HIT} FROM variants v JOIN products p ON p.id = v.product_id
    WHERE ${SELLABLE} AND (v.sku = ${c} OR v.barcode = ${c}) LIMIT 1`);
  return row;
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

export type PricedLine = VariantHit & { quantity: number; discountCents: number; unitCents: number; lineCents: number; short: boolean };
export type PricedSale = { lines: PricedLine[]; subtotalCents: number; lineDiscountCents: number; saleDiscountCents: number; vatRate: string; vatCents: number; totalCents: number };

/** Today's prices for the draft, discounts clamped, totals with VAT (no delivery at the counter). */
export async function priceDraft(draft: PosDraft): Promise<PricedSale> {
  const ids = draft.lines.map((l) => l.variantId);
  const rows = ids.length
    ? await selectRows<VariantHit>(sql`SELECT ${HIT} FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`)
    : [];
  const byId = new Map(rows.map((r) => [Number(r.variantId), r]));
  const lines: PricedLine[] = [];
  for (const l of draft.lines) {
    const v = byId.get(l.variantId);
    if (!v) continue;
    const unitCents = toCents(v.price);
    const gross = unitCents * l.quantity;
    const discountCents = clampDiscount(l.discountCents, gross);
    lines.push({ ...v, quantity: l.quantity, discountCents, unitCents, lineCents: gross - discountCents, short: l.quantity > v.stock });
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
  };
}

export const posNumber = (now = new Date()) => `CS-${now.toISOString().slice(2, 10).replace(/-/g, '')}-${String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')}`;

export type PosPayment = { method: 'cash' | 'khqr' | 'split'; tenderedUsdCents: number; tenderedKhr: number; khqrCents: number; khqrHash?: string | null; khqrPayer?: string | null };

export class PosStockError extends AppError {
  constructor(readonly sku: string, readonly productName: string, readonly available: number) {
    super('errors.posStockShort', 409, 'insufficient_stock', true);
  }
}

/**
 * Completes a counter sale in one transaction: a `counter` order in state `completed`, lines copied
 * with prices and costs, stock taken through the ledger (never below zero, even against online
 * checkouts for the same unit), and the payments received with the change given.
 */
export async function completeSale(draft: PosDraft, pay: PosPayment, cashierId: number, now = new Date()) {
  const sale = await priceDraft(draft);
  if (!sale.lines.length) throw new ValidationError({ _form: 'errors.posEmpty' });
  const khqrCents = pay.method === 'cash' ? 0 : pay.method === 'khqr' ? sale.totalCents : Math.min(pay.khqrCents, sale.totalCents);
  const cash = computeChange({ totalCents: sale.totalCents, khqrCents, tenderedUsdCents: pay.method === 'khqr' ? 0 : pay.tenderedUsdCents, tenderedKhr: pay.method === 'khqr' ? 0 : pay.tenderedKhr, rate: config.KHR_PER_USD });
  if (pay.method !== 'khqr' && !cash.enough) throw new ValidationError({ tenderedUsd: 'errors.posNotEnoughCash' });
  const number = draft.number ?? posNumber(now);
  const orderId = await withDeadlockRetry(() => db.transaction(async (tx) => {
    const id = insertId(await tx.insert(orders).values({
      number, channel: 'counter', status: 'completed', userId: draft.customer?.userId ?? null,
      customerName: draft.customer?.name ?? 'Walk-in customer', customerEmail: '', customerPhone: draft.customer?.phone ?? '',
      deliveryMethod: 'pickup', subtotal: centsToDecimal(sale.subtotalCents), discountTotal: centsToDecimal(sale.lineDiscountCents + sale.saleDiscountCents),
      vatRate: sale.vatRate, vatAmount: centsToDecimal(sale.vatCents), grandTotal: centsToDecimal(sale.totalCents), khrPerUsd: config.KHR_PER_USD,
      paymentMethod: pay.method, paidAt: now, placedAt: now, cashierId,
      cashTenderedUsd: pay.method === 'khqr' ? null : centsToDecimal(pay.tenderedUsdCents), cashTenderedKhr: pay.method === 'khqr' ? null : pay.tenderedKhr,
      changeUsd: pay.method === 'khqr' ? null : centsToDecimal(cash.changeUsdCents), changeKhr: pay.method === 'khqr' ? null : cash.changeKhr,
    }));
    for (const l of [...sale.lines].sort((a, b) => a.variantId - b.variantId)) {
      try {
        await changeStock({ variantId: Number(l.variantId), delta: -l.quantity, reason: 'sale', orderId: id, userId: cashierId }, tx);
      } catch (err) {
        if (err instanceof InsufficientStockError) throw new PosStockError(l.sku, l.name, err.available);
        throw err;
      }
    }
    const variantRows = await tx.select({ id: variants.id, cost: variants.costPrice, productId: variants.productId }).from(variants).where(sql`${variants.id} IN (${sql.join(sale.lines.map((l) => sql`${l.variantId}`), sql`, `)})`);
    const info = new Map(variantRows.map((v) => [v.id, v]));
    for (const l of sale.lines) {
      const v = info.get(Number(l.variantId))!;
      await tx.insert(orderLines).values({ orderId: id, variantId: Number(l.variantId), productId: v.productId, productName: l.name, variantTitle: l.title, sku: l.sku, unitPrice: l.price, costPrice: v.cost, quantity: l.quantity, discount: centsToDecimal(l.discountCents), lineTotal: centsToDecimal(l.lineCents) });
    }
    if (khqrCents > 0) {
      await tx.insert(payments).values({ orderId: id, method: 'khqr', currency: 'USD', amount: centsToDecimal(khqrCents), status: 'paid', paidAt: now, md5: draft.khqr?.md5 ?? null, khqr: null, transactionHash: pay.khqrHash ?? null, payerAccount: pay.khqrPayer ?? null });
    }
    if (cash.cashDueCents > 0 && pay.method !== 'khqr') await tx.insert(payments).values({ orderId: id, method: 'cash', currency: 'USD', amount: centsToDecimal(cash.cashDueCents), status: 'paid', paidAt: now });
    await tx.insert(orderStatusLog).values({ orderId: id, fromStatus: null, toStatus: 'completed', userId: cashierId, note: 'Counter sale' });
    for (const l of sale.lines) {
      await tx.update(products).set({ soldCount: sql`${products.soldCount} + ${l.quantity}` }).where(eq(products.id, info.get(Number(l.variantId))!.productId));
    }
    return id;
  }));
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return { order: order!, change: cash };
}

/** Finds a customer by phone, or creates a walk-in account (no email: `.invalid` is never delivered). */
export async function findOrCreateCustomer(phoneInput: string, name: string): Promise<{ userId: number; name: string; phone: string }> {
  const phone = normaliseCambodianPhone(phoneInput);
  if (!phone) throw new ValidationError({ phone: 'errors.phone' });
  const [existing] = await db.select().from(users).where(and(eq(users.phone, phone), eq(users.role, 'customer'))).limit(1);
  if (existing) return { userId: existing.id, name: existing.name, phone };
  if (!name.trim()) throw new ValidationError({ name: 'errors.posNameForNew' });
  const id = insertId(await db.insert(users).values({ name: name.trim().slice(0, 120), email: `walk-in-${phone.slice(1)}@customers.invalid`, phone, passwordHash: await hashPassword(crypto.randomBytes(24).toString('hex')) }));
  return { userId: id, name: name.trim(), phone };
}
