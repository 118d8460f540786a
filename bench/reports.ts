/**
 * Reports at scale: ~1,000,000 order lines and 5,000,000 page views over a year, then every report
 * for the last 30 days and for the whole year, timed. Uses MariaDB's sequence engine to generate rows.
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/computer_shop_bench_reports npx tsx bench/reports.ts
 * Set BENCH_KEEP=1 to reuse the data of a previous run.
 */
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/computer_shop_bench_reports';
process.env.LOG_LEVEL = 'silent';
const { migrateDatabase } = await import('../src/db/migrate.js');
await migrateDatabase(process.env.DATABASE_URL);
const { pool, closeDb } = await import('../src/db/client.js');
const { translator } = await import('../src/lib/i18n.js');
const { customersReport, staffReport } = await import('../src/modules/reports/live-reports.js');
const { salesReport, profitReport, productsReport, trafficReport } = await import(
  '../src/modules/reports/summary-reports.js'
);
const { daysBefore, refreshRecentSummaries } = await import('../src/modules/reports/summaries.js');
const { SHOP_UTC_OFFSET, shopDay } = await import('../src/domain/shop-time.js');

const ORDERS = Number(process.env.BENCH_ORDERS ?? 333_334); // × 3 lines
const VIEWS = Number(process.env.BENCH_VIEWS ?? 5_000_000);
const q = (s: string) => pool.query(s);
const time = async (label: string, f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  const ms = performance.now() - t;
  console.log(`${label.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
};

const [[{ n }]] = (await pool.query('SELECT COUNT(*) AS n FROM order_lines')) as unknown as [[{ n: number }]];
if (!process.env.BENCH_KEEP || Number(n) === 0) {
  await q('SET FOREIGN_KEY_CHECKS = 0');
  for (const t of [
    'page_views',
    'refunds',
    'order_lines',
    'orders',
    'variants',
    'products',
    'brands',
    'categories',
    'users',
  ])
    await q(`TRUNCATE ${t}`);
  await q(`INSERT INTO categories (id, name, slug, path)
    SELECT seq, CONCAT('Category ', seq), CONCAT('cat-', seq), CONCAT('/', seq, '/') FROM seq_1_to_20`);
  await q(
    "INSERT INTO brands (id, name, slug) SELECT seq, CONCAT('Brand ', seq), CONCAT('brand-', seq) FROM seq_1_to_20",
  );
  await q(`INSERT INTO products (id, name, slug, category_id, brand_id, status)
    SELECT seq, CONCAT('Product ', seq), CONCAT('product-', seq), 1 + seq % 20, 1 + seq % 20, 'active'
    FROM seq_1_to_2000`);
  await q(`INSERT INTO variants (id, product_id, sku, price, cost_price, stock)
    SELECT seq, seq, CONCAT('SKU-', seq), 10 + seq % 500, (10 + seq % 500) * 0.8, seq % 30 FROM seq_1_to_2000`);
  await q(`INSERT INTO users (id, email, name, password_hash, role)
    SELECT seq, CONCAT('c', seq, '@example.com'), CONCAT('Customer ', seq), 'x', IF(seq <= 5, 'staff', 'customer')
    FROM seq_1_to_20000`);
  await q(`INSERT INTO orders (id, number, channel, status, user_id, cashier_id, customer_name, customer_email,
      customer_phone, delivery_method, subtotal, discount_total, delivery_fee, vat_amount, grand_total, khr_per_usd,
      payment_method, placed_at)
    SELECT seq, CONCAT('CS-B-', seq), IF(seq % 3 = 0, 'counter', 'online'),
      ELT(1 + seq % 10, 'completed','completed','completed','paid','shipped','processing','completed','cancelled',
        'pending_payment','refunded'),
      IF(seq % 4 = 0, NULL, 6 + seq % 19990), IF(seq % 3 = 0, 1 + seq % 5, NULL), 'C', 'c@example.com',
      '+85512345678', 'pickup', 300.00, 0.00, 1.50, 0.00, 301.50, 4100, ELT(1 + seq % 3, 'khqr', 'cash', 'split'),
      NOW() - INTERVAL (seq % 525600) MINUTE
    FROM seq_1_to_${ORDERS}`);
  const variant = '1 + (o.seq * 7 + l.seq) % 2000';
  await q(`INSERT INTO order_lines
      (order_id, variant_id, product_id, product_name, sku, unit_price, cost_price, quantity, line_total)
    SELECT o.seq, ${variant}, ${variant}, CONCAT('Product ', ${variant}), CONCAT('SKU-', ${variant}),
      100.00, 80.00, 1, 100.00
    FROM seq_1_to_${ORDERS} o JOIN seq_1_to_3 l`);
  await q(`INSERT INTO refunds (order_id, amount, reason, method, created_at)
    SELECT id, grand_total, 'bench', 'cash', placed_at + INTERVAL 1 DAY FROM orders WHERE status = 'refunded'`);
  const kinds = [
    ...Array(8).fill('page'),
    ...Array(5).fill('product'),
    'search',
    'search',
    'cart_add',
    'page',
    'product',
    'order',
    'page',
  ].map((k) => `'${k}'`);
  for (let start = 0; start < VIEWS; start += 1_000_000) {
    const seq = `seq_${start + 1}_to_${Math.min(start + 1_000_000, VIEWS)}`;
    await q(`INSERT INTO page_views (viewed_at, day, kind, path, visitor, search_term, search_results)
      SELECT t, DATE(CONVERT_TZ(t, '+00:00', '${SHOP_UTC_OFFSET}')), ELT(1 + s % 20, ${kinds.join(',')}),
        CONCAT('/p/product-', s % 2000), SUBSTRING(MD5(CONCAT(DATE(t), s % 40000)), 1, 16),
        IF(s % 20 IN (13, 14), CONCAT('term ', s % 300), NULL), IF(s % 20 IN (13, 14), s % 7, NULL)
      FROM (SELECT seq AS s, NOW() - INTERVAL (seq % 31536000) SECOND AS t FROM ${seq}) g`);
  }
  await q('SET FOREIGN_KEY_CHECKS = 1');
  await q('ANALYZE TABLE orders, order_lines, page_views');
}
const [[counts]] = (await pool.query(
  `SELECT (SELECT COUNT(*) FROM order_lines) AS line_count, (SELECT COUNT(*) FROM orders) AS orders,
    (SELECT COUNT(*) FROM page_views) AS views`,
)) as unknown as [[Record<string, number>]];
console.log(`data: ${counts.orders} orders, ${counts.line_count} order lines, ${counts.views} page views`);

// The scheduler keeps the daily summaries current; building them from nothing is a one-off cost.
if (!process.env.BENCH_KEEP) {
  await pool.query('DELETE FROM report_summarised_days');
}
await time('build daily summaries (one-off, 400 days)', () => refreshRecentSummaries());
await time('refresh again (nothing to do)', () => refreshRecentSummaries());
const t = translator('en');
const today = shopDay();
const back = (days: number) => daysBefore(today, days);
let worst = 0;
for (const [label, range] of [
  ['last 30 days', { from: back(29), to: today, group: 'day' as const }],
  ['whole year', { from: back(364), to: today, group: 'month' as const }],
] as const) {
  for (const [name, f] of [
    ['sales', salesReport],
    ['profit', profitReport],
    ['products', productsReport],
    ['customers', customersReport],
    ['staff', staffReport],
    ['traffic', trafficReport],
  ] as const) {
    worst = Math.max(worst, await time(`${name} (${label})`, () => f(range, t)));
  }
}
console.log(`slowest report: ${worst.toFixed(0)} ms`);
await closeDb();
