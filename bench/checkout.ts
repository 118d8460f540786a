/**
 * Checkout throughput: orders placed per second through placeOrder() (one transaction each:
 * order row, stock reservation with ledger rows, order lines, status log), with N concurrent buyers.
 *
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/computer_shop_bench_checkout npx tsx bench/checkout.ts
 *
 * Scenarios: every buyer wants the same variant ("hot"), or buyers spread over 200 variants.
 */
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/computer_shop_bench_checkout';
process.env.LOG_LEVEL = 'silent';
process.env.SMTP_URL = 'smtp://127.0.0.1:1'; // no mail server: sending fails fast and is only logged

const { migrateDatabase } = await import('../src/db/migrate.js');
await migrateDatabase(process.env.DATABASE_URL);
const { pool, closeDb } = await import('../src/db/client.js');
const { placeOrder } = await import('../src/modules/checkout/checkout.service.js');

const ORDERS = Number(process.env.BENCH_ORDERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function reset(): Promise<void> {
  await pool.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const t of [
    'order_status_log',
    'order_lines',
    'orders',
    'stock_movements',
    'cart_items',
    'carts',
    'variants',
    'products',
    'categories',
  ])
    await pool.query(`TRUNCATE ${t}`);
  await pool.query('SET FOREIGN_KEY_CHECKS = 1');
  await pool.query("INSERT INTO categories (id, name, slug, path) VALUES (1, 'Bench', 'bench', '/1/')");
}

async function setup(variantCount: number): Promise<number[]> {
  await reset();
  const variantIds: number[] = [];
  for (let i = 1; i <= variantCount; i++) {
    await pool.query("INSERT INTO products (id, name, slug, category_id, status) VALUES (?, ?, ?, 1, 'active')", [
      i,
      `Bench ${i}`,
      `bench-${i}`,
    ]);
    await pool.query(
      'INSERT INTO variants (id, product_id, sku, price, cost_price, stock) VALUES (?, ?, ?, 10.00, 7.00, 1000000)',
      [i, i, `B-${i}`],
    );
    variantIds.push(i);
  }
  // One cart per order, each with one line of one unit.
  const carts = Array.from({ length: ORDERS }, (_, i) => [i + 1]);
  await pool.query('INSERT INTO carts (id) VALUES ?', [carts]);
  await pool.query('INSERT INTO cart_items (cart_id, variant_id, quantity, price_when_added) VALUES ?', [
    carts.map(([c], i) => [c, variantIds[i % variantIds.length], 1, '10.00']),
  ]);
  return variantIds;
}

async function run(label: string, variantCount: number): Promise<void> {
  await setup(variantCount);
  let next = 1;
  let failed = 0;
  const details = {
    name: 'Bench Buyer',
    email: 'bench@example.com',
    phone: '+85512345678',
    deliveryMethod: 'pickup' as const,
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next <= ORDERS) {
        const cartId = next++;
        try {
          await placeOrder({ cartId, userId: null, details, token: `bench-${label}-${cartId}`, locale: 'en' });
        } catch {
          failed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [[row]] = (await pool.query('SELECT COUNT(*) AS n FROM orders')) as unknown as [[{ n: number }]];
  console.log(
    `${label.padEnd(22)} ${String(row.n).padStart(6)} orders in ${seconds.toFixed(2)} s = ` +
      `${(row.n / seconds).toFixed(0)} orders/s (${failed} failed, concurrency ${CONCURRENCY})`,
  );
}

await run('hot variant (1)', 1);
await run('spread (200 variants)', 200);
await closeDb();
