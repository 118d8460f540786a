import mysql from 'mysql2/promise';

/** Creates a fresh `*_test` database and applies the committed migrations once per run. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/computer_shop_test';
  const name = new URL(url).pathname.slice(1);
  if (!name.endsWith('_test')) throw new Error(`Refusing to use database "${name}": test databases must end in _test`);
  const server = new URL(url);
  server.pathname = '/';
  const conn = await mysql.createConnection({ uri: server.toString() });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.end();
  process.env.DATABASE_URL = url;
  const { migrateDatabase } = await import('../../src/db/migrate.js');
  await migrateDatabase(url);
}
