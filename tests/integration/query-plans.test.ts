import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2';
import { afterAll, describe, expect, it } from 'vitest';

// The seed's pictures go to a throw-away folder: set before anything reads the app's config.
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'query-plans-'));
process.env.UPLOAD_DIR = uploadDir;
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

const { pool } = await import('../../src/db/client.js');
const { seedDemoShop } = await import('../../src/db/seed/index.js');
const { findCards } = await import('../../src/modules/catalog/listing.queries.js');
const { changedSince, loadCatalogIndex } = await import('../../src/modules/catalog/catalog-index.js');
const { findHomeSections, findProductBySlug } = await import('../../src/modules/catalog/product.queries.js');
const { searchCandidates } = await import('../../src/modules/catalog/search.js');
const { query } = await import('../helpers/db.js');
type ListingFilters = import('../../src/modules/catalog/catalog.schemas.js').ListingFilters;
const { parseListingQuery } = await import('../../src/modules/catalog/catalog.schemas.js');

/** The big tables: a plan must reach them through an index, never by reading them whole. */
const WATCHED = new Set(['products', 'variants', 'product_specs', 'variant_specs']);

type Statement = { sql: string; params: unknown[] };
let captured: Statement[] | undefined;

/** Records the statements the app runs through the pool (Drizzle calls pool.query and pool.execute). */
function wrapPool(): void {
  for (const method of ['query', 'execute'] as const) {
    const original = pool[method].bind(pool) as (...a: unknown[]) => Promise<unknown>;
    (pool as unknown as Record<string, unknown>)[method] = (q: unknown, params?: unknown) => {
      const text = typeof q === 'string' ? q : (q as { sql: string }).sql;
      captured?.push({ sql: text, params: (params as unknown[]) ?? [] });
      return original(q, params);
    };
  }
}

async function captureSql(run: () => Promise<unknown>): Promise<Statement[]> {
  captured = [];
  try {
    await run();
    return captured;
  } finally {
    captured = undefined;
  }
}

/** alias → table, from `FROM products p`, `JOIN variants v ON`, `from \`products\``. */
function aliases(sqlText: string): Map<string, string> {
  const map = new Map<string, string>();
  const keyword = /^(ON|WHERE|JOIN|LEFT|INNER|STRAIGHT_JOIN|GROUP|ORDER|LIMIT|AND|USING)$/i;
  for (const m of sqlText.matchAll(/\b(?:FROM|JOIN)\s+`?(\w+)`?(?:\s+(?:AS\s+)?`?(\w+)`?)?/gi)) {
    const table = m[1]!.toLowerCase();
    map.set(table, table);
    if (m[2] && !keyword.test(m[2])) map.set(m[2], table);
  }
  return map;
}

type PlanRow = { table: string | null; type: string | null; rows: number | string | null; Extra: string | null };
type Offence = { sql: string; reason: string; plan: Record<string, unknown>[] };

/**
 * EXPLAINs each statement; an offence on a watched table is a full (table or index) scan, more rows than
 * `maxRows`, or a sort of more than `maxSorted` rows (a LIMIT that should be read in index order).
 */
async function offences(statements: Statement[], maxRows: number, maxSorted = Number.POSITIVE_INFINITY) {
  const found: Offence[] = [];
  for (const s of statements) {
    if (!/^\s*select\b|^\s*\(\s*select\b/i.test(s.sql)) continue;
    const text = mysql.format(s.sql, s.params as never[]);
    const plan = await query<PlanRow>(`EXPLAIN ${text}`);
    const names = aliases(text);
    for (const row of plan) {
      const table = row.table ? names.get(row.table) : undefined;
      if (!table || !WATCHED.has(table)) continue;
      const rows = Number(row.rows ?? 0);
      const reason =
        row.type === 'ALL' || row.type === 'index'
          ? `full ${row.type === 'index' ? 'index ' : ''}scan of ${table} (${row.table})`
          : rows > maxRows
            ? `${rows} rows of ${table} (${row.table}) examined`
            : rows > maxSorted && /filesort/.test(row.Extra ?? '')
              ? `${rows} rows of ${table} (${row.table}) sorted`
              : undefined;
      if (reason) found.push({ sql: text.replace(/\s+/g, ' '), reason, plan });
    }
  }
  return found;
}

function report(name: string, list: Offence[]): string[] {
  return list.map((o) => {
    console.log(`\n[${name}] ${o.reason}\n${o.sql}\n${JSON.stringify(o.plan, null, 1)}`);
    return `${name}: ${o.reason}`;
  });
}

/** A listing's filters as the storefront parses an empty query, with some set. */
const filters = (over: Partial<ListingFilters>): ListingFilters => ({ ...parseListingQuery({}, false), ...over });

describe('storefront query plans on a seeded catalog', () => {
  it('reach products, variants and spec values through indexes: no full scans, few rows per product page', async () => {
    await seedDemoShop({ products: 2000 });
    // The seed writes variant specs from the variants' options, as the admin's product form does.
    expect(Number((await query<{ n: number }>('SELECT COUNT(*) AS n FROM variant_specs'))[0]!.n)).toBeGreaterThan(100);
    await query('ANALYZE TABLE products, variants, product_specs, variant_specs, spec_attributes, categories');
    wrapPool();

    const [best] = await query<{ slug: string }>(
      "SELECT slug FROM products WHERE status = 'active' ORDER BY sold_count DESC, id DESC LIMIT 1",
    );
    // The laptops subtree, whatever ids the seed gave it.
    const laptops = (
      await query<{ id: number }>(
        `SELECT c.id FROM categories c JOIN categories top ON c.path LIKE CONCAT(top.path, '%')
          WHERE top.slug = 'laptops'`,
      )
    ).map((r) => Number(r.id));
    expect(laptops.length).toBeGreaterThan(0);
    const [brand] = await query<{ slug: string }>(
      "SELECT b.slug FROM products p JOIN brands b ON b.id = p.brand_id WHERE p.status = 'active' AND p.category_id IN (?) GROUP BY b.id ORDER BY COUNT(*) DESC LIMIT 1",
      [laptops],
    );

    // Listings, facets and search run on the catalog index in memory (loaded at start, a slice of ids at a
    // time, not per request). What a request asks the database is below.
    const index = await loadCatalogIndex();
    expect(index.size).toBeGreaterThan(1000);
    const product = await captureSql(async () => {
      const p = await findProductBySlug(best!.slug);
      expect(p?.specs.length).toBeGreaterThan(0);
      expect((await findCards(index.related(p!.id, p!.categoryId))).length).toBeGreaterThan(0);
    });
    const listingFilters = filters({
      brands: [brand!.slug],
      minCents: 50_000,
      maxCents: 150_000,
      specs: { ram: ['16'] },
    });
    const listing = await captureSql(async () => {
      const page = index.listing(listingFilters, { categoryIds: laptops }, 24);
      expect(page.total).toBeGreaterThan(0);
      expect(page.facets.specs.length).toBeGreaterThan(0);
      expect(await findCards(page.ids)).toHaveLength(page.ids.length);
    });
    const search = await captureSql(async () => {
      const f = filters({ q: 'gaming laptop', sort: 'relevance' });
      const scope = { ids: await searchCandidates(f.q, { index }) };
      expect(scope.ids.size).toBeGreaterThan(0);
      await findCards(index.listing(f, scope, 24).ids);
    });
    const home = await captureSql(async () => {
      expect((await findHomeSections()).newArrivals.length).toBeGreaterThan(0);
    });
    // Each process looks for changed products every second: through the changed_at index, never a scan.
    // (As on a quiet shop: the seed above changed every product a moment ago.)
    const [{ now }] = (await query<{ now: Date }>('SELECT NOW(3) + INTERVAL 1 SECOND AS now')) as [{ now: Date }];
    const poll = await captureSql(async () => {
      await changedSince(new Date(now));
    });
    expect(product.length).toBeGreaterThanOrEqual(5);
    expect(listing).toHaveLength(1);

    const failures = [
      ...report('product page', await offences(product, 5000, 50)),
      ...report('category listing', await offences(listing, 20_000)),
      ...report('search', await offences(search, 20_000)),
      ...report('home', await offences(home, 5000)),
      ...report('index poll', await offences(poll, 5000)),
    ];
    expect(failures).toEqual([]);
  }, 120_000);
});
