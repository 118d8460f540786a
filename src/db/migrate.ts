import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { MIGRATIONS_DIR } from '../config/paths.js';

/** Creates the database when missing (and the user may), then applies the committed migrations. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/';
  const admin = await mysql.createConnection({ uri: serverUrl.toString() });
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '')}\`` +
        ' CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
    );
  } finally {
    await admin.end();
  }
  const conn = await mysql.createConnection({ uri: databaseUrl, multipleStatements: true });
  try {
    await migrate(drizzle(conn), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await conn.end();
  }
}
