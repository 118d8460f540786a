import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { generate, generateSecret, verify } from 'otplib';
import { db } from '../../db/client.js';
import { users } from '../../db/schema.js';

/**
 * Discount approval codes: every admin has a TOTP secret; the admin reads the current 6-digit code
 * from their own POS screen and tells the cashier, who types it. Codes change every 30 seconds.
 */
export async function currentApprovalCode(adminId: number): Promise<string> {
  const [admin] = await db.select({ secret: users.approvalSecret }).from(users).where(eq(users.id, adminId));
  let secret = admin?.secret;
  if (!secret) {
    secret = generateSecret();
    await db.update(users).set({ approvalSecret: secret }).where(and(eq(users.id, adminId), isNull(users.approvalSecret)));
    const [again] = await db.select({ secret: users.approvalSecret }).from(users).where(eq(users.id, adminId));
    secret = again!.secret!;
  }
  return generate({ secret });
}

/** The admin whose current code this is, or null. */
export async function adminForApprovalCode(code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const admins = await db.select({ id: users.id, secret: users.approvalSecret }).from(users).where(and(eq(users.role, 'admin'), isNotNull(users.approvalSecret), isNull(users.disabledAt)));
  for (const a of admins) {
    if ((await verify({ secret: a.secret!, token: code, epochTolerance: 30 })).valid) return a.id;
  }
  return null;
}
