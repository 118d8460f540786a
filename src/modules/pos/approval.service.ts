import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { generate, generateSecret, verify } from 'otplib';
import { db, type DbOrTx } from '../../db/client.js';
import { posApprovals, users, type ApprovalAction } from '../../db/schema.js';
import { affectedRows } from '../../db/util.js';
import { TooManyRequestsError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal } from '../../domain/money.js';

/**
 * Till approvals (discounts, returns, KHQR confirmed by hand): every admin has a TOTP secret; the
 * admin reads the current 6-digit code from their own POS screen and tells the cashier, who types
 * it. A code approves one thing only: the accepted time step is stored on the admin
 * (users.approval_last_step) and a code of that step or earlier is refused afterwards.
 */
const PERIOD = 30;

/** Who approved: an admin with the code's time step, or an admin acting themselves (no step). */
export type Approval = { approverId: number; step: number | null };

async function secretOf(adminId: number): Promise<{ secret: string; lastStep: number | null }> {
  const read = async () =>
    (
      await db
        .select({ secret: users.approvalSecret, lastStep: users.approvalLastStep })
        .from(users)
        .where(eq(users.id, adminId))
    )[0];
  const row = await read();
  if (row?.secret) return { secret: row.secret, lastStep: row.lastStep };
  // Two first views at once: only one secret is kept, both read it back.
  await db
    .update(users)
    .set({ approvalSecret: generateSecret() })
    .where(and(eq(users.id, adminId), isNull(users.approvalSecret)));
  const again = (await read())!;
  return { secret: again.secret!, lastStep: again.lastStep };
}

export async function currentApprovalCode(adminId: number, now = Date.now()): Promise<string> {
  const { secret } = await secretOf(adminId);
  return generate({ secret, epoch: Math.floor(now / 1000) });
}

/** The admin's code now, whether it has already been used, and when the next one comes. */
export async function approvalCodeStatus(
  adminId: number,
  now = Date.now(),
): Promise<{ code: string; used: boolean; secondsLeft: number }> {
  const { secret, lastStep } = await secretOf(adminId);
  const epoch = Math.floor(now / 1000);
  const step = Math.floor(epoch / PERIOD);
  return {
    code: await generate({ secret, epoch }),
    used: lastStep !== null && lastStep >= step,
    secondsLeft: PERIOD - (epoch % PERIOD),
  };
}

/** The admin whose code this is (this step or the one before), with the step it matched; or null. */
async function verifyApprovalCode(code: string, now = Date.now()): Promise<Approval | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const admins = await db
    .select({ id: users.id, secret: users.approvalSecret })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNotNull(users.approvalSecret), isNull(users.disabledAt)));
  for (const a of admins) {
    const result = await verify({
      secret: a.secret!,
      token: code,
      epoch: Math.floor(now / 1000),
      epochTolerance: [PERIOD, 0],
    });
    if (result.valid && 'timeStep' in result) return { approverId: a.id, step: result.timeStep };
  }
  return null;
}

/**
 * Uses up the code's time step, inside the caller's transaction (so a failed action gives the code
 * back). The conditional update lets only one of two parallel uses of the same code through.
 */
export async function claimApproval(tx: DbOrTx, approval: Approval): Promise<void> {
  if (approval.step === null) return;
  const result = await tx
    .update(users)
    .set({ approvalLastStep: approval.step })
    .where(
      and(
        eq(users.id, approval.approverId),
        or(isNull(users.approvalLastStep), lt(users.approvalLastStep, approval.step)),
      ),
    );
  if (affectedRows(result) !== 1) throw new ValidationError({ approvalCode: 'errors.approvalCodeUsed' });
}

export type ApprovalRecord = {
  action: ApprovalAction;
  approval: Approval;
  cashierId: number;
  orderNumber: string | null;
  amountCents: number;
  note: string;
};

export async function recordApproval(tx: DbOrTx, r: ApprovalRecord): Promise<void> {
  await tx.insert(posApprovals).values({
    action: r.action,
    approverId: r.approval.approverId,
    cashierId: r.cashierId,
    orderNumber: r.orderNumber,
    amount: centsToDecimal(r.amountCents),
    note: r.note.slice(0, 300),
  });
}

/**
 * Wrong approval codes per cashier, in process memory (one instance per app). An attempt is counted
 * before the code is checked, so parallel guesses count too, and given back when the code was right.
 */
export class WrongCodeLimiter {
  private readonly attempts = new Map<number, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  begin(cashierId: number): () => void {
    const now = this.clock();
    const recent = (this.attempts.get(cashierId) ?? []).filter((t) => now - t < this.windowMs);
    this.attempts.set(cashierId, recent);
    if (recent.length >= this.limit) throw new TooManyRequestsError('errors.approvalTooMany');
    recent.push(now);
    return () => {
      const list = this.attempts.get(cashierId);
      const i = list?.lastIndexOf(now) ?? -1;
      if (i >= 0) list!.splice(i, 1);
    };
  }
}

/**
 * The approval for an action: an admin approves their own; anyone else needs an admin's code.
 * Null when no code was given; a wrong code is a field error and counts against the cashier.
 */
export async function resolveApproval(
  actor: { id: number; isAdmin: boolean },
  code: string | undefined,
  limiter: WrongCodeLimiter,
): Promise<Approval | null> {
  if (actor.isAdmin) return { approverId: actor.id, step: null };
  if (!code) return null;
  const release = limiter.begin(actor.id);
  const found = await verifyApprovalCode(code);
  if (!found) throw new ValidationError({ approvalCode: 'errors.approvalCode' });
  release();
  return found;
}
