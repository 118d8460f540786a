/**
 * Search quality and speed: for a fixed list of queries, what a customer sees on /search (the result
 * count, the first three product names, any "Showing results for …" correction) and the time per query,
 * through the real app in-process (no page cache).
 *
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/computer_shop npx tsx bench/search-queries.ts
 *
 * BENCH_ADD_KHMER=1 first adds a few products with Khmer names (the same rows on any version of the
 * code, their summaries computed by that version's refreshProductSummary), so before/after compare fairly.
 * BENCH_SKU picks the SKU query (default: the first active variant's SKU). BENCH_REPEAT runs (default 3).
 */
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/computer_shop';
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.CATALOG_CACHE_SECONDS = '0';
process.env.BASE_URL ??= 'http://shop.test';
const { default: request } = await import('supertest');
const { buildApp } = await import('../src/app.js');
const { pool, closeDb } = await import('../src/db/client.js');
const { refreshProductSummary } = await import('../src/modules/catalog/product-summary.service.js');

type Row = Record<string, unknown>;
const rows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params))[0] as Row[];

/** Products whose Khmer words share letters: the search must tell them apart. */
const KHMER_PRODUCTS = [
  { slug: 'bench-km-sreypich', name: 'ASUS Sreypich 14', nameKm: 'កុំព្យូទ័រយួរដៃ ស្រីពេជ្រ', cat: 'laptops', brand: 'ASUS' },
  { slug: 'bench-km-glue', name: 'ជ័រ សេរី ពពក', nameKm: 'ជ័រ សេរី ពពក', cat: 'cables-adapters', brand: null },
  { slug: 'bench-km-gamepad', name: 'Gamepad Pro', nameKm: 'ដៃកាន់ហ្គេម', cat: 'peripherals', brand: null },
  { slug: 'bench-km-mousepad', name: 'Desk mat XL', nameKm: 'កម្រាលកណ្ដុរ ធំ', cat: 'mice', brand: null },
];

async function addKhmerProducts(): Promise<void> {
  for (const [i, p] of KHMER_PRODUCTS.entries()) {
    if ((await rows('SELECT id FROM products WHERE slug = ?', [p.slug])).length) continue;
    const [cat] = await rows('SELECT id FROM categories WHERE slug = ? UNION ALL SELECT MIN(id) FROM categories', [
      p.cat,
    ]);
    const [brand] = p.brand ? await rows('SELECT id FROM brands WHERE name = ?', [p.brand]) : [];
    await pool.query(
      `INSERT INTO products (name, name_km, slug, brand_id, category_id, status, published_at)
       VALUES (?, ?, ?, ?, ?, 'active', NOW())`,
      [p.name, p.nameKm, p.slug, brand?.id ?? null, cat!.id],
    );
    const [{ id }] = (await rows('SELECT id FROM products WHERE slug = ?', [p.slug])) as [{ id: number }];
    await pool.query(
      `INSERT INTO variants (product_id, sku, options, title, price, cost_price, stock, position)
       VALUES (?, ?, '{}', '', 25.00, 20.00, 5, 0)`,
      [id, `BENCH-KM-${i + 1}`],
    );
    await refreshProductSummary(Number(id));
  }
}

if (process.env.BENCH_ADD_KHMER === '1') await addKhmerProducts();
const sku =
  process.env.BENCH_SKU ??
  String(
    (
      await rows(`SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id
                   WHERE p.status = 'active' ORDER BY v.id LIMIT 1`)
    )[0]?.sku ?? 'NONE',
  );

const QUERIES = [
  'ស្រីពេជ្រ',
  'កុំព្យូទ័រ',
  'កុំព្យូទ័រយួរដៃ',
  'ASUS កុំព្យូទ័រ',
  'ដៃកាន់ហ្គេម',
  'i7 16gb',
  '16gb',
  '16 gb',
  '1tb',
  '144hz',
  'ryzen 5',
  'i7',
  'vivobok',
  'thinkpd',
  'gaming laptop',
  'asus',
  'ssd',
  sku,
];
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const app = buildApp();
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

console.log(`database ${new URL(process.env.DATABASE_URL).pathname.slice(1)}, ${REPEAT} runs, median ms\n`);
console.log(`| query | results | ms | first three | corrected to |\n|---|---:|---:|---|---|`);
for (const q of QUERIES) {
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    const res = await request(app).get('/search').query({ q }).set('Accept-Language', 'en');
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status}`);
    html = res.text;
  }
  const count = /role="status">(\d[\d,]*) products?</.exec(html)?.[1]?.replace(/,/g, '') ?? '0';
  const names = [...html.matchAll(/class="card-name">([^<]+)</g)].slice(0, 3).map((m) => decode(m[1]!));
  const corrected = /data-corrected-query="([^"]*)"/.exec(html)?.[1];
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  console.log(
    `| \`${q}\` | ${count} | ${ms.toFixed(0)} | ${names.join(' · ')} | ${corrected ? decode(corrected) : ''} |`,
  );
}
await closeDb();
// The app's session store and rate limiters keep timers: end the run here.
process.exit(0);
