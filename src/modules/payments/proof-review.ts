import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { orders, paymentProofs, users } from '../../db/schema.js';
import { affectedRows } from '../../db/util.js';
import { sendTemplate } from '../../lib/email/mailer.js';
import { translator } from '../../lib/i18n.js';
import { logger } from '../../lib/logger.js';
import { transition } from '../orders/orders.service.js';
import type { ShopSettings } from '../settings/settings.service.js';
import { lockProofAndOrder } from './payments.service.js';
import { withTransaction } from '../../db/transaction.js';
import { systemNote } from '../orders/status-notes.js';

type Deadlines = Pick<ShopSettings, 'proofAlertMinutes' | 'proofCancelHours'>;

/** Screenshots still waiting for staff whose order still waits for them, uploaded at or before `cutoff`. */
function waitingSince(cutoff: Date) {
  return and(
    eq(paymentProofs.status, 'submitted'),
    eq(orders.status, 'payment_submitted'),
    lte(paymentProofs.createdAt, cutoff),
  );
}

/**
 * Screenshots waiting longer than the alert deadline: staff and admins get one email listing them,
 * and each proof is marked alerted (so the next round sends nothing for it again).
 */
export async function alertOverdueProofs(now: Date, s: Deadlines): Promise<number> {
  const cutoff = new Date(now.getTime() - s.proofAlertMinutes * 60_000);
  const due = await db
    .select({
      id: paymentProofs.id,
      number: orders.number,
      customerName: orders.customerName,
      grandTotal: orders.grandTotal,
      createdAt: paymentProofs.createdAt,
    })
    .from(paymentProofs)
    .innerJoin(orders, eq(orders.id, paymentProofs.orderId))
    .where(and(waitingSince(cutoff), isNull(paymentProofs.alertedAt)))
    .orderBy(asc(paymentProofs.createdAt))
    .limit(100);
  if (!due.length) return 0;
  // Claimed with a conditional update: a proof alerted by someone else meanwhile is not alerted twice.
  const claimed = await db
    .update(paymentProofs)
    .set({ alertedAt: now })
    .where(
      and(
        inArray(
          paymentProofs.id,
          due.map((d) => d.id),
        ),
        isNull(paymentProofs.alertedAt),
      ),
    );
  if (affectedRows(claimed) === 0) return 0;
  const staff = await db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(inArray(users.role, ['staff', 'admin']), isNull(users.disabledAt)));
  for (const person of staff.filter((p) => p.email)) {
    await sendTemplate('proofs-overdue', person.email, person.locale, {
      name: person.name,
      proofs: due,
      count: due.length,
      minutes: s.proofAlertMinutes,
    });
  }
  logger.warn(
    { proofs: due.map((d) => d.number) },
    'payment screenshots waiting past the review deadline; staff alerted',
  );
  return due.length;
}

/**
 * Screenshots nobody decided on within the cancel deadline: the order is cancelled (its stock goes back
 * through transition()), the proof is rejected with the reason, its KHQR codes expire, and the customer
 * is emailed. Each order is its own transaction, locked like an approval, so a late approval and this
 * cancel never both win.
 */
export async function cancelOverdueProofs(now: Date, s: Deadlines): Promise<number> {
  const cutoff = new Date(now.getTime() - s.proofCancelHours * 3_600_000);
  const due = await db
    .select({ id: paymentProofs.id })
    .from(paymentProofs)
    .innerJoin(orders, eq(orders.id, paymentProofs.orderId))
    .where(waitingSince(cutoff))
    .orderBy(asc(paymentProofs.createdAt))
    .limit(100);
  let cancelled = 0;
  for (const { id } of due) {
    try {
      await withTransaction(async (tx) => {
        const { order: locked } = await lockProofAndOrder(tx, id);
        const reason = systemNote('statusNotes.notReviewed', { hours: s.proofCancelHours });
        await tx
          .update(paymentProofs)
          .set({ status: 'rejected', reviewedAt: now, rejectReason: reason })
          .where(eq(paymentProofs.id, id));
        return transition(locked.id, 'cancelled', {
          note: systemNote('statusNotes.proofNotReviewed', { id, hours: s.proofCancelHours }),
          expectFrom: ['payment_submitted'],
          emailData: { reason: translator(locked.locale)('payment.proofNotReviewed', { hours: s.proofCancelHours }) },
        });
      });
      cancelled++;
    } catch (err) {
      logger.info({ err, proof: id }, 'proof changed while cancelling its order; skipped');
    }
  }
  return cancelled;
}
