import { and, eq, inArray } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { db, type Tx } from '../../db/client.js';
import { orders, payments, variants, type Order } from '../../db/schema.js';
import { withDeadlockRetry } from '../../db/util.js';
import { AppError, ConflictError, isDuplicateKeyError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal } from '../../domain/money.js';
import { createOrder, LineShortError } from '../orders/create-order.js';
import { claimApproval, recordApproval, type Approval } from './approval.service.js';
import { checkSaleKhqr, posBakongClient } from './pos-khqr.js';
import { computeChange, formatCash } from './pos-math.js';
import { posCouponCustomer, priceDraft, reserveNumber, type PosDraft, type PricedSale } from './pos.service.js';
import { applyCoupon, redeemCoupon } from '../coupons/coupons.service.js';
import { getSettings } from '../settings/settings.service.js';
import { sellUnits } from '../units/units.service.js';
import { withTransaction } from '../../db/transaction.js';

export type CompleteInput = {
  method: 'cash' | 'khqr' | 'split';
  tenderedUsdCents: number;
  tenderedKhr: number;
  khqrCents: number;
  manual: boolean;
  reason: string;
  /** The buyer's business, for a tax invoice (optional). */
  buyer: Buyer | null;
};
type Buyer = { company: string; vatin: string | null; address: string | null };
type KhqrProof = { md5: string | null; hash: string | null; payer: string | null };
type ByHand = { approval: Approval; reason: string; why: string };

export class PosStockError extends AppError {
  constructor(
    readonly sku: string,
    readonly productName: string,
    readonly available: number,
  ) {
    super('errors.posStockShort', 409, 'insufficient_stock', true, { sku, name: productName, count: available });
  }
}

/** The counter order this cashier already completed under that number (a repeated submit), if any. */
export async function findCompletedSale(number: string, cashierId: number): Promise<Order | undefined> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.channel, 'counter'), eq(orders.cashierId, cashierId)));
  return order;
}

/**
 * A KHQR sale is paid by the QR shown for the sale as it is now. With a Bakong token, Bakong must
 * report that exact payment; only when Bakong cannot be reached may it be confirmed by hand, with
 * an admin's approval and a reason. Without a token the cashier confirms (as the screen says).
 */
async function khqrProof(
  draft: PosDraft,
  sale: PricedSale,
  input: CompleteInput,
  approval: Approval | null,
): Promise<{ proof: KhqrProof; byHand: ByHand | null }> {
  const check = await checkSaleKhqr(draft, sale);
  switch (check.kind) {
    case 'stale':
      throw new ConflictError('errors.posKhqrStale');
    case 'not_found':
    case 'mismatch':
      throw new ConflictError('errors.posKhqrNotPaid');
    case 'paid':
      return { proof: { md5: check.md5, hash: check.hash, payer: check.payer }, byHand: null };
    case 'no_token':
      return { proof: { md5: draft.khqr!.md5, hash: null, payer: null }, byHand: null };
    case 'unreachable': {
      if (!input.manual) throw new ConflictError('errors.posKhqrUnreachable');
      if (!approval) throw new ValidationError({ approvalCode: 'errors.approvalCode' });
      if (input.reason.trim().length < 3) throw new ValidationError({ reason: 'errors.posByHandReason' });
      return {
        proof: { md5: draft.khqr!.md5, hash: null, payer: null },
        byHand: { approval, reason: input.reason.trim(), why: 'Bakong unreachable' },
      };
    }
  }
}

/**
 * The KHQR part of a split payment has no QR of its own that Bakong could confirm. Without a token
 * the cashier confirms it as for a whole KHQR sale; with a token (the shop relies on Bakong) it is
 * confirmed by hand: an admin's approval and a reason, recorded like any hand confirmation.
 */
function splitProof(
  input: CompleteInput,
  approval: Approval | null,
): { proof: KhqrProof | null; byHand: ByHand | null } {
  if (input.khqrCents <= 0 || !posBakongClient()) return { proof: null, byHand: null };
  if (!approval) throw new ValidationError({ approvalCode: 'errors.posSplitNeedsApproval' });
  if (input.reason.trim().length < 3) throw new ValidationError({ reason: 'errors.posByHandReason' });
  return { proof: null, byHand: { approval, reason: input.reason.trim(), why: 'KHQR part of a split payment' } };
}

/** Checks the payment, then completes the sale (once, whatever number of submits). */
export async function completeCounterSale(
  draft: PosDraft,
  input: CompleteInput,
  cashierId: number,
  approval: Approval | null,
): Promise<Order> {
  const sale = await priceDraft(draft);
  if (!sale.lines.length) throw new ValidationError({ _form: 'errors.posEmpty' });
  const khqr =
    input.method === 'khqr'
      ? await khqrProof(draft, sale, input, approval)
      : input.method === 'split'
        ? splitProof(input, approval)
        : null;
  return completeSale(draft, sale, input, cashierId, khqr?.proof ?? null, khqr?.byHand ?? null);
}

/**
 * Completes a counter sale in one transaction: a `counter` order in state `completed`, lines copied
 * with prices and costs, stock taken through the ledger (never below zero, even against online
 * checkouts for the same unit), and the payments received with the change given. The order gets
 * the sale's reserved number, so a repeated or parallel submit finds the order instead of making
 * another one.
 */
async function completeSale(
  draft: PosDraft,
  sale: PricedSale,
  pay: CompleteInput,
  cashierId: number,
  proof: KhqrProof | null,
  byHand: ByHand | null,
  now = new Date(),
): Promise<Order> {
  const khqrCents =
    pay.method === 'cash' ? 0 : pay.method === 'khqr' ? sale.totalCents : Math.min(pay.khqrCents, sale.totalCents);
  const cashless = pay.method === 'khqr';
  // Riel cash is rounded to the shop's step (CONTEXT.md, "Riel cash"); the order's totals stay exact.
  const cash = computeChange({
    totalCents: sale.totalCents,
    khqrCents,
    tenderedUsdCents: cashless ? 0 : pay.tenderedUsdCents,
    tenderedKhr: cashless ? 0 : pay.tenderedKhr,
    rate: config.KHR_PER_USD,
    stepKhr: (await getSettings()).cashRoundingKhr,
  });
  if (!cashless && !cash.enough)
    throw new ValidationError(
      { tenderedUsd: 'errors.posNotEnoughCash' },
      { usd: formatCash(cash.shortCents, 0), khr: formatCash(0, cash.shortKhr) },
    );
  const number = await reserveNumber(draft);
  try {
    const orderId = await withDeadlockRetry(() =>
      withTransaction(async (tx) => {
        if (byHand) await claimApproval(tx, byHand.approval);
        // The coupon's row is locked before any stock row (as at checkout) and the coupon priced again under it.
        const coupon = draft.couponCode
          ? await applyCoupon(draft.couponCode, sale.couponBase, posCouponCustomer(draft), tx, {
              lock: true,
              requireCustomer: true,
              now,
            })
          : undefined;
        if ((coupon?.discount ?? 0) !== (sale.coupon?.discountCents ?? 0))
          throw new ConflictError('errors.posSaleChanged');
        const note = byHand
          ? `Counter sale; KHQR confirmed by hand (${byHand.why}), ` +
            `approved by admin #${byHand.approval.approverId}: ${byHand.reason}`
          : 'Counter sale';
        const id = await createOrder(tx, {
          number,
          values: {
            channel: 'counter',
            status: 'completed',
            userId: draft.customer?.userId ?? null,
            customerName: draft.customer?.name ?? 'Walk-in customer',
            customerEmail: '',
            customerPhone: draft.customer?.phone ?? '',
            deliveryMethod: 'pickup',
            subtotal: centsToDecimal(sale.subtotalCents),
            discountTotal: centsToDecimal(sale.lineDiscountCents + sale.saleDiscountCents),
            vatRate: sale.vatRate,
            vatAmount: centsToDecimal(sale.vatCents),
            grandTotal: centsToDecimal(sale.totalCents),
            khrPerUsd: config.KHR_PER_USD,
            paymentMethod: pay.method,
            paidAt: now,
            placedAt: now,
            cashierId,
            cashTenderedUsd: cashless ? null : centsToDecimal(pay.tenderedUsdCents),
            cashTenderedKhr: cashless ? null : pay.tenderedKhr,
            changeUsd: cashless ? null : centsToDecimal(cash.changeUsdCents),
            changeKhr: cashless ? null : cash.changeKhr,
            cashRoundingKhr: cashless ? 0 : cash.roundingKhr,
            buyerCompany: pay.buyer?.company ?? null,
            buyerVatin: pay.buyer?.vatin ?? null,
            buyerAddress: pay.buyer?.address ?? null,
            couponCode: coupon?.code ?? null,
          },
          lines: sale.lines.map((l) => ({
            variantId: Number(l.variantId),
            productName: l.name,
            variantTitle: l.title,
            sku: l.sku,
            unitPrice: l.price,
            quantity: l.quantity,
            discountCents: l.discountCents,
            lineTotalCents: l.lineCents,
          })),
          actorId: cashierId,
          note: note.slice(0, 500),
        }).catch((err: unknown) => {
          if (err instanceof LineShortError) throw new PosStockError(err.line.sku, err.line.productName, err.available);
          throw err;
        });
        // Units known by serial leave as the units scanned, each still in stock (locked and re-checked). A line
        // without its serials (tracking switched on while the sale was open) is refused.
        const tracked = await tx
          .select({ id: variants.id, sku: variants.sku })
          .from(variants)
          .where(
            and(
              inArray(
                variants.id,
                draft.lines.map((l) => l.variantId),
              ),
              eq(variants.tracksSerials, true),
            ),
          );
        for (const t of tracked) {
          const line = draft.lines.find((l) => l.variantId === t.id)!;
          if ((line.serials?.length ?? 0) !== line.quantity)
            throw new ValidationError({ code: 'errors.posScanSerial' }, { sku: t.sku });
        }
        for (const line of draft.lines)
          if (line.serials?.length)
            await sellUnits(tx, { variantId: line.variantId, serials: line.serials, orderId: id, userId: cashierId });
        if (coupon) await redeemCoupon(tx, coupon, id, posCouponCustomer(draft));
        if (khqrCents > 0) await recordKhqr(tx, id, khqrCents, proof, now);
        if (cash.cashDueCents > 0 && !cashless)
          await tx.insert(payments).values({
            orderId: id,
            method: 'cash',
            currency: 'USD',
            amount: centsToDecimal(cash.cashDueCents),
            status: 'paid',
            paidAt: now,
          });
        if (byHand)
          await recordApproval(tx, {
            action: 'khqr_manual',
            approval: byHand.approval,
            cashierId,
            orderNumber: number,
            amountCents: khqrCents,
            note: byHand.reason,
          });
        return id;
      }),
    );
    return (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    // Another submit of this sale won the race: its order is the answer. Anything else under this
    // number (a stale draft brought back) must not pass for this sale: reserve a new number.
    const done = await findCompletedSale(number, cashierId);
    if (done && done.grandTotal === centsToDecimal(sale.totalCents)) return done;
    delete draft.number;
    delete draft.khqr;
    throw new ConflictError('errors.posSaleConflict');
  }
}

/** A Bakong transaction pays one sale only (and a QR's md5 is unique in payments). */
async function recordKhqr(tx: Tx, orderId: number, cents: number, proof: KhqrProof | null, now: Date): Promise<void> {
  if (proof?.hash) {
    const [used] = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(eq(payments.transactionHash, proof.hash))
      .limit(1)
      .for('update');
    if (used) throw new ConflictError('errors.posKhqrUsed');
  }
  await tx.insert(payments).values({
    orderId,
    method: 'khqr',
    currency: 'USD',
    amount: centsToDecimal(cents),
    status: 'paid',
    paidAt: now,
    md5: proof?.md5 ?? null,
    khqr: null,
    transactionHash: proof?.hash ?? null,
    payerAccount: proof?.payer ?? null,
  });
}
