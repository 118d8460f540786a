import { and, eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { emailCodes } from '../../db/schema.js';
import { affectedRows } from '../../db/util.js';
import { generateCode, safeEqualHex, secretHash } from '../../lib/tokens.js';

const CODE_TTL_MS = 10 * 60 * 1000;
const RESEND_COOLDOWN_MS = 60 * 1000;
const MAX_WRONG_TRIES = 5;

export type IssueResult = { sent: true; code: string } | { sent: false; retryAfterSeconds: number };
export type CheckResult = 'ok' | 'missing' | 'expired' | 'too_many_tries' | 'wrong';

const hashFor = (userId: number, code: string) => secretHash(`verify_email:${userId}:${code}`);

/** Creates or replaces the user's code unless one was sent less than a minute ago. */
export async function issueVerificationCode(userId: number, now = new Date()): Promise<IssueResult> {
  const code = generateCode();
  const values = {
    codeHash: hashFor(userId, code),
    attempts: 0,
    sentAt: now,
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
  };
  const cooledDown = new Date(now.getTime() - RESEND_COOLDOWN_MS);
  // Conditional replace: two concurrent resends cannot both pass the cooldown.
  const updated = await db
    .update(emailCodes)
    .set(values)
    .where(
      and(
        eq(emailCodes.userId, userId),
        eq(emailCodes.purpose, 'verify_email'),
        sql`${emailCodes.sentAt} <= ${cooledDown}`,
      ),
    );
  if (affectedRows(updated) === 1) return { sent: true, code };
  const inserted = await db
    .insert(emailCodes)
    .ignore()
    .values({ userId, purpose: 'verify_email', ...values });
  if (affectedRows(inserted) === 1) return { sent: true, code };
  const [row] = await db
    .select({ sentAt: emailCodes.sentAt })
    .from(emailCodes)
    .where(and(eq(emailCodes.userId, userId), eq(emailCodes.purpose, 'verify_email')));
  const waitMs = row ? row.sentAt.getTime() + RESEND_COOLDOWN_MS - now.getTime() : RESEND_COOLDOWN_MS;
  return { sent: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** Checks a code; a wrong one uses up a try. A correct one is consumed. */
export async function checkVerificationCode(userId: number, code: string, now = new Date()): Promise<CheckResult> {
  const where = and(eq(emailCodes.userId, userId), eq(emailCodes.purpose, 'verify_email'));
  const [row] = await db.select().from(emailCodes).where(where);
  if (!row) return 'missing';
  if (row.attempts >= MAX_WRONG_TRIES) return 'too_many_tries';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (!safeEqualHex(row.codeHash, hashFor(userId, code))) {
    await db
      .update(emailCodes)
      .set({ attempts: sql`${emailCodes.attempts} + 1` })
      .where(and(eq(emailCodes.id, row.id), sql`${emailCodes.attempts} < ${MAX_WRONG_TRIES}`));
    return 'wrong';
  }
  // Deleting is the consumption; only one concurrent request can delete the row.
  const deleted = await db
    .delete(emailCodes)
    .where(and(eq(emailCodes.id, row.id), eq(emailCodes.attempts, row.attempts)));
  return affectedRows(deleted) === 1 ? 'ok' : 'wrong';
}
