import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { passwordResets, users, type Locale, type Role, type User } from '../../db/schema.js';
import { affectedRows, insertId } from '../../db/util.js';
import { sendTemplate } from '../../lib/email/mailer.js';
import { AppError, ConflictError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../lib/errors.js';
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from '../../lib/password.js';
import { randomToken, secretHash } from '../../lib/tokens.js';
import { checkVerificationCode, issueVerificationCode, type IssueResult } from './codes.service.js';
import type { ProfileInput, RegisterInput } from './accounts.schemas.js';
import { withTransaction } from '../../db/transaction.js';
import { userCartCountSql } from '../cart/cart.service.js';

const RESET_TTL_MS = 30 * 60 * 1000;

class InvalidCredentialsError extends AppError {
  constructor() {
    super('errors.invalidCredentials', 401, 'invalid_credentials', true);
  }
}

export async function findUserById(id: number): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** The user behind a session and their cart's item count for the header: one query on every signed-in page. */
export async function findSignedInUser(id: number): Promise<{ user: User; cartCount: number } | undefined> {
  const [row] = await db.select({ user: users, cartCount: userCartCountSql }).from(users).where(eq(users.id, id));
  return row && { user: row.user, cartCount: Number(row.cartCount ?? 0) };
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user;
}

function assertPasswordAcceptable(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new ValidationError({ [field]: problem });
}

/** Sends a fresh verification code unless one went out less than a minute ago. */
export async function sendVerificationCode(user: Pick<User, 'id' | 'email' | 'name' | 'locale'>): Promise<IssueResult> {
  const issued = await issueVerificationCode(user.id);
  if (issued.sent)
    await sendTemplate('verify-code', user.email, user.locale, { name: user.name, code: issued.code, minutes: 10 });
  return issued;
}

export async function register(input: RegisterInput, locale: Locale): Promise<User> {
  assertPasswordAcceptable(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  let id: number;
  try {
    const result = await db
      .insert(users)
      .values({ email: input.email, name: input.name, phone: input.phone, passwordHash, locale });
    id = insertId(result);
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ValidationError({ email: 'errors.emailTaken' });
    throw err;
  }
  const user = (await findUserById(id))!;
  await sendVerificationCode(user);
  return user;
}

/**
 * Marks an unverified email verified when its emailed code is right. The code is always checked:
 * an unknown address, an already verified account and a wrong code get the same answer, so /verify
 * can neither sign anyone in without their code nor tell which addresses have accounts.
 */
export async function verifyEmail(email: string, code: string, now = new Date()): Promise<User> {
  const user = await findUserByEmail(email);
  const result = user && !user.emailVerifiedAt ? await checkVerificationCode(user.id, code, now) : 'wrong';
  const messages = {
    missing: 'errors.codeWrong',
    expired: 'errors.codeExpired',
    too_many_tries: 'errors.codeTooManyTries',
    wrong: 'errors.codeWrong',
  } as const;
  if (result !== 'ok' || !user) throw new ValidationError({ code: messages[result === 'ok' ? 'wrong' : result] });
  const marked = await db
    .update(users)
    .set({ emailVerifiedAt: now })
    .where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt)));
  // A concurrent request consumed the same code first: only one of them signs in.
  if (affectedRows(marked) !== 1) throw new ValidationError({ code: 'errors.codeWrong' });
  return (await findUserById(user.id))!;
}

export type LoginResult = { status: 'ok'; user: User } | { status: 'unverified'; user: User };

export async function authenticate(email: string, password: string): Promise<LoginResult> {
  const user = await findUserByEmail(email);
  if (!user) {
    await burnPasswordCheck(password);
    throw new InvalidCredentialsError();
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw new InvalidCredentialsError();
  if (user.disabledAt) throw new AppError('errors.accountDisabled', 403, 'account_disabled', true);
  if (!user.emailVerifiedAt) return { status: 'unverified', user };
  return { status: 'ok', user };
}

/** Always resolves the same way; mails a single-use link only when the account exists. */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  const user = await findUserByEmail(email);
  if (!user || user.disabledAt) return;
  const token = randomToken();
  await db
    .insert(passwordResets)
    .values({ userId: user.id, tokenHash: secretHash(token), expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
  await sendTemplate('password-reset', user.email, user.locale, { name: user.name, token, minutes: 30 });
}

export async function findValidReset(token: string, now = new Date()) {
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, secretHash(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    );
  return row;
}

/** Sets the new password, uses up the link and ends every existing session of the user. */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<User> {
  const reset = await findValidReset(token, now);
  if (!reset) throw new NotFoundError('errors.resetInvalid');
  const user = (await findUserById(reset.userId))!;
  assertPasswordAcceptable(password, user.email);
  const passwordHash = await hashPassword(password);
  await withTransaction(async (tx) => {
    const used = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)));
    if (affectedRows(used) !== 1) throw new NotFoundError('errors.resetInvalid');
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        emailVerifiedAt: sql`COALESCE(${users.emailVerifiedAt}, ${now})`,
      })
      .where(eq(users.id, user.id));
  });
  return (await findUserById(user.id))!;
}

export async function updateProfile(userId: number, input: ProfileInput): Promise<void> {
  await db.update(users).set({ name: input.name, phone: input.phone }).where(eq(users.id, userId));
}

/** Sets a new password and ends every session of the account; the caller starts a fresh one. */
export async function changePassword(userId: number, currentPassword: string, password: string): Promise<User> {
  const user = await findUserById(userId);
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(currentPassword, user.passwordHash)))
    throw new ValidationError({ currentPassword: 'errors.currentPasswordWrong' });
  assertPasswordAcceptable(password, user.email);
  const passwordHash = await hashPassword(password);
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  return (await findUserById(userId))!;
}

export async function setLocale(userId: number, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** Creates or updates a verified account (used by `user:create` and the staff screen). */
export async function upsertVerifiedUser(input: {
  email: string;
  password: string;
  role: Role;
  name?: string;
}): Promise<User> {
  const email = input.email.trim().toLowerCase();
  assertPasswordAcceptable(input.password, email);
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(email);
  if (existing) {
    await db
      .update(users)
      .set({
        passwordHash,
        role: input.role,
        name: input.name ?? existing.name,
        emailVerifiedAt: existing.emailVerifiedAt ?? new Date(),
        disabledAt: null,
      })
      .where(eq(users.id, existing.id));
    return (await findUserById(existing.id))!;
  }
  const result = await db.insert(users).values({
    email,
    passwordHash,
    role: input.role,
    name: input.name ?? email.split('@')[0]!,
    emailVerifiedAt: new Date(),
  });
  return (await findUserById(insertId(result)))!;
}

export async function createStaffAccount(input: {
  name: string;
  email: string;
  password: string;
  role: 'staff' | 'admin';
}): Promise<User> {
  if (await findUserByEmail(input.email)) throw new ValidationError({ email: 'errors.emailTaken' });
  return upsertVerifiedUser(input);
}

export async function listStaff(): Promise<User[]> {
  return db.select().from(users).where(sql`${users.role} IN ('staff','admin')`).orderBy(users.name);
}

export async function setRole(actorId: number, userId: number, role: Role): Promise<void> {
  if (actorId === userId) throw new ConflictError('errors.cannotChangeOwnRole');
  const result = await db.update(users).set({ role }).where(eq(users.id, userId));
  if (affectedRows(result) === 0) throw new NotFoundError();
}

/** Disabling ends every session of the account at once. */
export async function setDisabled(actorId: number, userId: number, disabled: boolean): Promise<void> {
  if (actorId === userId) throw new ConflictError('errors.cannotDisableSelf');
  const result = await db
    .update(users)
    .set(disabled ? { disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` } : { disabledAt: null })
    .where(eq(users.id, userId));
  if (affectedRows(result) === 0) throw new NotFoundError();
}
