/**
 * CSV import speed: 10,000 rows (2,500 products × 4 variants) validated and imported in one job.
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/computer_shop_bench_csv npx tsx bench/csv-import.ts
 */
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/computer_shop_bench_csv';
process.env.LOG_LEVEL = 'silent';
const { migrateDatabase } = await import('../src/db/migrate.js');
await migrateDatabase(process.env.DATABASE_URL);
const { pool, closeDb } = await import('../src/db/client.js');
const { csvLine, parseCsv } = await import('../src/lib/csv.js');
const { COLUMNS, validateImport } = await import('../src/modules/catalog-admin/products-csv.service.js');
const { runImport } = await import('../src/modules/catalog-admin/products-csv.import.js');

await pool.query('SET FOREIGN_KEY_CHECKS = 0');
for (const t of ['stock_movements', 'product_images', 'product_specs', 'variants', 'products', 'brands', 'categories'])
  await pool.query(`TRUNCATE ${t}`);
await pool.query('SET FOREIGN_KEY_CHECKS = 1');
await pool.query("INSERT INTO categories (id, name, slug, path) VALUES (1, 'Laptops', 'laptops', '/1/')");
await pool.query(
  'INSERT IGNORE INTO users (id, email, name, password_hash, role) ' +
    "VALUES (1, 'bench@shop.test', 'Bench', 'x', 'admin')",
);

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
let text = csvLine([...COLUMNS]);
for (let i = 0; i < ROWS; i++) {
  const p = Math.floor(i / 4);
  const rec: Record<string, string> = {
    product_slug: `bench-laptop-${p}`,
    product_name: `Bench Laptop ${p}`,
    product_name_km: '',
    brand: ['Asus', 'Lenovo', 'HP', 'Dell', 'Acer'][p % 5]!,
    category_slug: 'laptops',
    product_type: '',
    status: 'active',
    warranty_months: '12',
    short_description: 'Generated for the benchmark',
    sku: `BENCH-${p}-${i % 4}`,
    barcode: '',
    options: `RAM=${8 * (1 + (i % 4))} GB`,
    price: `${400 + (i % 300)}.00`,
    compare_at_price: '',
    cost_price: '300.00',
    stock: String(i % 20),
    low_stock_threshold: '3',
  };
  text += csvLine(COLUMNS.map((c) => rec[c]));
}
for (const pass of ['create', 'update']) {
  const started = performance.now();
  const { rows, errors } = await validateImport(parseCsv(text));
  if (errors.length) throw new Error(`unexpected errors: ${JSON.stringify(errors.slice(0, 3))}`);
  const validated = performance.now();
  const job = { id: 'bench', total: rows.length, done: 0, created: 0, updated: 0, status: 'importing' as const };
  await runImport(rows, 1, job as never);
  const s = (performance.now() - started) / 1000;
  console.log(
    `${pass}: ${rows.length} rows in ${s.toFixed(1)} s (validation ${((validated - started) / 1000).toFixed(1)} s) = ` +
      `${(rows.length / s).toFixed(0)} rows/s; created ${job.created}, updated ${job.updated}`,
  );
  // A fast import that writes the wrong thing is no use: check stock, ledger and summaries agree.
  const [[check]] = (await pool.query(
    `SELECT (SELECT COUNT(*) FROM variants) AS variants, (SELECT SUM(stock) FROM variants) AS stock,
    (SELECT SUM(delta) FROM stock_movements) AS ledger, (SELECT SUM(total_stock) FROM products) AS summary,
    (SELECT COUNT(*) FROM variants WHERE cost_price = ?) AS costs`,
    [pass === 'create' ? '300.00' : '310.00'],
  )) as unknown as [Record<string, string | number>[]];
  if (
    new Set([check!.stock, check!.ledger, check!.summary].map(Number)).size !== 1 ||
    Number(check!.variants) !== ROWS ||
    Number(check!.costs) !== ROWS
  )
    throw new Error(`inconsistent: ${JSON.stringify(check)}`);
  text = text.replace(/,300\.00,/g, ',310.00,');
}
await closeDb();
