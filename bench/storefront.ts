/**
 * Storefront load test: home, a filtered category listing, a search and a product page,
 * each hammered by autocannon. Run against a BUILT server on the large seeded catalog
 * (see bench/README.md):
 *
 *   BENCH_URL=http://127.0.0.1:3000 \
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/computer_shop_bench npx tsx bench/storefront.ts
 *
 * Env: BENCH_URL (default http://127.0.0.1:3000), BENCH_DATABASE_URL (optional: picks real
 * slugs from the database; otherwise from the pages), BENCH_DURATION seconds per page (15),
 * BENCH_CONNECTIONS (50). Exits 1 when any page answered anything but 2xx.
 */
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';

const BASE = (process.env.BENCH_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

type Targets = { category: string; brand: string; product: string };
type Row = {
  page: string;
  path: string;
  coldMs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
};

/** A big category, its best-stocked brand and a real product, straight from the database. */
async function targetsFromDb(url: string): Promise<Targets> {
  const conn = await mysql.createConnection({ uri: url });
  try {
    // Laptops when the shop has them (prices $500–1,500 make sense there), else the biggest top category.
    const [cats] = await conn.query(`SELECT c.slug, c.path FROM categories c WHERE c.depth = 0 AND c.is_active = 1
      ORDER BY c.slug = 'laptops' DESC, (SELECT COUNT(*) FROM products p JOIN categories s ON s.id = p.category_id
        WHERE p.status = 'active' AND s.path LIKE CONCAT(c.path, '%')) DESC LIMIT 1`);
    const cat = (cats as { slug: string; path: string }[])[0];
    if (!cat) throw new Error('no categories: seed the database first (npm run db:seed -- --products 100000)');
    const [brands] = await conn.query(
      `SELECT b.slug FROM products p JOIN brands b ON b.id = p.brand_id JOIN categories s ON s.id = p.category_id
        WHERE p.status = 'active' AND s.path LIKE ? GROUP BY b.slug ORDER BY COUNT(*) DESC LIMIT 1`,
      [`${cat.path}%`],
    );
    const [products] = await conn.query(
      "SELECT slug FROM products WHERE status = 'active' AND in_stock = 1 ORDER BY sold_count DESC, id LIMIT 1",
    );
    return {
      category: cat.slug,
      brand: (brands as { slug: string }[])[0]?.slug ?? 'asus',
      product: (products as { slug: string }[])[0]!.slug,
    };
  } finally {
    await conn.end();
  }
}

/** Without database access: the first category and product links on the home page. */
async function targetsFromPages(): Promise<Targets> {
  const res = await fetch(`${BASE}/`);
  if (!res.ok) throw new Error(`GET / answered ${res.status}: is the server running at ${BASE}?`);
  const html = await res.text();
  const category = /href="\/c\/([a-z0-9-]+)"/.exec(html)?.[1] ?? 'laptops';
  const product = /href="\/p\/([a-z0-9-]+)"/.exec(html)?.[1];
  if (!product)
    throw new Error('no /p/<slug> link on the home page; set BENCH_DATABASE_URL to pick a product from the database');
  return { category, brand: 'asus', product };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(page: string, path: string, coldMs: number): Promise<Row> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${BASE}${path}`, connections: CONNECTIONS, duration: DURATION, headers: { accept: 'text/html' } },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    page,
    path,
    coldMs,
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function table(rows: Row[]): string {
  const head = ['page', 'first ms', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'path'];
  const body = rows.map((r) => [
    r.page,
    r.coldMs.toFixed(0),
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    String(r.requests),
    String(r.non2xx),
    String(r.errors),
    r.path,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    '| ' +
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join(' | ') +
    ' |';
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

const targets = process.env.BENCH_DATABASE_URL
  ? await targetsFromDb(process.env.BENCH_DATABASE_URL)
  : await targetsFromPages();
const pages: [string, string][] = [
  ['home', '/'],
  ['category + filters', `/c/${targets.category}?brand=${encodeURIComponent(targets.brand)}&min=500&max=1500`],
  ['search', '/search?q=gaming+laptop'],
  ['product', `/p/${targets.product}`],
];

console.log(`Storefront benchmark: ${BASE}, ${CONNECTIONS} connections, ${DURATION} s per page`);
const rows: Row[] = [];
for (const [page, path] of pages) {
  // The first request shows the uncached cost; the run then mostly measures the warm path.
  const started = performance.now();
  const check = await fetch(`${BASE}${path}`);
  await check.arrayBuffer();
  const coldMs = performance.now() - started;
  console.log(`  ${page}: ${path} (first request ${check.status} in ${coldMs.toFixed(0)} ms)`);
  rows.push(await run(page, path, coldMs));
}
console.log(`\n${table(rows)}\n`);
const failed = rows.filter((r) => r.non2xx > 0 || r.errors > 0 || r.requests === 0);
if (failed.length) {
  console.error(`Failed: ${failed.map((r) => `${r.page} (${r.non2xx} non-2xx, ${r.errors} errors)`).join(', ')}`);
  process.exit(1);
}
