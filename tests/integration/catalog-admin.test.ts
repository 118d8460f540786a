import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { config } from '../../src/config/env.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { createCategory, createProduct, createProductType } from '../helpers/catalog.js';

const productFields = (categoryId: number, extra: Record<string, string> = {}) => ({
  name: 'Lenovo LOQ 15 Gaming',
  nameKm: '',
  slug: '',
  categoryId: String(categoryId),
  brandId: '',
  productTypeId: '',
  status: 'active',
  warrantyMonths: '24',
  shortDescription: 'RTX 4050, 144 Hz',
  description: '**Fast**',
  descriptionKm: '',
  seoTitle: '',
  seoDescription: '',
  ...extra,
});
const variantFields = (extra: Record<string, string> = {}) => ({
  sku: 'LEN-LOQ15-16',
  barcode: '',
  options: 'RAM=16 GB',
  price: '899.00',
  compareAtPrice: '',
  costPrice: '760.00',
  lowStockThreshold: '3',
  initialStock: '5',
  ...extra,
});
const files = () =>
  fs.existsSync(path.join(config.UPLOAD_DIR, 'products'))
    ? fs
        .readdirSync(path.join(config.UPLOAD_DIR, 'products'))
        .filter((f) => f.endsWith('.webp'))
        .sort()
    : [];

async function upload(agent: Agent, productId: number, list: { buf: Buffer; name: string }[]) {
  const _csrf = await csrfFrom(agent, `/admin/products/${productId}`);
  let req = agent
    .post(`/admin/products/${productId}/images`)
    .set('Accept', 'text/html')
    .field('_csrf', _csrf)
    .field('alt', 'Front');
  for (const f of list) req = req.attach('images', f.buf, f.name);
  return req;
}

describe('/admin/categories', () => {
  it(
    'creates, renames, moves with the subtree paths, refuses a move into its own subtree, ' +
      'and refuses deleting a used category',
    async () => {
      const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
      await postForm(admin, '/admin/categories', { name: 'Components', slug: '', parentId: '', position: '1' });
      const [components] = await query<{ id: number; path: string; slug: string }>(
        "SELECT * FROM categories WHERE slug = 'components'",
      );
      expect(components!.path).toBe(`/${components!.id}/`);
      await postForm(admin, '/admin/categories', {
        name: 'Memory (RAM)',
        slug: 'memory',
        parentId: String(components!.id),
        position: '0',
      });
      const [memory] = await query<{ id: number; path: string; depth: number }>(
        "SELECT * FROM categories WHERE slug = 'memory'",
      );
      await postForm(admin, '/admin/categories', {
        name: 'DDR5',
        slug: 'ddr5',
        parentId: String(memory!.id),
        position: '0',
      });
      const dup = await postForm(admin, '/admin/categories', {
        name: 'Another',
        slug: 'memory',
        parentId: '',
        position: '0',
      });
      expect(dup.status).toBe(422);
      expect(dup.text).toContain('already used');
      await postForm(admin, '/admin/categories', { name: 'Upgrades', slug: 'upgrades', parentId: '', position: '2' });
      const [upgrades] = await query<{ id: number; path: string }>("SELECT * FROM categories WHERE slug = 'upgrades'");
      // Move Memory (with DDR5 below it) under Upgrades.
      const moved = await postForm(admin, `/admin/categories/${memory!.id}`, {
        name: 'Memory',
        slug: 'memory',
        parentId: String(upgrades!.id),
        position: '0',
        isActive: '1',
      });
      expect(moved.status).toBe(303);
      const rows = await query<{ slug: string; path: string; depth: number; name: string }>(
        "SELECT slug, path, depth, name FROM categories WHERE slug IN ('memory', 'ddr5') ORDER BY depth",
      );
      expect(rows[0]).toMatchObject({
        slug: 'memory',
        name: 'Memory',
        path: `${upgrades!.path}${memory!.id}/`,
        depth: 1,
      });
      expect(rows[1]!.path).toMatch(new RegExp(`^${upgrades!.path}${memory!.id}/\\d+/$`));
      expect(rows[1]!.depth).toBe(2);
      const [ddr5] = await query<{ id: number }>("SELECT id FROM categories WHERE slug = 'ddr5'");
      const loop = await postForm(admin, `/admin/categories/${memory!.id}`, {
        name: 'Memory',
        slug: 'memory',
        parentId: String(ddr5!.id),
        position: '0',
        isActive: '1',
      });
      expect(loop.status).toBe(422);
      expect(loop.text).toContain('cannot move into itself');
      await createProduct({ name: 'Kingston DDR5', categoryId: ddr5!.id });
      const del = await postForm(
        admin,
        `/admin/categories/${ddr5!.id}/delete`,
        { confirm: 'yes' },
        '/admin/categories',
      );
      expect(del.status).toBe(409);
      expect(del.text).toContain('has products');
      const delParent = await postForm(
        admin,
        `/admin/categories/${memory!.id}/delete`,
        { confirm: 'yes' },
        '/admin/categories',
      );
      expect(delParent.text).toContain('has subcategories');
      expect(await query('SELECT id FROM categories')).toHaveLength(4);
      // Deactivating hides it from the store.
      await postForm(admin, `/admin/categories/${upgrades!.id}`, {
        name: 'Upgrades',
        slug: 'upgrades',
        parentId: '',
        position: '2',
      });
      expect(
        (await query<{ is_active: number }>('SELECT is_active FROM categories WHERE id = ?', [upgrades!.id]))[0]!
          .is_active,
      ).toBe(0);
    },
  );
});

describe('deleting a category asks first', () => {
  it('without the confirm box nothing is deleted; with it the empty category goes', async () => {
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const empty = await createCategory({ name: 'Fax machines' });
    const page = (await admin.get('/admin/categories')).text;
    expect(page).toContain('Yes, delete the category “Fax machines”');
    const unconfirmed = await postForm(admin, `/admin/categories/${empty.id}/delete`, {}, '/admin/categories');
    expect(unconfirmed.status).toBe(303);
    expect(await query('SELECT id FROM categories WHERE id = ?', [empty.id])).toHaveLength(1);
    const confirmed = await postForm(
      admin,
      `/admin/categories/${empty.id}/delete`,
      { confirm: 'yes' },
      '/admin/categories',
    );
    expect(confirmed.status).toBe(303);
    expect(await query('SELECT id FROM categories WHERE id = ?', [empty.id])).toHaveLength(0);
  });
});

describe('/admin/products', () => {
  it(
    'an admin creates a product with a first variant: initial stock through the ledger, summary columns set; ' +
      'staff cannot create',
    async () => {
      const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
      const app = newApp();
      const staff = await loginAs(app, await createUser({ role: 'staff' }));
      expect(
        (
          await postForm(
            staff,
            '/admin/products',
            { ...productFields(cat.id), ...variantFields() },
            '/admin/products/new',
          )
        ).status,
      ).toBe(403);
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      const res = await postForm(
        admin,
        '/admin/products',
        { ...productFields(cat.id), ...variantFields() },
        '/admin/products/new',
      );
      expect(res.status).toBe(303);
      const [p] = await query<Record<string, unknown>>("SELECT * FROM products WHERE slug = 'lenovo-loq-15-gaming'");
      expect(p).toMatchObject({
        status: 'active',
        min_price: '899.00',
        total_stock: 5,
        in_stock: 1,
        warranty_months: 24,
      });
      expect(p!.published_at).toBeInstanceOf(Date);
      expect(await query('SELECT delta, reason FROM stock_movements')).toEqual([{ delta: 5, reason: 'initial' }]);
      const [v] = await query<{ sku: string; title: string; options: string }>(
        'SELECT sku, title, options FROM variants',
      );
      expect(v).toMatchObject({ sku: 'LEN-LOQ15-16', title: '16 GB' });
      expect(typeof v!.options === 'string' ? JSON.parse(v!.options) : v!.options).toEqual({ RAM: '16 GB' });
    },
  );

  it('bad input re-renders 422 with values kept: price, duplicate SKU, compare-at not above price', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    await createProduct({ name: 'Existing', categoryId: cat.id, variants: [{ sku: 'TAKEN-1', price: '5.00' }] });
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const badPrice = await postForm(
      admin,
      '/admin/products',
      { ...productFields(cat.id), ...variantFields({ price: 'abc' }) },
      '/admin/products/new',
    );
    expect(badPrice.status).toBe(422);
    expect(badPrice.text).toContain('value="Lenovo LOQ 15 Gaming"');
    const dupSku = await postForm(
      admin,
      '/admin/products',
      { ...productFields(cat.id), ...variantFields({ sku: 'TAKEN-1' }) },
      '/admin/products/new',
    );
    expect(dupSku.status).toBe(422);
    expect(dupSku.text).toContain('This SKU is already used');
    const compare = await postForm(
      admin,
      '/admin/products',
      { ...productFields(cat.id), ...variantFields({ compareAtPrice: '800.00' }) },
      '/admin/products/new',
    );
    expect(compare.status).toBe(422);
    expect(compare.text).toContain('must be higher than the price');
    expect(await query('SELECT id FROM products')).toHaveLength(1);
  });

  it('edits details and typed specs; a non-number for a number spec is a 422', async () => {
    const type = await createProductType('laptop', [
      { code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' },
      { code: 'cpu', name: 'CPU' },
    ]);
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const p = await createProduct({ name: 'Acer Aspire 5', categoryId: cat.id, productTypeId: type.id });
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const bad = await postForm(
      admin,
      `/admin/products/${p.id}/specs`,
      { spec_ram: 'sixteen', spec_cpu: 'Core i5' },
      `/admin/products/${p.id}`,
    );
    expect(bad.status).toBe(422);
    expect(await query('SELECT * FROM product_specs')).toHaveLength(0);
    await postForm(
      admin,
      `/admin/products/${p.id}/specs`,
      { spec_ram: '16', spec_cpu: 'Core i5-1335U' },
      `/admin/products/${p.id}`,
    );
    expect(await query('SELECT value_text, value_number FROM product_specs ORDER BY attribute_id')).toEqual([
      { value_text: '16', value_number: '16.000' },
      { value_text: 'Core i5-1335U', value_number: null },
    ]);
    // The spec values are in the search words: "i5" (short: w_i5) and the model "1335u".
    const [{ search_text: searchText }] = (await query<{ search_text: string }>(
      'SELECT search_text FROM products WHERE id = ?',
      [p.id],
    )) as [{ search_text: string }];
    expect(searchText.split(' ')).toEqual(expect.arrayContaining(['w_i5', '1335u', '16gb']));
    await postForm(
      admin,
      `/admin/products/${p.id}`,
      {
        ...productFields(cat.id, {
          name: 'Acer Aspire 5 A515',
          slug: 'acer-aspire-5',
          status: 'draft',
          productTypeId: String(type.id),
        }),
      },
      `/admin/products/${p.id}`,
    );
    expect(
      (await query<{ name: string; status: string }>('SELECT name, status FROM products WHERE id = ?', [p.id]))[0],
    ).toEqual({ name: 'Acer Aspire 5 A515', status: 'draft' });
  });

  it('generates 3 × 2 variants with unique SKUs; running it again adds none', async () => {
    const cat = await createCategory({ name: 'Mice', slug: 'mice' });
    const p = await createProduct({
      name: 'Logitech Pebble',
      categoryId: cat.id,
      variants: [{ sku: 'LOG-PEB', price: '19.00' }],
    });
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const body = {
      options: 'Colour: Graphite, Rose, Blue\nConnection: Bluetooth, USB',
      skuBase: 'LOG-PEB2',
      price: '21.00',
      costPrice: '14.00',
    };
    expect((await postForm(admin, `/admin/products/${p.id}/generate`, body, `/admin/products/${p.id}`)).status).toBe(
      303,
    );
    const rows = await query<{ sku: string; title: string }>(
      'SELECT sku, title FROM variants WHERE product_id = ? AND sku <> ? ORDER BY id',
      [p.id, 'LOG-PEB'],
    );
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.sku)).size).toBe(6);
    expect(rows[0]).toEqual({ sku: 'LOG-PEB2-GRAPHITE-BLUETOOT', title: 'Graphite / Bluetooth' });
    await postForm(admin, `/admin/products/${p.id}/generate`, body, `/admin/products/${p.id}`);
    expect(await query('SELECT id FROM variants WHERE product_id = ?', [p.id])).toHaveLength(7);
    const staff = await loginAs(newApp(), await createUser({ role: 'staff' }));
    expect((await postForm(staff, `/admin/products/${p.id}/generate`, body, `/admin/products/${p.id}`)).status).toBe(
      403,
    );
  });

  it('staff may edit a variant but get 403 when changing its price, and nothing is saved', async () => {
    const cat = await createCategory({ name: 'Mice', slug: 'mice' });
    const p = await createProduct({
      name: 'Logitech M90',
      categoryId: cat.id,
      variants: [{ sku: 'LOG-M90', price: '6.00', costPrice: '4.00', lowStockThreshold: 3 }],
    });
    const v = p.variants[0]!;
    const staff = await loginAs(newApp(), await createUser({ role: 'staff' }));
    // The staff form has no cost field (cost prices are admin-only), so a browser never sends one.
    const base = {
      sku: 'LOG-M90',
      barcode: '',
      options: '',
      price: '6.00',
      compareAtPrice: '',
      lowStockThreshold: '5',
      isActive: '1',
    };
    expect(
      (
        await postForm(
          staff,
          `/admin/products/${p.id}/variants/${v.id}`,
          { ...base, price: '5.00' },
          `/admin/products/${p.id}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await postForm(
          staff,
          `/admin/products/${p.id}/variants/${v.id}`,
          { ...base, costPrice: '1.00' },
          `/admin/products/${p.id}`,
        )
      ).status,
    ).toBe(403);
    // Even the right cost is refused: answering 303 for it would tell staff the cost.
    expect(
      (
        await postForm(
          staff,
          `/admin/products/${p.id}/variants/${v.id}`,
          { ...base, costPrice: '4.00' },
          `/admin/products/${p.id}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await query<{ price: string; cost_price: string; low_stock_threshold: number }>(
          'SELECT price, cost_price, low_stock_threshold FROM variants WHERE id = ?',
          [v.id],
        )
      )[0],
    ).toEqual({ price: '6.00', cost_price: '4.00', low_stock_threshold: 3 });
    expect(
      (await postForm(staff, `/admin/products/${p.id}/variants/${v.id}`, base, `/admin/products/${p.id}`)).status,
    ).toBe(303);
    expect(
      (
        await query<{ low_stock_threshold: number }>('SELECT low_stock_threshold FROM variants WHERE id = ?', [v.id])
      )[0]!.low_stock_threshold,
    ).toBe(5);
  });

  it('a customer gets 403 on /admin/products', async () => {
    expect((await (await loginAs(newApp(), await createUser())).get('/admin/products')).status).toBe(403);
  });
});

describe('product images', () => {
  const png = (w = 800, h = 600) =>
    sharp({ create: { width: w, height: h, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();

  it('uploads several images as WebP in three sizes; reorder, primary and delete', async () => {
    const cat = await createCategory({ name: 'Monitors', slug: 'monitors' });
    const p = await createProduct({ name: 'Dell S2421H', categoryId: cat.id });
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const res = await upload(admin, p.id, [
      { buf: await png(), name: 'front.png' },
      { buf: await png(640, 480), name: 'side.jpg' },
    ]);
    expect(res.status).toBe(303);
    const imgs = await query<{ id: number; file_key: string; position: number; alt: string }>(
      'SELECT * FROM product_images ORDER BY position',
    );
    expect(imgs).toHaveLength(2);
    for (const img of imgs)
      for (const size of ['sm', 'md', 'lg'])
        expect(fs.existsSync(path.join(config.UPLOAD_DIR, 'products', `${img.file_key}-${size}.webp`))).toBe(true);
    expect(
      (await query<{ primary_image: string }>('SELECT primary_image FROM products WHERE id = ?', [p.id]))[0]!
        .primary_image,
    ).toBe(imgs[0]!.file_key);
    await postForm(admin, `/admin/products/${p.id}/images/${imgs[1]!.id}/primary`, {}, `/admin/products/${p.id}`);
    expect(
      (await query<{ primary_image: string }>('SELECT primary_image FROM products WHERE id = ?', [p.id]))[0]!
        .primary_image,
    ).toBe(imgs[1]!.file_key);
    await postForm(admin, `/admin/products/${p.id}/images/${imgs[1]!.id}/delete`, {}, `/admin/products/${p.id}`);
    expect(await query('SELECT id FROM product_images')).toHaveLength(1);
    expect(fs.existsSync(path.join(config.UPLOAD_DIR, 'products', `${imgs[1]!.file_key}-md.webp`))).toBe(false);
    const media = await (await import('supertest'))
      .default(newApp())
      .get(`/media/products/${imgs[0]!.file_key}-md.webp`);
    expect(media.status).toBe(200);
    expect(media.headers['cache-control']).toContain('immutable');
  });

  it.each([
    [
      'a renamed text file',
      async () => Buffer.from('just some text, honestly'),
      'photo.png',
      'not a JPEG, PNG, WebP or AVIF',
    ],
    [
      'an image over 8 MB',
      async () =>
        Buffer.concat([
          await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
            .png()
            .toBuffer(),
          Buffer.alloc(8 * 1024 * 1024 + 1),
        ]),
      'big.png',
      'larger than 8 MB',
    ],
    [
      'a pixel bomb (100 megapixels)',
      async () =>
        sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#fff' } })
          .png({ compressionLevel: 9 })
          .toBuffer(),
      'bomb.png',
      'too many pixels',
    ],
  ])(
    '%s is refused with a clear message and leaves no row and no file',
    async (_label, make, name, message) => {
      const cat = await createCategory({ name: 'Monitors', slug: 'monitors' });
      const p = await createProduct({ name: 'Dell S2421H', categoryId: cat.id });
      const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
      const before = files();
      const res = await upload(admin, p.id, [
        { buf: await png(), name: 'good.png' },
        { buf: await make(), name },
      ]);
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(await query('SELECT id FROM product_images')).toHaveLength(0);
      expect(files()).toEqual(before);
    },
    60_000,
  );
});
