import { and, eq, gt, inArray, lte, ne, or, isNull } from 'drizzle-orm';
import { runExclusive } from '../../db/named-lock.js';
import { config } from '../../config/env.js';
import { db, type Tx } from '../../db/client.js';
import { orders, payments, type Order, type Payment } from '../../db/schema.js';
import type { BakongClient, BakongTransaction } from '../../lib/khqr/bakong-client.js';
import { logger } from '../../lib/logger.js';
import { transition } from '../orders/orders.service.js';
import { IS_PAID } from '../../domain/order-states.js';
import { getSettings } from '../settings/settings.service.js';
import { sameAmount } from './payment-math.js';
import { alertOverdueProofs, cancelOverdueProofs } from './proof-review.js';
import { sendLowStockAlerts } from '../inventory/low-stock-alerts.js';
import { refreshRecentSummaries } from '../reports/summaries.js';
import { withTransaction } from '../../db/transaction.js';
import { systemNote } from '../orders/status-notes.js';

const MAX_BACKOFF_MS = 10 * 60 * 1000;
/**
 * How long after a code's expiry (its order's payment deadline) money arriving on it is still looked for,
 * to flag it.
 */
const LATE_WATCH_MS = 24 * 60 * 60 * 1000;
const PAYABLE: readonly Order['status'][] = ['pending_payment', 'payment_submitted'];

export type CheckSummary = {
  locked: boolean;
  checked: number;
  paid: number;
  flagged: number;
  errors: number;
  expired: number;
  proofAlerts: number;
  proofsCancelled: number;
};

type PaymentSummary = Pick<CheckSummary, 'checked' | 'paid' | 'flagged' | 'errors'>;

/** The payments job: pending KHQR codes checked with Bakong by md5 (one batch). */
export async function checkPayments(client: BakongClient, now: Date, batch = 50): Promise<PaymentSummary> {
  const summary: PaymentSummary = { checked: 0, paid: 0, flagged: 0, errors: 0 };
  await checkPending(client, now, batch, summary);
  return summary;
}

/** The deadlines job: unpaid orders past their window, and screenshots waiting past the review deadlines. */
export async function enforceDeadlines(
  now: Date,
): Promise<Pick<CheckSummary, 'expired' | 'proofAlerts' | 'proofsCancelled'>> {
  const settings = await getSettings();
  return {
    expired: await expireUnpaid(now),
    proofAlerts: await alertOverdueProofs(now, settings),
    proofsCancelled: await cancelOverdueProofs(now, settings),
  };
}

/**
 * Every scheduled job once, each behind its own MySQL named lock as the scheduler runs them (tests and
 * tools call this; `locked` says whether this call got the payments lock).
 */
export async function runPaymentRound(
  opts: { client?: BakongClient | null; now?: Date; batch?: number } = {},
): Promise<CheckSummary> {
  const now = opts.now ?? new Date();
  const summary: CheckSummary = {
    locked: false,
    checked: 0,
    paid: 0,
    flagged: 0,
    errors: 0,
    expired: 0,
    proofAlerts: 0,
    proofsCancelled: 0,
  };
  const client = opts.client;
  const payments = await runExclusive('computer_shop:job:payments', async () =>
    client ? checkPayments(client, now, opts.batch) : undefined,
  );
  summary.locked = payments.ran;
  if (payments.ran && payments.result) Object.assign(summary, payments.result);
  const deadlines = await runExclusive('computer_shop:job:payment-deadlines', () => enforceDeadlines(now));
  if (deadlines.ran) Object.assign(summary, deadlines.result);
  await runExclusive('computer_shop:job:low-stock-alerts', () => sendLowStockAlerts());
  await runExclusive('computer_shop:job:report-summaries', () => refreshRecentSummaries());
  return summary;
}

async function checkPending(client: BakongClient, now: Date, batch: number, summary: PaymentSummary): Promise<void> {
  const lateSince = new Date(now.getTime() - LATE_WATCH_MS);
  const due = await db
    .select()
    .from(payments)
    // Payable codes are checked to pay their order. Codes of an order that was cancelled, expired or paid
    // another way are still watched during the late window, only so that money arriving on them is
    // flagged for a refund; after it they are never polled again, so the work per round stays bounded.
    .where(
      and(
        eq(payments.method, 'khqr'),
        or(
          eq(payments.status, 'pending'),
          and(inArray(payments.status, ['expired', 'superseded']), gt(payments.expiresAt, lateSince)),
        ),
        or(isNull(payments.nextCheckAt), lte(payments.nextCheckAt, now)),
      ),
    )
    .orderBy(payments.nextCheckAt)
    .limit(batch);
  for (const payment of due) {
    summary.checked++;
    const result = await client.checkByMd5(payment.md5!);
    if (result.kind === 'found') {
      const outcome = await settle(payment, result.transaction, now);
      if (outcome === 'paid') summary.paid++;
      if (outcome === 'flagged') summary.flagged++;
    } else if (result.kind === 'not_found') {
      await db
        .update(payments)
        .set({
          lastCheckedAt: now,
          checkAttempts: 0,
          nextCheckAt: new Date(now.getTime() + config.BAKONG_POLL_SECONDS * 1000),
        })
        .where(eq(payments.id, payment.id));
    } else {
      summary.errors++;
      const attempts = payment.checkAttempts + 1;
      const wait = Math.min(config.BAKONG_POLL_SECONDS * 1000 * 2 ** attempts, MAX_BACKOFF_MS);
      logger.warn(
        { payment: payment.id, reason: result.reason, status: result.status, retryInMs: wait },
        'Bakong check failed; backing off',
      );
      await db
        .update(payments)
        .set({ lastCheckedAt: now, checkAttempts: attempts, nextCheckAt: new Date(now.getTime() + wait) })
        .where(eq(payments.id, payment.id));
      if (result.reason === 'unauthorized') break; // the token is wrong: every other check would fail the same way
    }
  }
}

/**
 * Applies a transaction found on Bakong. The order and then the payment row are locked (order first,
 * as in transition(), approvals and cancels, which also retire payment rows, so they cannot deadlock)
 * and the row must still be open, so repeated answers and concurrent checkers pay an order once.
 * Anything that does not match exactly (amount, currency, receiving account) or money for
 * an order that can no longer be paid this way (paid already, cancelled, expired) is flagged for staff
 * with what happened and that a refund is due, never paid.
 */
export async function settle(
  payment: Payment,
  tx: BakongTransaction,
  now: Date,
): Promise<'paid' | 'flagged' | 'skipped'> {
  const result = await withTransaction(async (trx) => {
    const [peek] = await trx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.id, payment.id));
    if (!peek) return { outcome: 'skipped' as const };
    const [order] = await trx.select().from(orders).where(eq(orders.id, peek.orderId)).for('update');
    const [locked] = await trx.select().from(payments).where(eq(payments.id, payment.id)).for('update');
    if (!locked || !['pending', 'expired', 'superseded'].includes(locked.status))
      return { outcome: 'skipped' as const };
    const problems: string[] = [];
    if (tx.toAccountId !== config.KHQR_ACCOUNT_ID) problems.push(`paid to ${tx.toAccountId}`);
    if (tx.currency !== locked.currency) problems.push(`currency ${tx.currency}`);
    if (!sameAmount(locked.currency, locked.amount, tx.amount))
      problems.push(`amount ${tx.amount} instead of ${locked.amount}`);
    if (locked.status !== 'pending' || !order || !PAYABLE.includes(order.status))
      problems.push(await lateReason(trx, locked, order));
    const common = {
      transactionHash: tx.hash,
      payerAccount: tx.fromAccountId,
      lastCheckedAt: now,
      paidAt: tx.acknowledgedDateMs ? new Date(tx.acknowledgedDateMs) : now,
    };
    if (problems.length) {
      await trx
        .update(payments)
        .set({ ...common, status: 'flagged', flagReason: problems.join('; ').slice(0, 300) })
        .where(eq(payments.id, locked.id));
      return { outcome: 'flagged' as const };
    }
    await trx
      .update(payments)
      .set({ ...common, status: 'paid' })
      .where(eq(payments.id, locked.id));
    // transition() retires the order's other codes (the other currency): money on them is flagged.
    const paidOrder = await transition(locked.orderId, 'paid', {
      note: systemNote('statusNotes.khqrPaid', { hash: tx.hash, account: tx.fromAccountId }),
      expectFrom: PAYABLE,
      set: { paidAt: now, paymentMethod: 'khqr' },
    });
    return { outcome: 'paid' as const, order: paidOrder };
  });
  if (result.outcome === 'flagged')
    logger.warn(
      { payment: payment.id },
      'Bakong payment did not match or arrived for an order that cannot take it; flagged for staff',
    );
  return result.outcome;
}

/** What staff read about money that arrived for an order that was no longer waiting for it. */
async function lateReason(trx: Tx, code: Payment, order: Order | undefined): Promise<string> {
  if (!order) return 'arrived after the order was removed: refund due';
  if (IS_PAID.includes(order.status) || order.status === 'refunded') {
    const [other] = await trx
      .select({ currency: payments.currency })
      .from(payments)
      .where(and(eq(payments.orderId, order.id), eq(payments.status, 'paid'), ne(payments.id, code.id)))
      .limit(1);
    return other
      ? `second payment: the order was already paid by its ${other.currency} KHQR; refund due`
      : 'arrived after the order was paid from a screenshot: if this is not the same payment, a refund is due';
  }
  return `arrived after the order was ${order.status}: refund due (or re-open the order)`;
}

/**
 * Unpaid orders past their deadline are cancelled (stock released through the ledger) and their codes
 * expire: KHQR orders past the payment window, and orders to pay at pickup not collected within the
 * hold (cash on delivery has no deadline: staff settle it when the driver is back).
 */
async function expireUnpaid(now: Date): Promise<number> {
  const overdue = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(
      and(
        eq(orders.channel, 'online'),
        lte(orders.paymentDeadline, now),
        or(
          eq(orders.status, 'pending_payment'),
          and(inArray(orders.status, ['confirmed', 'held_for_pickup']), eq(orders.paymentMethod, 'at_pickup')),
        ),
      ),
    )
    .limit(200);
  let count = 0;
  for (const { id, status } of overdue) {
    const pickup = status !== 'pending_payment';
    try {
      await transition(id, 'cancelled', {
        note: systemNote(pickup ? 'statusNotes.pickupExpired' : 'statusNotes.windowExpired'),
        expectFrom: [status],
        emailData: { reason: '', pickupExpired: pickup },
      });
      count++;
    } catch (err) {
      logger.info({ err, order: id }, 'order changed while expiring; skipped');
    }
  }
  return count;
}
