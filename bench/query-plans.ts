/**
 * Single-request database time of the storefront's queries, with the rows MariaDB examines for each
 * (from `ANALYZE FORMAT=JSON`). Runs the real query functions once to capture their SQL, then analyzes
 * every captured statement. Listings, facets and search run on the catalog index in memory: the wall time
 * shows their cost, the database time only the product cards and pages.
 *
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/<bench db> npx tsx bench/query-plans.ts [--sync-variant-specs]
 *
 * `--sync-variant-specs` first writes variant_specs from the variants' options (the seed leaves them
 * empty; the admin's product form writes them), so the variant-spec queries see real data.
 */
import mysql from 'mysql2';
import { closeDb, pool } from '../src/db/client.js';
import { syncVariantSpecs } from '../src/modules/catalog/variant-specs.js';
import { findCards } from '../src/modules/catalog/listing.queries.js';
import { type CatalogIndex, loadCatalogIndex } from '../src/modules/catalog/catalog-index.js';
import { findHomeSections, findProductBySlug } from '../src/modules/catalog/product.queries.js';
import { searchCandidates } from '../src/modules/catalog/search.js';
import { type ListingFilters, parseListingQuery } from '../src/modules/catalog/catalog.schemas.js';

type Captured = { sql: string; params: unknown[] };
const captured: Captured[] = [];

/** Records every statement the pool runs (Drizzle calls pool.query / pool.execute). */
function capture(): void {
  for (const method of ['query', 'execute'] as const) {
    const original = pool[method].bind(pool) as (...a: unknown[]) => Promise<unknown>;
    (pool as unknown as Record<string, unknown>)[method] = (q: unknown, params?: unknown) => {
      const text = typeof q === 'string' ? q : (q as { sql: string }).sql;
      if (!/^\s*(ANALYZE|EXPLAIN|SET|SHOW)\b/i.test(text))
        captured.push({ sql: text, params: (params as unknown[]) ?? [] });
      return original(q, params);
    };
  }
}

type Node = Record<string, unknown>;
/** Rows read per table: r_rows (per loop) × r_loops, over every table access in the plan. */
function examined(plan: unknown, out: Map<string, number> = new Map()): Map<string, number> {
  if (Array.isArray(plan)) for (const p of plan) examined(p, out);
  else if (plan && typeof plan === 'object') {
    const n = plan as Node;
    if (typeof n.table_name === 'string' && typeof n.r_loops === 'number') {
      const rows = Number(n.r_rows ?? 0) * Number(n.r_loops);
      out.set(n.table_name, (out.get(n.table_name) ?? 0) + rows);
    }
    for (const v of Object.values(n)) if (typeof v === 'object') examined(v, out);
  }
  return out;
}

/** A listing's filters as the storefront parses an empty query, with some set. */
const filters = (over: Partial<ListingFilters>): ListingFilters => ({ ...parseListingQuery({}, false), ...over });

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const [rows] = await pool.query(sql, params);
  return (rows as T[])[0]!;
}

async function main() {
  if (process.argv.includes('--sync-variant-specs')) {
    const [rows] = await pool.query("SELECT DISTINCT product_id AS id FROM variants WHERE options <> '{}'");
    for (const r of rows as { id: number }[]) await syncVariantSpecs(Number(r.id));
    console.log(`variant specs synced for ${(rows as unknown[]).length} products`);
  }
  const best = await one<{ id: number; slug: string; categoryId: number }>(
    "SELECT id, slug, category_id AS categoryId FROM products WHERE status = 'active' AND category_id IN " +
      "(SELECT id FROM categories WHERE path LIKE '/1/%') ORDER BY sold_count DESC LIMIT 1",
  );
  const laptops = ((await pool.query("SELECT id FROM categories WHERE path LIKE '/1/%'"))[0] as { id: number }[]).map(
    (r) => Number(r.id),
  );
  const brand = await one<{ slug: string }>(
    "SELECT b.slug FROM products p JOIN brands b ON b.id = p.brand_id WHERE p.status = 'active' AND p.category_id IN (?) " +
      'GROUP BY b.id ORDER BY COUNT(*) DESC LIMIT 1',
    [laptops],
  );
  const listing = filters({ brands: [brand.slug], minCents: 50_000, maxCents: 150_000, specs: { ram: ['16'] } });

  const t = performance.now();
  const index: CatalogIndex = await loadCatalogIndex();
  console.log(`catalog index: ${index.size} products loaded in ${(performance.now() - t).toFixed(0)} ms`);
  const page = async (f: ListingFilters, scope: Parameters<CatalogIndex['listing']>[1]) =>
    findCards(index.listing(f, scope, 24).ids);
  const scenarios: [string, () => Promise<unknown>][] = [
    [
      'product page',
      async () => {
        const p = await findProductBySlug(best.slug);
        await findCards(index.related(p!.id, p!.categoryId));
      },
    ],
    ['category listing (brand + price + ram)', () => page(listing, { categoryIds: laptops })],
    ...['gaming laptop', '16gb', 'កុំព្យូទ័រ', 'asus i7'].map((q): [string, () => Promise<unknown>] => [
      `search "${q}" (cold)`,
      async () => {
        const f = filters({ q, sort: 'relevance' });
        await page(f, { ids: await searchCandidates(f.q, { index }) });
      },
    ]),
    [
      'category in stock by price, page 3',
      () => page(filters({ inStock: true, sort: 'price_asc', page: 3 }), { categoryIds: laptops }),
    ],
    ['home sections', () => findHomeSections()],
  ];
  capture();
  for (const [name, run] of scenarios) {
    captured.length = 0;
    const t0 = performance.now();
    await run();
    const wall = performance.now() - t0;
    const statements = [...captured];
    let total = 0;
    let rows = 0;
    const lines: string[] = [];
    for (const s of statements) {
      const text = mysql.format(s.sql, s.params as never[]);
      const [res] = await pool.query(`ANALYZE FORMAT=JSON ${text}`);
      const plan = JSON.parse(Object.values((res as Record<string, string>[])[0]!)[0]!) as {
        query_block: { r_total_time_ms?: number };
      };
      const ms = Number(plan.query_block.r_total_time_ms ?? 0);
      const perTable = examined(plan);
      const n = [...perTable.values()].reduce((a, b) => a + b, 0);
      total += ms;
      rows += n;
      const head = text.replace(/\s+/g, ' ').slice(0, 90);
      lines.push(`    ${ms.toFixed(1).padStart(7)} ms ${String(Math.round(n)).padStart(8)} rows  ${head}`);
    }
    console.log(
      `${name}: ${statements.length} queries, db ${total.toFixed(1)} ms, ${Math.round(rows)} rows examined ` +
        `(wall ${wall.toFixed(0)} ms)`,
    );
    for (const l of lines) console.log(l);
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
