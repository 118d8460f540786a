import { pool } from '../../src/db/client.js';

let tables: string[] | undefined;

/** Empties every table but the migration journal; DELETE is faster than TRUNCATE on small tables. */
export async function resetDatabase(): Promise<void> {
  const conn = await pool.getConnection();
  try {
    if (!tables) {
      const [rows] = await conn.query(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ' +
          "AND table_type = 'BASE TABLE' AND table_name <> '__drizzle_migrations'",
      );
      tables = (rows as { name: string }[]).map((r) => r.name);
    }
    await conn.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const t of tables) await conn.query(`DELETE FROM \`${t}\``);
    await conn.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    conn.release();
  }
}

export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const [rows] = await pool.query(sql, params);
  return rows as T[];
}
