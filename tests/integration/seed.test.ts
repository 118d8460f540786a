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
const { createUser, loginAs, newApp } = await import('../helpers/http.js');
const { salesReport } = await import('../../src/modules/reports/summary-reports.js');
const { translator } = await import('../../src/lib/i18n.js');
const { shopDay } = await import('../../src/domain/shop-time.js');
const { daysBefore } = await import('../../src/modules/reports/summaries.js');
const { computeChange } = await import('../../src/modules/pos/pos-math.js');
const { getSettings } = await import('../../src/modules/settings/settings.service.js');
const { centsToDecimal, centsToRiel, toCents } = await import('../../src/domain/money.js');
const { SOLD_STATUSES } = await import('../../src/domain/order-states.js');
const { config } = await import('../../src/config/env.js');

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
  'addresses',
  'orders',
  'order_lines',
  'order_status_log',
  'payments',
  'payment_proofs',
  'refunds',
  'page_views',
  'invoice_counters',
  'settings',
];
const tableCounts = async () =>
  Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, await count(`SELECT COUNT(*) FROM ${t}`)] as const)),
  );

const SUMMARY = 'id, min_price, max_price, total_stock, in_stock, has_deal, primary_image, search_name, search_text';

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
    // The history is only written when asked for (the CLI asks): none here.
    expect(await count('SELECT COUNT(*) FROM orders')).toBe(0);
    // Laptops sold in several RAM sizes carry each variant's own RAM as a spec (the product page and filters use it).
    expect(
      await count(`SELECT COUNT(*) FROM variants v
        WHERE JSON_EXISTS(v.options, '$.RAM') AND NOT EXISTS (SELECT 1 FROM variant_specs vs
          JOIN spec_attributes sa ON sa.id = vs.attribute_id AND sa.code = 'ram' WHERE vs.variant_id = v.id)`),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM variants WHERE JSON_EXISTS(options, '$.RAM')")).toBeGreaterThan(20);

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

    // Dozens of products are named and described in Khmer: the kind of product in Khmer, brand and model as sold.
    const khmer = await query<{ name: string; name_km: string; description_km: string | null }>(
      "SELECT name, name_km, description_km FROM products WHERE status = 'active' AND name_km IS NOT NULL",
    );
    expect(khmer.length).toBeGreaterThanOrEqual(30);
    for (const p of khmer) {
      expect(p.name_km).toMatch(/^[\u1780-\u17FF]/);
      expect(p.name_km.endsWith(p.name)).toBe(true);
      expect(p.description_km).toMatch(/[\u1780-\u17FF]{10}/);
    }

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
    const summary = await seedDemoShop({ history: false });
    expect(await count('SELECT COUNT(*) FROM orders')).toBe(0);
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
  it('with { history: true } — 90 days of customers, orders in every state, counter sales, payments, refunds, ' +
    'stock through the ledger and traffic that the dashboard, queue and reports show; a second run adds nothing', async () => {
    const started = Date.now();
    const summary = await seedDemoShop({ history: true });
    const seconds = (Date.now() - started) / 1000;
    expect(summary).toMatch(/history \([\d.]+ s\): \d+ online orders/);
    expect(seconds).toBeLessThan(60);

    // Online orders in every state; counter sales by two cashiers; repeat customers.
    const states = (await query<{ status: string }>("SELECT DISTINCT status FROM orders WHERE channel = 'online'")).map(
      (r) => r.status,
    );
    // Every state of the KHQR life cycle (the pay-later states have no flow to imitate yet).
    expect(states.sort()).toEqual(
      [
        'pending_payment',
        'payment_submitted',
        'paid',
        'processing',
        'ready_for_pickup',
        'shipped',
        'completed',
        'cancelled',
        'refunded',
      ].sort(),
    );
    expect(await count("SELECT COUNT(*) FROM orders WHERE channel = 'online'")).toBeGreaterThan(300);
    const cashiers = await query<{ role: string; n: number }>(
      "SELECT u.role, COUNT(*) n FROM orders o JOIN users u ON u.id = o.cashier_id WHERE o.channel = 'counter' GROUP BY u.id",
    );
    expect(cashiers.length).toBe(2);
    for (const c of cashiers) {
      expect(c.role).toBe('staff');
      expect(Number(c.n)).toBeGreaterThan(50);
    }
    expect(
      await count(
        'SELECT COUNT(*) FROM (SELECT user_id FROM orders WHERE user_id IS NOT NULL GROUP BY user_id HAVING COUNT(*) >= 3) x',
      ),
    ).toBeGreaterThanOrEqual(10);
    // Every address is a reserved example one; walk-in customers added by phone at the repair counter have
    // none (.invalid is never delivered).
    expect(
      await count(
        "SELECT COUNT(*) FROM users WHERE email NOT LIKE '%@example.com' AND email NOT LIKE 'walk-in-%@customers.invalid'",
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM repairs WHERE status IN ('collected', 'returned')")).toBe(2);
    expect(
      await count("SELECT COUNT(*) FROM orders WHERE customer_email <> '' AND customer_email NOT LIKE '%@example.com'"),
    ).toBe(0);

    // The ledger: every variant's stock is the sum of its movements, each row chains from the one before.
    expect(
      await query(`SELECT v.id FROM variants v LEFT JOIN stock_movements m ON m.variant_id = v.id
        GROUP BY v.id, v.stock HAVING v.stock <> COALESCE(SUM(m.delta), 0) OR v.stock < 0`),
    ).toEqual([]);
    expect(
      await query(`SELECT id FROM (SELECT id, delta, stock_before, stock_after,
          LAG(stock_after) OVER (PARTITION BY variant_id ORDER BY id) prev,
          LAG(created_at) OVER (PARTITION BY variant_id ORDER BY id) prev_at, created_at FROM stock_movements) x
        WHERE stock_after <> stock_before + delta OR stock_after < 0 OR stock_before <> COALESCE(prev, 0)
           OR created_at < prev_at`),
    ).toEqual([]);
    // Sold units left through the ledger: each order's 'sale' rows are its lines; cancelled orders got theirs back.
    expect(
      await query(`SELECT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id
        LEFT JOIN (SELECT order_id, variant_id, SUM(IF(reason = 'sale', -delta, 0)) sold, SUM(IF(reason = 'order_cancelled', delta, 0)) back
                     FROM stock_movements WHERE order_id IS NOT NULL GROUP BY order_id, variant_id) m
          ON m.order_id = o.id AND m.variant_id = l.variant_id
        WHERE COALESCE(m.sold, 0) <> l.quantity OR (o.status = 'cancelled' AND COALESCE(m.back, 0) <> l.quantity)`),
    ).toEqual([]);
    expect(await count("SELECT COUNT(*) FROM stock_movements WHERE reason = 'restock'")).toBeGreaterThan(0);
    // Suppliers and a purchase order in every state; goods received through the ledger, at the orders' costs.
    expect(await query('SELECT DISTINCT status FROM purchase_orders ORDER BY status')).toEqual(
      ['draft', 'ordered', 'partly_received', 'received', 'cancelled'].map((status) => ({ status })),
    );
    // Laptops tracked by serial: every unit in stock is a unit with a serial.
    expect(
      await query(`SELECT v.id FROM variants v WHERE v.tracks_serials = 1 AND v.stock <>
        (SELECT COUNT(*) FROM serial_units u WHERE u.variant_id = v.id AND u.status = 'in_stock')`),
    ).toEqual([]);
    expect(await count("SELECT COUNT(*) FROM serial_units WHERE status = 'in_stock'")).toBeGreaterThan(0);
    expect(
      await count(`SELECT COUNT(*) FROM purchase_order_lines l JOIN (SELECT order_line_id, SUM(quantity) q
        FROM goods_receipt_lines WHERE order_line_id IS NOT NULL GROUP BY order_line_id) r ON r.order_line_id = l.id
        WHERE r.q <> l.received_quantity`),
    ).toBe(0);
    expect(await count("SELECT SUM(delta) FROM stock_movements WHERE reason = 'purchase'")).toBe(
      await count('SELECT SUM(quantity) FROM goods_receipt_lines'),
    );
    expect(
      await count(
        'SELECT COUNT(*) FROM variants v JOIN products p ON p.id = v.product_id ' +
          "WHERE p.status = 'active' AND v.stock <= v.low_stock_threshold",
      ),
    ).toBeGreaterThan(0);
    await expectSummaryColumnsConsistent();

    // Money: what was paid is the total (Bakong or cash), or an approved screenshot paid it; refunds within it.
    const sold = await query<{
      id: number;
      grand_total: string;
      khr_per_usd: number;
      usd: string | null;
      khr: string | null;
      proofs: number;
      refunded_amount: string;
      refunds: string | null;
      status: string;
    }>(
      `SELECT o.id, o.grand_total, o.khr_per_usd, o.status, o.refunded_amount,
         (SELECT SUM(amount) FROM payments p WHERE p.order_id = o.id AND p.status = 'paid' AND currency = 'USD') usd,
         (SELECT SUM(amount) FROM payments p WHERE p.order_id = o.id AND p.status = 'paid' AND currency = 'KHR') khr,
         (SELECT COUNT(*) FROM payment_proofs pp WHERE pp.order_id = o.id AND pp.status = 'approved') proofs,
         (SELECT SUM(amount) FROM refunds f WHERE f.order_id = o.id) refunds
       FROM orders o WHERE o.status IN (?)`,
      [SOLD_STATUSES],
    );
    expect(sold.length).toBeGreaterThan(500);
    for (const o of sold) {
      // A KHQR in riel is paid in whole riel at the order's rate.
      if (Number(o.proofs) > 0) expect([o.usd, o.khr]).toEqual([null, null]);
      else if (o.khr !== null)
        expect([o.usd, Number(o.khr)]).toEqual([null, centsToRiel(toCents(o.grand_total), o.khr_per_usd)]);
      else expect(o.usd, `order ${o.id}`).toBe(o.grand_total);
      expect(toCents(o.refunds ?? '0')).toBe(toCents(o.refunded_amount));
      expect(toCents(o.refunded_amount)).toBeLessThanOrEqual(toCents(o.grand_total));
      if (o.status === 'refunded') expect(o.refunded_amount).toBe(o.grand_total);
    }
    expect(await count('SELECT COUNT(*) FROM refunds')).toBeGreaterThanOrEqual(3);
    expect(
      await count(
        "SELECT COUNT(*) FROM payments WHERE method = 'khqr' AND status = 'paid' AND transaction_hash IS NOT NULL",
      ),
    ).toBeGreaterThan(100);
    expect(
      await count(
        "SELECT COUNT(*) FROM orders WHERE status IN ('pending_payment', 'cancelled') AND (paid_at IS NOT NULL OR invoice_number IS NOT NULL)",
      ),
    ).toBe(0);

    // Counter cash as the till computes it: change and riel rounding from what was handed over.
    const { cashRoundingKhr } = await getSettings();
    const cash = await query<Record<string, string | number | null>>(
      `SELECT o.grand_total, o.payment_method, o.cash_tendered_usd, o.cash_tendered_khr, o.change_usd, o.change_khr,
         o.cash_rounding_khr, (SELECT SUM(amount) FROM payments p WHERE p.order_id = o.id AND p.method = 'khqr') khqr
       FROM orders o WHERE o.channel = 'counter' AND o.payment_method <> 'khqr'`,
    );
    expect(cash.filter((c) => Number(c.cash_tendered_khr) > 0).length).toBeGreaterThan(10);
    for (const c of cash) {
      const change = computeChange({
        totalCents: toCents(String(c.grand_total)),
        khqrCents: toCents(String(c.khqr ?? '0')),
        tenderedUsdCents: toCents(String(c.cash_tendered_usd)),
        tenderedKhr: Number(c.cash_tendered_khr),
        rate: config.KHR_PER_USD,
        stepKhr: cashRoundingKhr,
      });
      expect(change.enough).toBe(true);
      expect([toCents(String(c.change_usd)), Number(c.change_khr), Number(c.cash_rounding_khr)]).toEqual([
        change.changeUsdCents,
        change.changeKhr,
        change.roundingKhr,
      ]);
    }

    // Invoice numbers: every sold order has one, gapless per year in order of payment, the counter at the last.
    const invoices = await query<{ invoice_number: string | null; year: number }>(
      `SELECT invoice_number, YEAR(CONVERT_TZ(paid_at, '+00:00', '+07:00')) year FROM orders
        WHERE status IN (?) ORDER BY paid_at, id`,
      [SOLD_STATUSES],
    );
    const perYear = new Map<number, number>();
    for (const i of invoices) {
      const n = (perYear.get(Number(i.year)) ?? 0) + 1;
      perYear.set(Number(i.year), n);
      expect(i.invoice_number).toBe(`INV-${i.year}-${String(n).padStart(6, '0')}`);
    }
    for (const [year, n] of perYear)
      expect(await count('SELECT last_number FROM invoice_counters WHERE year = ?', [year])).toBe(n);

    // The sales report over the 90 days is the sum of the sold orders placed then.
    const today = shopDay();
    const range = { from: daysBefore(today, 89), to: today, group: 'day' as const };
    const report = await salesReport(range, translator('en'));
    const rows = report.tables.find((x) => x.id === 'sales')!.rows;
    const [expected] = await query<{ total: string }>(
      `SELECT SUM(grand_total) total FROM orders
        WHERE status IN (?) AND DATE(CONVERT_TZ(placed_at, '+00:00', '+07:00')) BETWEEN ? AND ?`,
      [SOLD_STATUSES, range.from, range.to],
    );
    expect(rows.at(-1)!.total).toBe(centsToDecimal(toCents(expected!.total)));
    expect(toCents(expected!.total)).toBeGreaterThan(0);

    // Traffic for the report: product views, searches with terms and result counts, cart adds, orders.
    for (const kind of ['page', 'product', 'search', 'cart_add', 'order'])
      expect(await count('SELECT COUNT(*) FROM page_views WHERE kind = ?', [kind]), kind).toBeGreaterThan(50);
    expect(await count("SELECT COUNT(*) FROM page_views WHERE kind = 'search' AND search_results = 0")).toBeGreaterThan(
      0,
    );
    expect(await count('SELECT COUNT(DISTINCT day) FROM page_views')).toBe(90);

    // The back office: the dashboard has figures, the queue the waiting screenshots with their pictures.
    const admin = await createUser({ role: 'admin' });
    const agent = await loginAs(newApp(), admin);
    const dash = await agent.get('/admin').set('Accept', 'text/html');
    expect(dash.status).toBe(200);
    const last30 = /data-stat="last30">([^<]+)</.exec(dash.text)?.[1];
    expect(last30).toMatch(/\$[\d,]+\.\d\d/);
    expect(last30).not.toBe('$0.00');
    expect(/data-stat="awaiting">(\d+)</.exec(dash.text)?.[1]).toBe('4');
    const queue = await agent.get('/admin/payments').set('Accept', 'text/html');
    expect(queue.status).toBe(200);
    const waiting = await query<{ id: number; number: string }>(
      `SELECT pp.id, o.number FROM payment_proofs pp JOIN orders o ON o.id = pp.order_id
        WHERE pp.status = 'submitted' AND o.status = 'payment_submitted'`,
    );
    expect(waiting.length).toBe(4);
    for (const w of waiting) {
      expect(queue.text).toContain(w.number);
      const image = await agent.get(`/admin/payments/proofs/${w.id}/image`);
      expect(image.status).toBe(200);
      expect(image.headers['content-type']).toMatch(/^image\//);
    }

    // A second run finds the history and adds nothing.
    const before = await tableCounts();
    expect(await seedDemoShop({ history: true })).toContain('history already seeded');
    expect(await tableCounts()).toEqual(before);
  }, 180_000);
});
