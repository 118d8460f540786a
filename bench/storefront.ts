/**
 * Storefront load test that the page cache cannot fool: every request asks for a different URL
 * (1,000 random products, 100+ search terms, every category with brand / price / spec filters),
 * each page type runs for a visitor without cookies and for a signed-in customer, and a bare
 * Express 5 + EJS app rendering a 24-product page from memory runs in the same run (in a child
 * process, on its own port, before and after the pages) as the ceiling. Prints req/s, % of the
 * ceiling, p50, p99 and non-2xx per page and who, then the targets with PASS/FAIL.
 * See bench/README.md.
 *
 *   BENCH_URL=http://127.0.0.1:3000 \
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/computer_shop_bench \
 *   BENCH_EMAIL=bench@example.com BENCH_PASSWORD=... npx tsx bench/storefront.ts
 *
 * Env: BENCH_URL (default http://127.0.0.1:3000), BENCH_DATABASE_URL (required: where the URLs
 * come from), BENCH_EMAIL / BENCH_PASSWORD (a verified customer; create it with
 * `npm run user:create -- --email E --password P --role customer`), BENCH_DURATION seconds per
 * run (15), BENCH_SETTLE seconds to wait after /readyz answers 200 (20), BENCH_CONNECTIONS (50), BENCH_PAGES / BENCH_WHO (a subset, for a quick look). Exits 1 when any request answered anything but 2xx.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import ejs from 'ejs';
import express from 'express';
import mysql from 'mysql2/promise';

const BASE = (process.env.BENCH_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// For a quick look at one part (the closing figures always come from a full run): e.g. BENCH_PAGES=product BENCH_WHO=customer.
const PAGES = (process.env.BENCH_PAGES ?? 'product,category,search').split(',');
const WHO = (process.env.BENCH_WHO ?? 'visitor,customer').split(',');
const PRODUCTS = 1000;
const CEILING_PAGES = 40;

type Who = 'visitor' | 'customer' | '-';
type Row = {
  page: string;
  who: Who;
  urls: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
};
type Target = { pages: string[]; who: Who; minShare: number; maxP99: number };

/** Product and category pages ≥ 40 % (visitor) / 25 % (customer) with p99 ≤ 100 ms; search ≥ 15 %, p99 ≤ 250 ms. */
const TARGETS: Target[] = [
  { pages: ['product', 'category'], who: 'visitor', minShare: 40, maxP99: 100 },
  { pages: ['product', 'category'], who: 'customer', minShare: 25, maxP99: 100 },
  { pages: ['search'], who: 'visitor', minShare: 15, maxP99: 250 },
  { pages: ['search'], who: 'customer', minShare: 15, maxP99: 250 },
];

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// ---------------------------------------------------------------- the ceiling (child process)

const CEILING_TEMPLATE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title><%= title %></title>
<link rel="stylesheet" href="/css/app.css"></head><body><header><a href="/">Computer Shop</a>
<form action="/search"><input name="q" type="search"></form></header><main><h1><%= title %></h1>
<ul class="grid"><% for (const p of products) { %><li class="card"><a href="/p/<%= p.slug %>">
<img src="/img/<%= p.image %>-320.webp" alt="<%= p.name %>" width="320" height="240" loading="lazy">
<h2><%= p.name %></h2></a><p class="brand"><%= p.brand %></p><p class="price">$<%= p.price.toFixed(2) %>
<% if (p.compareAt) { %><s>$<%= p.compareAt.toFixed(2) %></s><% } %></p>
<p class="stock"><%= p.inStock ? 'In stock' : 'Out of stock' %></p>
<form method="post" action="/cart"><input type="hidden" name="sku" value="<%= p.sku %>"><button>Add to cart</button></form>
</li><% } %></ul></main><footer>© Computer Shop</footer></body></html>`;

/** Bare Express 5 + EJS: a 24-product page rendered from memory on every request, nothing else. */
function serveCeiling(): void {
  const render = ejs.compile(CEILING_TEMPLATE);
  const brands = ['Asus', 'Acer', 'Dell', 'HP', 'Lenovo', 'MSI', 'Apple', 'Gigabyte'];
  const products = Array.from({ length: 24 * CEILING_PAGES }, (_, i) => ({
    slug: `product-${i}`,
    name: `${brands[i % brands.length]} Laptop ${1000 + i} 16GB 512GB SSD`,
    brand: brands[i % brands.length]!,
    image: `p${i}`,
    sku: `SKU-${i}`,
    price: 300 + ((i * 37) % 1700) + 0.99,
    compareAt: i % 5 === 0 ? 400 + ((i * 37) % 1700) : null,
    inStock: i % 7 !== 0,
  }));
  const app = express();
  app.get('/', (req, res) => {
    const page = Math.min(CEILING_PAGES, Math.max(1, Number(req.query.page) || 1));
    res
      .type('html')
      .send(render({ title: `Laptops – page ${page}`, products: products.slice((page - 1) * 24, page * 24) }));
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('disconnect', () => process.exit(0));
}

/** Starts the ceiling in its own process (so it does not share this process's event loop with autocannon). */
async function startCeiling(): Promise<{ url: string; stop: () => void }> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_CEILING_CHILD: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`ceiling server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

// ---------------------------------------------------------------- URLs from the database

type Urls = { product: string[]; category: string[]; search: string[] };

/**
 * Visitors and the customer get disjoint URLs (alternate items), so the second run never reads what
 * the first one left in the page or query caches.
 */
const split = (urls: Urls, half: 0 | 1): Urls => ({
  product: urls.product.filter((_, i) => i % 2 === half),
  category: urls.category.filter((_, i) => i % 2 === half),
  search: urls.search.filter((_, i) => i % 2 === half),
});

async function urlsFromDb(uri: string): Promise<Urls> {
  const conn = await mysql.createConnection({ uri });
  try {
    const q = async <T>(sql: string, params: unknown[] = []) => (await conn.query(sql, params))[0] as T[];

    const products = await q<{ slug: string }>(
      `SELECT slug FROM products WHERE status = 'active' ORDER BY RAND() LIMIT ${2 * PRODUCTS}`,
    );
    if (products.length < 2 * PRODUCTS)
      throw new Error('too few products: seed with `npm run db:seed -- --products 100000`');

    // Every active category; filters from what its subtree (the category and its descendants) holds.
    const cats = await q<{ slug: string; path: string }>(
      'SELECT slug, path FROM categories WHERE is_active = 1 ORDER BY path',
    );
    const leafBrands = await q<{ path: string; brand: string; n: number }>(
      `SELECT s.path, b.slug AS brand, COUNT(*) AS n FROM products p JOIN categories s ON s.id = p.category_id
        JOIN brands b ON b.id = p.brand_id WHERE p.status = 'active' GROUP BY s.path, b.slug`,
    );
    const leafPrices = await q<{ path: string; lo: string; hi: string }>(
      `SELECT s.path, MIN(p.min_price) AS lo, MAX(p.min_price) AS hi FROM products p
        JOIN categories s ON s.id = p.category_id WHERE p.status = 'active' GROUP BY s.path`,
    );
    const leafSpecs = await q<{ path: string; code: string; value: string; n: number }>(
      `SELECT s.path, a.code, ps.value_text AS value, COUNT(*) AS n FROM products p
        JOIN categories s ON s.id = p.category_id JOIN product_specs ps ON ps.product_id = p.id
        JOIN spec_attributes a ON a.id = ps.attribute_id
        WHERE p.status = 'active' AND a.filterable = 1 GROUP BY s.path, a.code, ps.value_text`,
    );
    const category: string[] = [];
    for (const c of cats) {
      const inside = <T extends { path: string }>(rows: T[]) => rows.filter((r) => r.path.startsWith(c.path));
      const brandCount = new Map<string, number>();
      for (const r of inside(leafBrands)) brandCount.set(r.brand, (brandCount.get(r.brand) ?? 0) + Number(r.n));
      const brands = [...brandCount].sort((a, b) => b[1] - a[1]).map(([b]) => b);
      const prices = inside(leafPrices);
      const lo = Math.min(...prices.map((p) => Number(p.lo)));
      const hi = Math.max(...prices.map((p) => Number(p.hi)));
      const specCount = new Map<string, { code: string; value: string; n: number }>();
      for (const r of inside(leafSpecs)) {
        const key = `${r.code}\u0000${r.value}`;
        const seen = specCount.get(key);
        specCount.set(key, { code: r.code, value: r.value, n: (seen?.n ?? 0) + Number(r.n) });
      }
      const specs = [...specCount.values()].sort((a, b) => b.n - a.n);
      const base = `/c/${c.slug}`;
      const variants: URLSearchParams[] = [new URLSearchParams(), new URLSearchParams({ page: '2' })];
      for (const brand of brands.slice(0, 3)) variants.push(new URLSearchParams({ brand }));
      if (Number.isFinite(lo) && hi > lo) {
        const third = (hi - lo) / 3;
        const min = String(Math.floor(lo + third));
        const max = String(Math.ceil(lo + 2 * third));
        variants.push(new URLSearchParams({ min, max }));
        if (brands[0]) variants.push(new URLSearchParams({ brand: brands[0], min: String(Math.floor(lo)), max }));
      }
      for (const s of specs.slice(0, 3)) variants.push(new URLSearchParams({ [`s_${s.code}`]: s.value }));
      if (brands[1] && specs[0])
        variants.push(new URLSearchParams({ brand: brands[1], [`s_${specs[0].code}`]: specs[0].value }));
      variants.push(new URLSearchParams({ instock: '1', sort: 'price_asc' }));
      variants.push(new URLSearchParams({ instock: '1', sort: 'newest' }));
      for (const v of variants) category.push(v.size ? `${base}?${v}` : base);
    }

    // Search terms: name words, brands, spec words (16gb, i7 ...), Khmer category words, a few pairs.
    const names = await q<{ name: string }>(
      `SELECT name FROM products WHERE status = 'active' ORDER BY RAND() LIMIT 3000`,
    );
    const wordCount = new Map<string, number>();
    for (const { name } of names)
      for (const w of name.toLowerCase().split(/[^a-z0-9]+/))
        if (w.length >= 3 && !/^\d+$/.test(w)) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
    const nameWords = shuffle([...wordCount].filter(([, n]) => n >= 3).map(([w]) => w)).slice(0, 90);
    const brandNames = (await q<{ name: string }>('SELECT name FROM brands ORDER BY name')).map((b) =>
      b.name.toLowerCase(),
    );
    const specValues = await q<{ value: string }>(
      `SELECT DISTINCT ps.value_text AS value FROM product_specs ps JOIN spec_attributes a ON a.id = ps.attribute_id
        WHERE a.filterable = 1 AND CHAR_LENGTH(ps.value_text) BETWEEN 2 AND 24 LIMIT 2000`,
    );
    const specWords = shuffle([
      ...new Set(
        specValues.flatMap(({ value }) =>
          value
            .toLowerCase()
            .replace(/(\d+)\s+(gb|tb|mb|hz|w|inch|")/g, '$1$2')
            .split(/[\s,/()]+/)
            .filter((w) => /^(?=.*\d)[a-z0-9.-]{2,12}$/.test(w) || /^[a-z]{2,4}\d/.test(w)),
        ),
      ),
    ]).slice(0, 60);
    const kmNames = await q<{ name: string }>(
      "SELECT name_km AS name FROM categories WHERE is_active = 1 AND name_km IS NOT NULL AND name_km <> ''",
    );
    const kmWords = shuffle([
      ...new Set(kmNames.flatMap(({ name }) => name.split(/\s+/)).filter((w) => w.length >= 2)),
    ]).slice(0, 30);
    const pairs = Array.from({ length: 30 }, (_, i) =>
      `${brandNames[i % Math.max(1, brandNames.length)] ?? ''} ${nameWords[i] ?? ''} ${specWords[i] ?? ''}`.trim(),
    );
    const terms = [...new Set([...nameWords, ...brandNames, ...specWords, ...kmWords, ...pairs])].filter(Boolean);
    const search = terms.map((t) => `/search?${new URLSearchParams({ q: t })}`);
    return { product: products.map((p) => `/p/${encodeURIComponent(p.slug)}`), category, search };
  } finally {
    await conn.end();
  }
}

// ---------------------------------------------------------------- signing in

/** Signs the bench customer in through the /login form (CSRF token and all); returns the session cookie. */
async function signIn(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${BASE}/login`, { headers: { accept: 'text/html' } });
  keep(form);
  const token = /name="_csrf"\s+value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error('no _csrf field on /login');
  const res = await fetch(`${BASE}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), accept: 'text/html' },
    body: new URLSearchParams({ _csrf: token, email, password, next: '/' }),
  });
  keep(res);
  if (res.status !== 303) throw new Error(`login as ${email} answered ${res.status}: does the customer exist?`);
  const check = await fetch(`${BASE}/account`, { redirect: 'manual', headers: { cookie: cookie() } });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`/account answered ${check.status} after logging in`);
  return cookie();
}

// ---------------------------------------------------------------- running

/** Every request takes the next URL of a shuffled list, so repeats are as far apart as the list allows. */
async function run(page: string, who: Who, base: string, paths: string[], cookie?: string): Promise<Row> {
  const list = shuffle([...paths]);
  let next = 0;
  const headers: Record<string, string> = { accept: 'text/html', 'accept-language': 'en' };
  if (cookie) headers.cookie = cookie;
  await drain(base);
  // One request shows that the pages answer before the load starts.
  const first = await fetch(`${base}${list[0]}`, { headers });
  await first.arrayBuffer();
  if (!first.ok) console.error(`  ${page} (${who}): ${list[0]} answered ${first.status}`);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: DURATION,
        timeout: 30,
        headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: list[next++ % list.length]! }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  const row: Row = {
    page,
    who,
    urls: list.length,
    rps: result.requests.total / (result.duration || DURATION),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  console.log(
    `  ${page.padEnd(8)} ${who.padEnd(8)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  (${row.urls} URLs, ${result.requests.total} requests)`,
  );
  return row;
}

/**
 * Waits until the server has finished what the previous run left queued (autocannon stops sending,
 * the server keeps working): /healthz must answer within 50 ms, checked for at most 60 s.
 */
async function drain(base: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const started = performance.now();
    const res = await fetch(`${base}/healthz`).catch(() => null);
    await res?.arrayBuffer();
    if (res && performance.now() - started < 50) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`  ${base} is still busy after 60 s`);
}

function table(rows: Row[], ceiling: number): string {
  const head = ['page', 'who', 'URLs', 'req/s', '% of ceiling', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'];
  const body = rows.map((r) => [
    r.page,
    r.who,
    String(r.urls),
    r.rps.toFixed(0),
    r.page === 'ceiling' ? '100 %' : `${((100 * r.rps) / ceiling).toFixed(1)} %`,
    String(r.p50),
    String(r.p99),
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i < 2 ? ':' : '-') + '-'.repeat(w) + (i < 2 ? '-' : ':')).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

function verdicts(rows: Row[], ceiling: number): string[] {
  return TARGETS.flatMap((t) =>
    rows
      .filter((r) => t.pages.includes(r.page) && r.who === t.who)
      .map((r) => {
        const share = (100 * r.rps) / ceiling;
        const ok = share >= t.minShare && r.p99 <= t.maxP99;
        return `${ok ? 'PASS' : 'FAIL'}  ${r.page} (${r.who}): ${share.toFixed(1)} % of ceiling (target ≥ ${t.minShare} %), p99 ${r.p99} ms (target ≤ ${t.maxP99} ms)`;
      }),
  );
}

/**
 * Waits until the shop says it is ready (its catalog index loaded), then BENCH_SETTLE seconds more (20):
 * right after loading 100,000 products a process spends seconds in garbage collection, which is start-up,
 * not the page being measured.
 */
async function untilReady(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${BASE}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${BASE}/readyz did not answer 200 within 2 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE ?? 20) * 1000));
}

async function main(): Promise<void> {
  const dbUrl = process.env.BENCH_DATABASE_URL;
  if (!dbUrl) throw new Error('set BENCH_DATABASE_URL: the URLs come from the database');
  const email = process.env.BENCH_EMAIL;
  const password = process.env.BENCH_PASSWORD;
  if (!email || !password) throw new Error('set BENCH_EMAIL and BENCH_PASSWORD (a customer; see bench/README.md)');

  await untilReady();
  const urls = await urlsFromDb(dbUrl);
  const [visitor, customer] = [split(urls, 0), split(urls, 1)];
  const cookie = await signIn(email, password);
  const ceiling = await startCeiling();
  const ceilingPaths = Array.from({ length: CEILING_PAGES }, (_, i) => `/?page=${i + 1}`);
  console.log(
    `Storefront benchmark: ${BASE}, ${CONNECTIONS} connections, ${DURATION} s per run; per who ${visitor.product.length} products, ` +
      `${visitor.category.length} category URLs, ${visitor.search.length} searches (visitor and customer URLs differ); ` +
      `ceiling at ${ceiling.url}`,
  );
  const rows: Row[] = [];
  try {
    // The ceiling runs first and last; its mean is the reference (the machine's mood changes in between).
    const before = await run('ceiling', '-', ceiling.url, ceilingPaths);
    for (const page of (['product', 'category', 'search'] as const).filter((p) => PAGES.includes(p))) {
      if (WHO.includes('visitor')) rows.push(await run(page, 'visitor', BASE, visitor[page]));
      if (WHO.includes('customer')) rows.push(await run(page, 'customer', BASE, customer[page], cookie));
    }
    const after = await run('ceiling', '-', ceiling.url, ceilingPaths);
    rows.unshift({
      ...before,
      rps: (before.rps + after.rps) / 2,
      p50: Math.max(before.p50, after.p50),
      p99: Math.max(before.p99, after.p99),
      non2xx: before.non2xx + after.non2xx,
      errors: before.errors + after.errors,
    });
    console.log(
      `\nceiling: ${before.rps.toFixed(0)} req/s before, ${after.rps.toFixed(0)} after; the table uses the mean\n`,
    );
  } finally {
    ceiling.stop();
  }
  const reference = rows[0]!.rps;
  console.log(`${table(rows, reference)}\n`);
  console.log(verdicts(rows, reference).join('\n'));
  const failed = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (failed.length) {
    console.error(
      `\nFailed: ${failed.map((r) => `${r.page}/${r.who} (${r.non2xx} non-2xx, ${r.errors} errors)`).join(', ')}`,
    );
    process.exit(1);
  }
}

if (process.env.BENCH_CEILING_CHILD) serveCeiling();
else await main();
