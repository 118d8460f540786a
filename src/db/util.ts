import type { ResultSetHeader } from 'mysql2';
import { type SQL, sql } from 'drizzle-orm';
import { SHOP_UTC_OFFSET } from '../domain/shop-time.js';
import { AppError, ConflictError } from '../lib/errors.js';
import type { DbOrTx } from './client.js';
import { currentDb } from './transaction.js';

/** Rows changed by a Drizzle mysql2 update/delete/insert result. */
export function affectedRows(result: unknown): number {
  const header = (Array.isArray(result) ? result[0] : result) as ResultSetHeader;
  return header.affectedRows;
}

export function insertId(result: unknown): number {
  const header = (Array.isArray(result) ? result[0] : result) as ResultSetHeader;
  return Number(header.insertId);
}

/** Runs a raw `sql` query and returns its rows (for read-heavy queries Drizzle's builder makes awkward). */
export async function selectRows<T>(query: SQL, tx: DbOrTx = currentDb()): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as [T[], unknown];
  return result[0];
}

const SHOP_OFFSET = sql.raw(`'${SHOP_UTC_OFFSET}'`);

/** A UTC datetime column in the shop's local time (Phnom Penh). */
const shopLocal = (col: SQL) => sql`CONVERT_TZ(${col}, '+00:00', ${SHOP_OFFSET})`;

/** The shop's calendar day of a UTC datetime column. */
export const shopDateOf = (col: SQL) => sql`DATE(${shopLocal(col)})`;

/** `col` falls on one of the shop days from..to (inclusive); uses the column's index. */
export const inShopDays = (col: SQL, from: string, to: string) =>
  sql`${col} >= CONVERT_TZ(${`${from} 00:00:00`}, ${SHOP_OFFSET}, '+00:00')
    AND ${col} < CONVERT_TZ(${`${to} 00:00:00`}, ${SHOP_OFFSET}, '+00:00') + INTERVAL 1 DAY`;

/** `col IN (...)` for one of the domain's status lists (SOLD_STATUSES, IS_PAID, ...). */
export const statusIn = (col: SQL, statuses: readonly string[]) =>
  sql`${col} IN (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;

const LOCK_ERRORS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const isLockError = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return LOCK_ERRORS.has(e?.code ?? '') || LOCK_ERRORS.has(e?.cause?.code ?? '');
};

/**
 * InnoDB may pick a deadlock victim (or time a lock wait out) under load: the whole transaction
 * rolled back and is safe to run again. After the last try the caller gets a 409, never a 500.
 */
export async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (err instanceof AppError || !isLockError(err)) throw err;
      if (i >= attempts) throw new ConflictError('errors.busyRetry');
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}
