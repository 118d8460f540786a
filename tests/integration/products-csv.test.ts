import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from '../../src/lib/csv.js';
import { COLUMNS } from '../../src/modules/catalog-admin/products-csv.service.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, type Agent } from '../helpers/http.js';
import { createBrand, createCategory, createProduct } from '../helpers/catalog.js';

const header = csvLine([...COLUMNS]);
const row = (o: Partial<Record<(typeof COLUMNS)[number], string>>) =>
  csvLine(
    COLUMNS.map(
      (c) =>
        ({
          product_slug: 'asus-vivobook-15',
          product_name: 'ASUS Vivobook 15',
          product_name_km: '',
          brand: 'Asus',
          category_slug: 'laptops',
          product_type: '',
          status: 'active',
          warranty_months: '12',
          short_description: '',
          sku: 'ASU-VB15-8',
          barcode: '',
          options: 'RAM=8 GB',
          price: '429.00',
          compare_at_price: '',
          cost_price: '360.00',
          stock: '4',
          low_stock_threshold: '2',
          ...o,
        })[c],
    ),
  );

async function importCsv(agent: Agent, text: string) {
  const _csrf = await csrfFrom(agent, '/admin/products/import');
  return agent
    .post('/admin/products/import')
    .set('Accept', 'text/html')
    .field('_csrf', _csrf)
    .attach('file', Buffer.from(text), 'products.csv');
}
async function waitForJob(agent: Agent, location: string) {
  for (let i = 0; i < 100; i++) {
    const res = await agent.get(location).set('Accept', 'application/json');
    if (res.body.status !== 'importing') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}
const counts = async () => ({
  products: (await query('SELECT id FROM products')).length,
  variants: (await query('SELECT id FROM variants')).length,
  brands: (await query('SELECT id FROM brands')).length,
  movements: (await query('SELECT id FROM stock_movements')).length,
});

describe('product CSV', () => {
  it('export: every variant with its product, quoted correctly; staff get 403', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const brand = await createBrand('Dell');
    await createProduct({
      name: 'Dell Inspiron 15, "Silver" edition',
      slug: 'dell-inspiron-15',
      categoryId: cat.id,
      brandId: brand.id,
      variants: [
        { sku: 'DEL-INS15-A', price: '549.00', costPrice: '470.00', stock: 3 },
        { sku: 'DEL-INS15-B', price: '649.00', stock: 1, options: { RAM: '16 GB' } },
      ],
    });
    const app = newApp();
    expect(
      (await (await loginAs(app, await createUser({ role: 'staff' }))).get('/admin/products/export.csv')).status,
    ).toBe(403);
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const res = await admin.get('/admin/products/export.csv');
    expect(res.headers['content-type']).toContain('text/csv');
    const table = parseCsv(res.text);
    expect(table[0]).toEqual([...COLUMNS]);
    expect(table).toHaveLength(3);
    const rec = (r: string[]) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]]));
    expect(rec(table[1]!)).toMatchObject({
      product_slug: 'dell-inspiron-15',
      product_name: 'Dell Inspiron 15, "Silver" edition',
      brand: 'Dell',
      category_slug: 'laptops',
      sku: 'DEL-INS15-A',
      price: '549.00',
      cost_price: '470.00',
      stock: '3',
    });
    expect(rec(table[2]!)).toMatchObject({ sku: 'DEL-INS15-B', options: 'RAM=16 GB' });
  });

  it(
    'import: creates products, variants and brands, ' +
      'updates an existing SKU and writes stock changes to the ledger',
    async () => {
      const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
      await createProduct({
        name: 'Old name',
        slug: 'asus-vivobook-15',
        categoryId: cat.id,
        variants: [{ sku: 'ASU-VB15-8', price: '450.00', stock: 10 }],
      });
      const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
      const csv =
        header +
        row({ stock: '7', price: '429.00' }) +
        row({ sku: 'ASU-VB15-16', options: 'RAM=16 GB', price: '499.00', stock: '2' }) +
        row({
          product_slug: 'hp-15s',
          product_name: 'HP 15s',
          brand: 'HP',
          sku: 'HP-15S-1',
          price: '399.00',
          stock: '0',
        });
      const res = await importCsv(admin, csv);
      expect(res.status).toBe(303);
      const job = await waitForJob(admin, res.headers.location!);
      expect(job).toMatchObject({ status: 'done', total: 3, created: 2, updated: 1 });
      expect(
        (
          await query<{ name: string; min_price: string; total_stock: number }>(
            "SELECT name, min_price, total_stock FROM products WHERE slug = 'asus-vivobook-15'",
          )
        )[0],
      ).toEqual({ name: 'ASUS Vivobook 15', min_price: '429.00', total_stock: 9 });
      expect(
        await query(
          "SELECT delta, stock_before, stock_after FROM stock_movements WHERE reason = 'import' ORDER BY delta",
        ),
      ).toEqual([
        { delta: -3, stock_before: 10, stock_after: 7 },
        { delta: 2, stock_before: 0, stock_after: 2 },
      ]);
      expect(await query('SELECT name FROM brands ORDER BY name')).toEqual([{ name: 'Asus' }, { name: 'HP' }]);
      expect(
        await query<{ sku: string }>(
          "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id WHERE p.slug = 'hp-15s'",
        ),
      ).toEqual([{ sku: 'HP-15S-1' }]);
    },
  );

  it('import: one bad row among good ones lists every problem by row and column and changes nothing', async () => {
    await createCategory({ name: 'Laptops', slug: 'laptops' });
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const before = await counts();
    const csv =
      header +
      row({}) +
      row({ sku: 'GOOD-2' }) +
      row({ sku: 'BAD-3', price: '12.345', category_slug: 'nope' }) +
      row({ sku: 'ASU-VB15-8' });
    const res = await importCsv(admin, csv);
    expect(res.status).toBe(422);
    const cells = [
      ...res.text.matchAll(/<tr><td class="num">(\d+)<\/td><td><code>([a-z_]+)<\/code><\/td><td>([^<]+)</g),
    ].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(cells).toEqual([
      [4, 'category_slug', 'No category has this slug.'],
      [4, 'price', 'Enter an amount in dollars, e.g. 1.50.'],
      [5, 'sku', 'This SKU appears twice in the file.'],
    ]);
    expect(res.text).toContain('Nothing was imported');
    expect(await counts()).toEqual(before);
  });

  it('import: a missing column or a non-text file is refused clearly; staff get 403', async () => {
    const app = newApp();
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const noCol = await importCsv(admin, 'product_slug,sku\nx,y\n');
    expect(noCol.status).toBe(422);
    expect(noCol.text).toContain('This column is missing');
    const binary = await importCsv(admin, '\u0000\u0001PNG');
    expect(binary.status).toBe(422);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await staff.get('/admin/products/import')).status).toBe(403);
  });

  it('round trip: exporting and importing the same file changes nothing but stamps no movement', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    await createProduct({
      name: 'Acer Swift 3',
      slug: 'acer-swift-3',
      categoryId: cat.id,
      variants: [{ sku: 'ACR-SF3', price: '699.00', costPrice: '590.00', stock: 6 }],
    });
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const exported = (await admin.get('/admin/products/export.csv')).text;
    const before = await counts();
    const res = await importCsv(admin, exported);
    const job = await waitForJob(admin, res.headers.location!);
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 1 });
    expect(await counts()).toEqual(before);
    expect(
      (await query<{ price: string; stock: number }>("SELECT price, stock FROM variants WHERE sku = 'ACR-SF3'"))[0],
    ).toEqual({ price: '699.00', stock: 6 });
  });

  it(
    'round trip: ' + 'a name a spreadsheet would run as a formula is exported escaped and imported back unchanged',
    async () => {
      const cat = await createCategory({ name: 'Mice', slug: 'mice' });
      await createProduct({
        name: '-50% Gaming Mouse',
        slug: 'gaming-mouse',
        categoryId: cat.id,
        variants: [{ sku: 'GM-1', price: '19.00', stock: 3 }],
      });
      const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
      const exported = (await admin.get('/admin/products/export.csv')).text;
      expect(parseCsv(exported)[1]![1]).toBe("'-50% Gaming Mouse");
      const job = await waitForJob(admin, (await importCsv(admin, exported)).headers.location!);
      expect(job).toMatchObject({ status: 'done', updated: 1 });
      expect(await query("SELECT name FROM products WHERE slug = 'gaming-mouse'")).toEqual([
        { name: '-50% Gaming Mouse' },
      ]);
    },
  );

  it(
    'import: a new SKU joins its existing product after the other variants; ' + 'the progress page works without JS',
    async () => {
      const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
      await createProduct({
        name: 'ASUS Vivobook 15',
        slug: 'asus-vivobook-15',
        categoryId: cat.id,
        variants: [{ sku: 'ASU-VB15-8', price: '429.00', stock: 4, options: { RAM: '8 GB' } }],
      });
      const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
      const res = await importCsv(
        admin,
        header +
          row({}) +
          row({
            sku: 'ASU-VB15-32',
            barcode: '4711387123456',
            options: 'RAM=32 GB',
            price: '599.00',
            compare_at_price: '649.00',
            stock: '1',
          }),
      );
      expect(res.status).toBe(303);
      await waitForJob(admin, res.headers.location!);
      expect(
        await query(
          'SELECT sku, position, title, barcode, compare_at_price, stock, low_stock_alert FROM variants ' +
            'ORDER BY position',
        ),
      ).toEqual([
        {
          sku: 'ASU-VB15-8',
          position: 0,
          title: '8 GB',
          barcode: null,
          compare_at_price: null,
          stock: 4,
          low_stock_alert: 'ok',
        },
        {
          sku: 'ASU-VB15-32',
          position: 1,
          title: '32 GB',
          barcode: '4711387123456',
          compare_at_price: '649.00',
          stock: 1,
          low_stock_alert: 'pending',
        },
      ]);
      expect(
        (
          await query(
            "SELECT min_price, max_price, total_stock, has_deal FROM products WHERE slug = 'asus-vivobook-15'",
          )
        )[0],
      ).toEqual({ min_price: '429.00', max_price: '599.00', total_stock: 5, has_deal: 1 });
      const page = await admin.get(res.headers.location!).set('Accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Done: 1 variants created, 1 updated.');
      expect(page.text).toContain(`<a href="${res.headers.location}">Refresh</a>`);
      expect((await admin.get('/admin/products/import/nope').set('Accept', 'text/html')).status).toBe(404);
    },
  );

  it(
    'import: compare-at not above the price, a taken barcode, a bad status and a too-long brand are row errors; ' +
      'nothing changes',
    async () => {
      const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
      await createProduct({
        name: 'Other',
        slug: 'other',
        categoryId: cat.id,
        variants: [{ sku: 'OTH-1', barcode: '1111', price: '5.00', stock: 1 }],
      });
      const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
      const before = await counts();
      const res = await importCsv(
        admin,
        header +
          row({ compare_at_price: '429.00' }) +
          row({ sku: 'X-2', barcode: '1111' }) +
          row({ sku: 'X-3', status: 'live', brand: 'B'.repeat(81) }) +
          row({ sku: 'OTH-1' }),
      );
      expect(res.status).toBe(422);
      const cells = [...res.text.matchAll(/<tr><td class="num">(\d+)<\/td><td><code>([a-z_]+)<\/code>/g)].map(
        (m) => `${m[1]}:${m[2]}`,
      );
      expect(cells).toEqual(['2:compare_at_price', '3:barcode', '4:brand', '4:status', '5:sku']);
      expect(await counts()).toEqual(before);
    },
  );
});
