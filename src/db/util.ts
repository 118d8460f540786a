import type { ResultSetHeader } from 'mysql2';

/** Rows changed by a Drizzle mysql2 update/delete/insert result. */
export function affectedRows(result: unknown): number {
  const header = (Array.isArray(result) ? result[0] : result) as ResultSetHeader;
  return header.affectedRows;
}

export function insertId(result: unknown): number {
  const header = (Array.isArray(result) ? result[0] : result) as ResultSetHeader;
  return Number(header.insertId);
}
