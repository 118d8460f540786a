import ExcelJS from 'exceljs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.js';
import { flushPageViews } from '../../src/modules/analytics/tracking.js';
import { SHOP_UTC_OFFSET } from '../../src/domain/shop-time.js';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp, type Agent } from '../helpers/http.js';
import { createBrand, createCategory, createProduct } from '../helpers/catalog.js';

// Local Phnom Penh time → UTC for the placed_at column.
const at = (local: string) => new Date(`${local}${SHOP_UTC_OFFSET}`);
let n = 0;
async function order(
  o: {
    channel?: string;
    status: string;
    userId?: number | null;
    cashierId?: number | null;
    placed: string;
    subtotal: string;
    discount?: string;
    delivery?: string;
    grand: string;
    method: string;
    refunded?: string;
  },
  lines: {
    productId: number;
    name: string;
    sku: string;
    qty: number;
    unit: string;
    cost: string;
    total: string;
    returned?: number;
  }[],
) {
  n++;
  const res = (await query(
    `INSERT INTO orders (number, channel, status, user_id, cashier_id, customer_name, customer_email, customer_phone,
      delivery_method, subtotal, discount_total, delivery_fee, grand_total, khr_per_usd, payment_method, placed_at,
      refunded_amount)
    VALUES (?, ?, ?, ?, ?, 'C', 'c@example.com', '+85512345678', 'pickup', ?, ?, ?, ?, 4100, ?, ?, ?)`,
    [
      `CS-260301-${String(200000 + n)}`,
      o.channel ?? 'online',
      o.status,
      o.userId ?? null,
      o.cashierId ?? null,
      o.subtotal,
      o.discount ?? '0.00',
      o.delivery ?? '0.00',
      o.grand,
      o.method,
      at(o.placed),
      o.refunded ?? '0.00',
    ],
  )) as unknown as { insertId: number };
  for (const l of lines) {
    await query(
      `INSERT INTO order_lines
        (order_id, product_id, product_name, sku, unit_price, cost_price, quantity, line_total, returned_quantity)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [res.insertId, l.productId, l.name, l.sku, l.unit, l.cost, l.qty, l.total, l.returned ?? 0],
    );
  }
  return res.insertId;
}

async function history() {
  const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const mice = await createCategory({ name: 'Mice', slug: 'mice' });
  const laptop = await createProduct({
    name: 'Laptop X',
    categoryId: laptops.id,
    brandId: (await createBrand('Asus')).id,
    variants: [{ sku: 'LX', price: '500.00', costPrice: '400.00', stock: 3 }],
  });
  const mouse = await createProduct({
    name: 'Mouse M',
    categoryId: mice.id,
    brandId: (await createBrand('Logitech')).id,
    variants: [{ sku: 'MM', price: '10.00', costPrice: '12.00', stock: 10 }],
  });
  const customer = await createUser({ name: 'Sokha Chan', email: 'sokha@example.com' });
  const cashier = await createUser({ role: 'staff', name: 'Dara Cashier' });
  await order(
    {
      status: 'completed',
      userId: customer.id,
      placed: '2026-03-02T10:00:00',
      subtotal: '1000.00',
      delivery: '2.00',
      grand: '1002.00',
      method: 'khqr',
    },
    [{ productId: laptop.id, name: 'Laptop X', sku: 'LX', qty: 2, unit: '500.00', cost: '400.00', total: '1000.00' }],
  );
  await order(
    {
      channel: 'counter',
      status: 'completed',
      cashierId: cashier.id,
      placed: '2026-03-03T15:00:00',
      subtotal: '30.00',
      discount: '5.00',
      grand: '25.00',
      method: 'cash',
    },
    [{ productId: mouse.id, name: 'Mouse M', sku: 'MM', qty: 3, unit: '10.00', cost: '12.00', total: '30.00' }],
  );
  const c = await order(
    {
      status: 'refunded',
      userId: customer.id,
      placed: '2026-03-09T09:00:00',
      subtotal: '500.00',
      grand: '500.00',
      method: 'khqr',
      refunded: '500.00',
    },
    [
      {
        productId: laptop.id,
        name: 'Laptop X',
        sku: 'LX',
        qty: 1,
        unit: '500.00',
        cost: '400.00',
        total: '500.00',
        returned: 1,
      },
    ],
  );
  await query(
    "INSERT INTO refunds (order_id, amount, reason, method, created_at) VALUES (?, '500.00', 'Returned', 'khqr', ?)",
    [c, at('2026-03-10T11:00:00')],
  );
  await order(
    { status: 'pending_payment', placed: '2026-03-03T12:00:00', subtotal: '99.00', grand: '99.00', method: 'khqr' },
    [],
  );
  await order(
    { status: 'cancelled', placed: '2026-03-04T12:00:00', subtotal: '77.00', grand: '77.00', method: 'khqr' },
    [],
  );
  const pv = (
    day: string,
    kind: string,
    path: string,
    visitor: string,
    term: string | null = null,
    results: number | null = null,
  ) =>
    query(
      `INSERT INTO page_views (viewed_at, day, kind, path, visitor, search_term, search_results)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [at(`${day}T12:00:00`), day, kind, path, visitor, term, results],
    );
  await pv('2026-03-02', 'page', '/', 'v1v1v1v1v1v1v1v1');
  await pv('2026-03-02', 'product', '/p/laptop-x', 'v1v1v1v1v1v1v1v1');
  await pv('2026-03-02', 'page', '/', 'v2v2v2v2v2v2v2v2');
  await pv('2026-03-02', 'cart_add', '/cart/items', 'v1v1v1v1v1v1v1v1');
  await pv('2026-03-02', 'order', '/checkout/place', 'v1v1v1v1v1v1v1v1');
  await pv('2026-03-02', 'search', '/search', 'v2v2v2v2v2v2v2v2', 'gaming', 5);
  await pv('2026-03-02', 'search', '/search', 'v2v2v2v2v2v2v2v2', 'espresso', 0);
  await pv('2026-03-03', 'cart_add', '/cart/items', 'v3v3v3v3v3v3v3v3');
  return { customer, cashier };
}

const range = 'preset=custom&from=2026-03-01&to=2026-03-10';
function table(html: string, id: string): string[][] {
  const t = new RegExp(`<table data-report-table="${id}">([\\s\\S]*?)</table>`).exec(html);
  if (!t) return [];
  return [...t[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .slice(1)
    .map((r) => [...r[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]!));
}
async function admin(): Promise<Agent> {
  return loginAs(newApp(), await createUser({ role: 'admin' }));
}

describe('/admin/reports', () => {
  it('staff and customers get 403 on every report and export', async () => {
    const app = newApp();
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    for (const kind of ['sales', 'profit', 'products', 'customers', 'staff', 'traffic']) {
      expect((await staff.get(`/admin/reports/${kind}`)).status).toBe(403);
      expect((await staff.get(`/admin/reports/${kind}?format=csv`)).status).toBe(403);
    }
    expect((await (await loginAs(app, await createUser())).get('/admin/reports/profit')).status).toBe(403);
  });

  it('sales: every figure to the cent by day and week, refunds on the day repaid; by channel and method', async () => {
    await history();
    const a = await admin();
    const day = table((await a.get(`/admin/reports/sales?${range}&group=day`)).text, 'sales');
    expect(day).toEqual([
      ['2026-03-02', '1', '2', '$1,000.00', '$0.00', '$2.00', '$0.00', '$1,002.00', '$0.00', '$1,002.00'],
      ['2026-03-03', '1', '3', '$30.00', '$5.00', '$0.00', '$0.00', '$25.00', '$0.00', '$25.00'],
      ['2026-03-09', '1', '1', '$500.00', '$0.00', '$0.00', '$0.00', '$500.00', '$0.00', '$500.00'],
      ['2026-03-10', '0', '0', '$0.00', '$0.00', '$0.00', '$0.00', '$0.00', '$500.00', '-$500.00'],
      ['Total', '3', '6', '$1,530.00', '$5.00', '$2.00', '$0.00', '$1,527.00', '$500.00', '$1,027.00'],
    ]);
    const week = table((await a.get(`/admin/reports/sales?${range}&group=week`)).text, 'sales');
    expect(week.map((r) => [r[0], r[1], r[7], r[8], r[9]])).toEqual([
      ['2026-03-02', '2', '$1,027.00', '$0.00', '$1,027.00'],
      ['2026-03-09', '1', '$500.00', '$500.00', '$0.00'],
      ['Total', '3', '$1,527.00', '$500.00', '$1,027.00'],
    ]);
    const page = (await a.get(`/admin/reports/sales?${range}`)).text;
    expect(table(page, 'channels')).toEqual([
      ['Online', '2', '$1,502.00'],
      ['Counter', '1', '$25.00'],
    ]);
    expect(table(page, 'methods')).toEqual([
      ['Cash', '1', '$25.00'],
      ['KHQR', '2', '$1,502.00'],
    ]);
  });

  it('profit by product, category and brand, with the product sold below cost flagged', async () => {
    await history();
    const page = (await (await admin()).get(`/admin/reports/profit?${range}`)).text;
    expect(table(page, 'products')).toEqual([
      ['Laptop X', '2', '$1,000.00', '$800.00', '$200.00', '20.0%', ''],
      ['Mouse M', '3', '$30.00', '$36.00', '-$6.00', '-20.0%', 'Sold below cost'],
    ]);
    expect(table(page, 'categories')).toEqual([
      ['Laptops', '2', '$1,000.00', '$800.00', '$200.00', '20.0%'],
      ['Mice', '3', '$30.00', '$36.00', '-$6.00', '-20.0%'],
    ]);
    expect(table(page, 'brands').map((r) => r[0])).toEqual(['Asus', 'Logitech']);
  });

  it('products, customers and staff figures', async () => {
    await history();
    const a = await admin();
    const products = (await a.get(`/admin/reports/products?${range}`)).text;
    expect(table(products, 'best')).toEqual([
      ['MM', 'Mouse M', '3', '$30.00'],
      ['LX', 'Laptop X', '2', '$1,000.00'],
    ]);
    expect(table(products, 'value')).toEqual([['13', '$1,320.00']]); // 3 × 400 + 10 × 12
    const customers = (await a.get(`/admin/reports/customers?${range}`)).text;
    expect(table(customers, 'summary')).toEqual([['1', '$751.00', '100.0%', '1', '0']]);
    expect(table(customers, 'ltv')).toEqual([['Sokha Chan', 'sokha@example.com', '2', '$1,002.00']]);
    const weekly = (await a.get(`/admin/reports/customers?${range}&group=week`)).text;
    expect(table(weekly, 'periods')).toEqual([
      ['2026-03-02', '1', '0'],
      ['2026-03-09', '0', '1'],
    ]);
    expect(table((await a.get(`/admin/reports/staff?${range}`)).text, 'cashiers')).toEqual([
      ['Dara Cashier', '1', '$25.00', '$0.00'],
    ]);
  });

  it('traffic: daily views and visitors, top pages and searches, empty searches, funnel and abandonment', async () => {
    await history();
    const page = (await (await admin()).get(`/admin/reports/traffic?${range}`)).text;
    expect(table(page, 'daily')).toEqual([
      ['2026-03-02', '5', '2'],
      ['2026-03-03', '0', '0'],
    ]);
    expect(table(page, 'funnel')).toEqual([['1', '2', '1', '50.0%']]);
    expect(table(page, 'pages')[0]).toEqual(['/', '2']);
    expect(table(page, 'terms')).toEqual([
      ['espresso', '1'],
      ['gaming', '1'],
    ]);
    expect(table(page, 'empty')).toEqual([['espresso', '1']]);
  });

  it('CSV and XLSX exports hold exactly what is on screen, with number and date cells in XLSX', async () => {
    await history();
    const a = await admin();
    const csv = parseCsv((await a.get(`/admin/reports/sales?${range}&format=csv`)).text);
    expect(csv[0]).toEqual(['Sales by period']);
    expect(csv[1]).toEqual([
      'Period',
      'Orders',
      'Items',
      'Goods',
      'Discounts',
      'Delivery',
      'VAT',
      'Total',
      'Refunds',
      'Net',
    ]);
    expect(csv[6]).toEqual(['Total', '3', '6', '1530.00', '5.00', '2.00', '0.00', '1527.00', '500.00', '1027.00']);
    const res = await a
      .get(`/admin/reports/traffic?${range}&format=xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const daily = book.worksheets[0]!;
    expect(daily.getRow(1).values).toEqual([undefined, 'Day', 'Page views', 'Visitors']);
    expect(daily.getCell('A2').value).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(daily.getCell('B2').value).toBe(5);
    const salesRes = await a
      .get(`/admin/reports/sales?${range}&format=xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const sales = new ExcelJS.Workbook();
    await sales.xlsx.load(salesRes.body as never);
    const s = sales.worksheets[0]!;
    expect(s.getCell('H6').value).toBe(1527);
    expect(s.getCell('J5').value).toBe(-500);
    expect(typeof s.getCell('B2').value).toBe('number');
  });

  it.each(['sales', 'profit', 'products', 'customers', 'staff', 'traffic'])(
    '%s: the CSV and the XLSX hold every figure shown on the page',
    async (kind) => {
      await history();
      const a = await admin();
      const html = (await a.get(`/admin/reports/${kind}?${range}`)).text;
      const csv = parseCsv((await a.get(`/admin/reports/${kind}?${range}&format=csv`)).text);
      const res = await a
        .get(`/admin/reports/${kind}?${range}&format=xlsx`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as never);
      const ids = [...html.matchAll(/data-report-table="([a-z]+)"/g)].map((m) => m[1]!);
      // On screen: "$1,002.00", "20.0%", "1,234"; in files: plain numbers.
      const plain = (s: string) => s.replace(/[$,%]/g, '');
      let sheetIndex = 0;
      let csvRow = 0;
      for (const title of [...html.matchAll(/<h2 id="tbl-([a-z]+)">/g)].map((m) => m[1]!)) {
        const screen = table(html, title);
        // CSV: title row, header row, then the rows.
        while (csvRow < csv.length && csv[csvRow]!.length !== 1) csvRow++;
        const fileRows = [];
        csvRow += 2;
        while (csvRow < csv.length && csv[csvRow]!.length > 1) fileRows.push(csv[csvRow++]!);
        const sheet = book.worksheets[sheetIndex++]!;
        if (!ids.includes(title)) continue;
        expect(
          fileRows.map((r) => r.map(plain)),
          `${kind}/${title} csv`,
        ).toEqual(screen.map((r) => r.map(plain)));
        screen.forEach((cells, i) => {
          cells.forEach((cell, j) => {
            const v = sheet.getRow(i + 2).getCell(j + 1).value;
            const text = v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v);
            if (/^-?[\d,.]+%?$/.test(plain(cell)) && plain(cell) !== '')
              expect(typeof v, `${kind}/${title} r${i} c${j}`).toBe(v instanceof Date ? 'object' : 'number');
            expect(Number.isNaN(Number(plain(cell))) ? text : Number(text), `${kind}/${title} r${i} c${j}`).toEqual(
              Number.isNaN(Number(plain(cell))) ? plain(cell) : Number(plain(cell)),
            );
          });
        });
      }
    },
  );

  it('the app records page views: a visitor hash (no IP), bots skipped, searches with result counts', async () => {
    await createCategory({ name: 'Laptops', slug: 'laptops' });
    const app = newApp();
    const ua = 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36';
    await request(app).get('/').set('User-Agent', ua);
    await request(app).get('/search?q=Espresso').set('User-Agent', ua);
    await request(app).get('/').set('User-Agent', 'Googlebot/2.1');
    await request(app).get('/admin').set('User-Agent', ua);
    await flushPageViews();
    const rows = await query<{
      kind: string;
      path: string;
      visitor: string;
      search_term: string | null;
      search_results: number | null;
    }>('SELECT kind, path, visitor, search_term, search_results FROM page_views ORDER BY id');
    expect(rows.map((r) => [r.kind, r.path, r.search_term, r.search_results])).toEqual([
      ['page', '/', null, null],
      ['search', '/search', 'espresso', 0],
    ]);
    expect(rows[0]!.visitor).toMatch(/^[0-9a-f]{16}$/);
    expect(rows[0]!.visitor).toBe(rows[1]!.visitor);
    expect(JSON.stringify(rows)).not.toContain('127.0.0.1');
  });
});
