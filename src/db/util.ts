import type { ResultSetHeader } from 'mysql2';
import type { SQL } from 'drizzle-orm';
import { db, type DbOrTx } from './client.js';

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
export async function selectRows<T>(query: SQL, tx: DbOrTx = db): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as [T[], unknown];
  return result[0];
}
