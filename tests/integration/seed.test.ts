import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The pictures go to a throw-away folder: set before anything reads the app's config.
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
process.env.UPLOAD_DIR = uploadDir;
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

const { seedDemoShop } = await import('../../src/db/seed/index.js');
const { refreshProductSummary } = await import('../../src/modules/catalog/product-summary.service.js');
const { isValidEan13 } = await import('../../src/db/seed/random.js');
const { query } = await import('../helpers/db.js');

const count = async (sql: string, params: unknown[] = []) => Number(Object.values((await query(sql, params))[0]!)[0]);

const TABLES = [
  'categories',
  'brands',
  'product_types',
  'spec_attributes',
  'products',
  'variants',
  'product_specs',
  'product_images',
  'stock_movements',
  'users',
];
const tableCounts = async () =>
  Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, await count(`SELECT COUNT(*) FROM ${t}`)] as const)),
  );

const SUMMARY = 'id, min_price, max_price, total_stock, in_stock, has_deal, primary_image, search_text';

/** The bulk summary must equal what refreshProductSummary() computes for the same product. */
async function expectSummariesMatchService(ids: number[]) {
  const before = await query(`SELECT ${SUMMARY} FROM products WHERE id IN (?) ORDER BY id`, [ids]);
  for (const id of ids) await refreshProductSummary(id);
  const after = await query(`SELECT ${SUMMARY} FROM products WHERE id IN (?) ORDER BY id`, [ids]);
  expect(before).toEqual(after);
}

async function expectStockLedgerMatches() {
  // Exactly one 'initial' row per stocked variant, 0 → stock; none for variants without stock.
  const bad = await query(`
    SELECT v.id, v.stock, COUNT(m.id) n, MIN(m.delta) delta, MIN(m.stock_before) sb, MIN(m.stock_after) sa
      FROM variants v LEFT JOIN stock_movements m ON m.variant_id = v.id AND m.reason = 'initial'
     GROUP BY v.id, v.stock
    HAVING (v.stock > 0 AND (n <> 1 OR delta <> v.stock OR sb <> 0 OR sa <> v.stock)) OR (v.stock = 0 AND n <> 0)`);
  expect(bad).toEqual([]);
  expect(await count("SELECT COUNT(*) FROM stock_movements WHERE reason <> 'initial'")).toBe(0);
}

async function expectSummaryColumnsConsistent() {
  const wrong = await query(`
    SELECT p.id FROM products p
      JOIN (SELECT product_id, MIN(price) mn, MAX(price) mx, SUM(stock) st FROM variants GROUP BY product_id) v
        ON v.product_id = p.id
     WHERE p.min_price <> v.mn OR p.max_price <> v.mx OR p.total_stock <> v.st OR p.in_stock <> (v.st > 0)
        OR p.primary_image IS NULL OR p.search_text = ''`);
  expect(wrong).toEqual([]);
}

describe('seedDemoShop', () => {
  it('on an empty database — creates a consistent demo shop: category tree, brands, 300+ products with variants, ' +
    'pictures, ledger and summaries', async () => {
    const summary = await seedDemoShop();
    expect(summary).toMatch(/\d+ top categories, \d+ subcategories, 20 brands/);

    expect(await count('SELECT COUNT(*) FROM categories WHERE parent_id IS NULL')).toBeGreaterThanOrEqual(8);
    expect(await count('SELECT COUNT(*) FROM categories WHERE parent_id IS NOT NULL')).toBeGreaterThanOrEqual(25);
    expect(await count('SELECT COUNT(*) FROM brands')).toBe(20);
    expect(await count("SELECT COUNT(*) FROM products WHERE status = 'active'")).toBeGreaterThanOrEqual(300);
    expect(await count("SELECT COUNT(*) FROM products WHERE status IN ('draft', 'archived')")).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) FROM users WHERE email LIKE '%@example.com' AND role = 'customer'")).toBe(3);

    // Paths agree with parent_id, and every category has a Khmer name.
    const cats = await query<{
      id: number;
      parent_id: number | null;
      path: string;
      depth: number;
      name_km: string | null;
    }>('SELECT id, parent_id, path, depth, name_km FROM categories');
    const byId = new Map(cats.map((c) => [Number(c.id), c]));
    for (const c of cats) {
      const parent = c.parent_id === null ? null : byId.get(Number(c.parent_id))!;
      expect(c.path).toBe(`${parent?.path ?? '/'}${c.id}/`);
      expect(c.depth).toBe(parent ? parent.depth + 1 : 0);
      expect(c.name_km).toMatch(/[\u1780-\u17FF]/);
    }
    expect(byId.get(cats.find((c) => c.name_km === 'កុំព្យូទ័រយួរដៃ')!.id)?.depth).toBe(0);

    // Every active product can be bought and shown.
    expect(
      await count(
        "SELECT COUNT(*) FROM products p WHERE p.status = 'active' " +
          'AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id)',
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT COUNT(*) FROM products p WHERE p.status = 'active' " +
          'AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id)',
      ),
    ).toBe(0);
    const keys = await query<{ file_key: string }>('SELECT DISTINCT file_key FROM product_images');
    for (const { file_key } of keys)
      for (const size of ['sm', 'md', 'lg'])
        expect(fs.existsSync(path.join(uploadDir, 'products', `${file_key}-${size}.webp`)), `${file_key}-${size}`).toBe(
          true,
        );

    expect(await count('SELECT COUNT(*) - COUNT(DISTINCT sku) FROM variants')).toBe(0);
    const barcodes = await query<{ barcode: string }>('SELECT barcode FROM variants WHERE barcode IS NOT NULL');
    expect(barcodes.length).toBeGreaterThan(50);
    expect(barcodes.filter((b) => !isValidEan13(b.barcode))).toEqual([]);

    // Prices make sense: laptops $450–$2,800, cost 70–90 % of price, about a quarter on deal.
    const [laptops] = await query<{ lo: string; hi: string }>(
      'SELECT MIN(v.price) lo, MAX(v.price) hi FROM variants v JOIN products p ON p.id = v.product_id ' +
        "JOIN product_types t ON t.id = p.product_type_id WHERE t.code = 'laptop'",
    );
    expect(Number(laptops!.lo)).toBeGreaterThanOrEqual(450);
    expect(Number(laptops!.hi)).toBeLessThanOrEqual(2800);
    expect(
      await count('SELECT COUNT(*) FROM variants WHERE cost_price < price * 0.69 OR cost_price > price * 0.91'),
    ).toBe(0);
    const deals = await count("SELECT COUNT(*) FROM products WHERE has_deal = 1 AND status = 'active'");
    expect(deals).toBeGreaterThan(40);
    expect(await count('SELECT COUNT(*) FROM variants WHERE stock = 0')).toBeGreaterThan(0);
    expect(
      await count('SELECT COUNT(*) FROM variants WHERE stock > 0 AND stock <= low_stock_threshold'),
    ).toBeGreaterThan(0);

    // Specs are typed: a laptop's RAM is a number in GB.
    const [ram] = await query<{ value_text: string; value_number: string; unit: string }>(
      'SELECT ps.value_text, ps.value_number, sa.unit FROM product_specs ps ' +
        'JOIN spec_attributes sa ON sa.id = ps.attribute_id JOIN products p ON p.id = ps.product_id ' +
        "WHERE p.slug = 'asus-tuf-gaming-a15-fa507nv' AND sa.code = 'ram'",
    );
    expect(ram).toEqual({ value_text: '16', value_number: '16.000', unit: 'GB' });

    await expectStockLedgerMatches();
    await expectSummaryColumnsConsistent();
    const ids = (await query<{ id: number }>('SELECT id FROM products ORDER BY id')).map((r) => Number(r.id));
    await expectSummariesMatchService(ids.filter((_, i) => i % 7 === 0));
  }, 120_000);

  it('run a second time — creates nothing and changes no rows', async () => {
    await seedDemoShop();
    const first = await tableCounts();
    const summary = await seedDemoShop();
    expect(summary).toContain(
      'this run created 0 products, 0 variants, 0 images, 0 categories, 0 brands, 0 demo customers',
    );
    expect(await tableCounts()).toEqual(first);
  }, 120_000);

  it('with { products: 2000 } — adds generated products in bulk with correct stock ledger and summaries, ' +
    'and a second run adds none', async () => {
    await seedDemoShop({ products: 2000 });
    expect(await count('SELECT COUNT(*) FROM products')).toBe(2000);
    expect(await count('SELECT COUNT(*) FROM variants')).toBeGreaterThanOrEqual(2000);
    expect(await count('SELECT COUNT(*) - COUNT(DISTINCT sku) FROM variants')).toBe(0);
    expect(await count('SELECT COUNT(*) - COUNT(DISTINCT barcode) FROM variants WHERE barcode IS NOT NULL')).toBe(0);
    expect(
      await count(
        'SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id)',
      ),
    ).toBe(0);
    // Generated products reuse the small pool of pictures instead of drawing new ones.
    expect(await count('SELECT COUNT(DISTINCT file_key) FROM product_images')).toBeLessThan(300);
    await expectStockLedgerMatches();
    await expectSummaryColumnsConsistent();
    const generated = (await query<{ id: number }>('SELECT id FROM products ORDER BY id DESC LIMIT 40')).map((r) =>
      Number(r.id),
    );
    await expectSummariesMatchService(generated);

    const before = await tableCounts();
    await seedDemoShop({ products: 2000 });
    expect(await tableCounts()).toEqual(before);
  }, 120_000);

  it('with a products count that is not a whole number — refuses and writes nothing', async () => {
    await expect(seedDemoShop({ products: Number('lots') })).rejects.toThrow('--products');
    expect(await count('SELECT COUNT(*) FROM products')).toBe(0);
  });
});
