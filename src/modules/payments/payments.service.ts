import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { db, type Tx } from '../../db/client.js';
import {
  orders,
  paymentProofs,
  payments,
  type Order,
  type Payment,
  type PaymentCurrency,
  type PaymentProof,
} from '../../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { inspectImage, ImageRejectedError, MAX_IMAGE_BYTES } from '../../lib/images/image-store.js';
import { generateKhqr, verifyKhqr, type KhqrAccount } from '../../lib/khqr/khqr.js';
import { logger } from '../../lib/logger.js';
import { transition } from '../orders/orders.service.js';
import { khqrAmount } from './payment-math.js';
import { withTransaction } from '../../db/transaction.js';
import { systemNote } from '../orders/status-notes.js';

export const shopAccount = (): KhqrAccount => ({
  type: config.KHQR_ACCOUNT_TYPE,
  accountId: config.KHQR_ACCOUNT_ID,
  merchantName: config.KHQR_MERCHANT_NAME,
  merchantCity: config.KHQR_MERCHANT_CITY,
  merchantId: config.KHQR_MERCHANT_ID,
  acquiringBank: config.KHQR_ACQUIRING_BANK,
});

export class PaymentUnavailableError extends ConflictError {
  constructor() {
    super('errors.paymentUnavailable');
  }
}

/**
 * The KHQR for an unpaid order in a currency: the same code until it expires (at the order's
 * payment deadline). The string is decoded and checked before anyone sees it.
 */
export async function ensureKhqrPayment(order: Order, currency: PaymentCurrency, now = new Date()): Promise<Payment> {
  if (!order.paymentDeadline || order.paymentDeadline.getTime() <= now.getTime()) throw new PaymentUnavailableError();
  const [existing] = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.orderId, order.id),
        eq(payments.currency, currency),
        eq(payments.method, 'khqr'),
        eq(payments.status, 'pending'),
        gt(payments.expiresAt, now),
      ),
    )
    .orderBy(desc(payments.id))
    .limit(1);
  const req = {
    currency,
    amount: khqrAmount(currency, order.grandTotal, order.khrPerUsd),
    billNumber: order.number,
    expiresAt: order.paymentDeadline,
  };
  if (existing?.khqr && existing.md5) {
    verifyOrRefuse(existing.khqr, existing.md5, req, order.number);
    return existing;
  }
  let code: { qr: string; md5: string };
  try {
    code = generateKhqr(shopAccount(), req);
  } catch (err) {
    logger.error({ err, order: order.number }, 'KHQR could not be generated');
    throw new PaymentUnavailableError();
  }
  verifyOrRefuse(code.qr, code.md5, req, order.number);
  await db.insert(payments).values({
    orderId: order.id,
    method: 'khqr',
    currency,
    amount: req.amount,
    khqr: code.qr,
    md5: code.md5,
    expiresAt: req.expiresAt,
    nextCheckAt: now,
  });
  const [row] = await db.select().from(payments).where(eq(payments.md5, code.md5));
  return row!;
}

function verifyOrRefuse(qr: string, md5: string, req: Parameters<typeof verifyKhqr>[3], number: string): void {
  try {
    verifyKhqr(qr, md5, shopAccount(), req);
  } catch (err) {
    logger.error({ err, order: number }, 'KHQR failed verification; not shown');
    throw new PaymentUnavailableError();
  }
}

const PROOF_DIR = () => path.join(config.UPLOAD_DIR, 'proofs');
export const proofPath = (fileKey: string) => path.join(PROOF_DIR(), path.basename(fileKey));

/** Stores a screenshot (checked by content, re-encoded, metadata stripped) and moves the order to payment_submitted. */
export async function submitProof(
  order: Order,
  file: Buffer | undefined,
  input: { reference?: string; currency: PaymentCurrency },
  actorId: number | null,
): Promise<void> {
  if (!file?.length) throw new ValidationError({ screenshot: 'errors.proofRequired' });
  if (file.length > MAX_IMAGE_BYTES) throw new ValidationError({ screenshot: 'errors.imageTooLarge' });
  try {
    const meta = await inspectImage(file);
    if (!['jpeg', 'png', 'webp'].includes(meta.format)) throw new ImageRejectedError('unsupported');
  } catch (err) {
    if (err instanceof ImageRejectedError)
      throw new ValidationError({
        screenshot: err.reason === 'too_many_pixels' ? 'errors.imageTooManyPixels' : 'errors.proofNotImage',
      });
    throw err;
  }
  if (order.status !== 'pending_payment') throw new ConflictError('errors.proofNotExpected');
  const fileKey = `${crypto.randomBytes(16).toString('hex')}.webp`;
  const out = await sharp(file, { limitInputPixels: 40_000_000 })
    .rotate()
    .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 85 })
    .toBuffer();
  await fs.mkdir(PROOF_DIR(), { recursive: true });
  await fs.writeFile(proofPath(fileKey), out);
  try {
    await withTransaction(async (tx) => {
      // The order row is locked first (as everywhere): inserting the proof before would take a shared lock on it.
      await transition(order.id, 'payment_submitted', {
        actorId,
        note: input.reference ? systemNote('statusNotes.reference', { reference: input.reference }) : null,
        expectFrom: ['pending_payment'],
      });
      await tx
        .insert(paymentProofs)
        .values({ orderId: order.id, fileKey, reference: input.reference || null, currency: input.currency });
    });
  } catch (err) {
    await fs.rm(proofPath(fileKey), { force: true });
    throw err;
  }
}

export async function findProof(id: number) {
  const [row] = await db.select().from(paymentProofs).where(eq(paymentProofs.id, id));
  return row;
}

/** Proofs waiting for a decision (their order still awaits it), oldest first, with what staff need to decide. */
export function proofQueue() {
  return db
    .select({ proof: paymentProofs, order: orders })
    .from(paymentProofs)
    .innerJoin(orders, eq(orders.id, paymentProofs.orderId))
    .where(and(eq(paymentProofs.status, 'submitted'), eq(orders.status, 'payment_submitted')))
    .orderBy(asc(paymentProofs.createdAt), asc(paymentProofs.id));
}

export function flaggedPayments() {
  return db
    .select({ payment: payments, order: orders })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.status, 'flagged'))
    .orderBy(asc(payments.createdAt));
}

/**
 * Locks the proof's order, then the proof: the same order as transition() and every cancel (order row
 * first), so approve, reject and cancel queue behind each other instead of deadlocking. Both are
 * checked again under the lock: the proof must be undecided and its order still waiting for it.
 */
export async function lockProofAndOrder(tx: Tx, proofId: number): Promise<{ proof: PaymentProof; order: Order }> {
  const [peek] = await tx
    .select({ orderId: paymentProofs.orderId })
    .from(paymentProofs)
    .where(eq(paymentProofs.id, proofId));
  if (!peek) throw new NotFoundError();
  const [order] = await tx.select().from(orders).where(eq(orders.id, peek.orderId)).for('update');
  const [proof] = await tx.select().from(paymentProofs).where(eq(paymentProofs.id, proofId)).for('update');
  if (!order || !proof) throw new NotFoundError();
  if (proof.status !== 'submitted' || order.status !== 'payment_submitted')
    throw new ConflictError('errors.proofAlreadyDecided');
  return { proof, order };
}

/** Staff approve a screenshot: the order is paid once; a second approval or a cancelled order is refused. */
export async function approveProof(proofId: number, staffId: number, now = new Date()): Promise<Order> {
  const order = await withTransaction(async (tx) => {
    const { order: locked } = await lockProofAndOrder(tx, proofId);
    await tx
      .update(paymentProofs)
      .set({ status: 'approved', reviewedBy: staffId, reviewedAt: now })
      .where(eq(paymentProofs.id, proofId));
    return transition(locked.id, 'paid', {
      actorId: staffId,
      note: systemNote('statusNotes.proofApproved', { id: proofId }),
      expectFrom: ['payment_submitted'],
      set: { paidAt: now, paymentMethod: 'khqr' },
    });
  });
  return order;
}

/** Staff reject with a reason: the order goes back to awaiting payment and the customer is told why. */
export async function rejectProof(proofId: number, staffId: number, reason: string, now = new Date()): Promise<Order> {
  const order = await withTransaction(async (tx) => {
    const { order: locked } = await lockProofAndOrder(tx, proofId);
    await tx
      .update(paymentProofs)
      .set({ status: 'rejected', reviewedBy: staffId, reviewedAt: now, rejectReason: reason })
      .where(eq(paymentProofs.id, proofId));
    return transition(locked.id, 'pending_payment', {
      actorId: staffId,
      note: systemNote('statusNotes.proofRejected', { reason }),
      expectFrom: ['payment_submitted'],
      emailData: { template: 'payment-rejected', reason },
    });
  });
  return order;
}
