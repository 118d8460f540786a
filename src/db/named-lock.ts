import type { PoolConnection } from 'mysql2/promise';
import { pool } from './client.js';

/**
 * Runs `work` while this process holds the MySQL named lock `name` (GET_LOCK with no wait), so one
 * process at a time does it however many app processes run. Another holder means: skipped.
 */
export async function runExclusive<T>(
  name: string,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const conn: PoolConnection = await pool.getConnection();
  try {
    const [[row]] = (await conn.query('SELECT GET_LOCK(?, 0) AS got', [name])) as unknown as [[{ got: number | null }]];
    if (row?.got !== 1) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    conn.release();
  }
}
