import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { config } from '../config/env.js';
import * as schema from './schema.js';

export const pool = mysql.createPool({
  uri: config.DATABASE_URL,
  connectionLimit: 10,
  waitForConnections: true,
  // Dates are stored and read as UTC so every process agrees.
  timezone: 'Z',
  dateStrings: false,
  decimalNumbers: false,
  supportBigNumbers: true,
  // A stack capture per query (for where a failed query was called from) costs on every request: not in production.
  trace: config.NODE_ENV !== 'production',
});

// Every connection works in UTC, so SQL NOW() and JS dates agree whatever the server's zone.
pool.pool.on('connection', (conn) => {
  conn.query("SET time_zone = '+00:00'");
});

export const db = drizzle(pool, { schema, mode: 'default' });
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export async function closeDb(): Promise<void> {
  await pool.end();
}
