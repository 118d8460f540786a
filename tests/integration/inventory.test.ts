import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';
import { createBrand, createCategory, createProduct } from '../helpers/catalog.js';
import { barcodeSymbology } from '../../src/modules/inventory/inventory.service.js';

async function stockFixture() {
  const components = await createCategory({ name: 'Components', slug: 'components' });
  const ram = await createCategory({ name: 'Memory', slug: 'memory', parentId: components.id });
  const other = await createCategory({ name: 'Cables', slug: 'cables' });
  const kingston = await createBrand('Kingston');
  const a = await createProduct({
    name: 'Kingston FURY 16GB',
    categoryId: ram.id,
    brandId: kingston.id,
    variants: [
      { sku: 'KF-16', barcode: '0740617330960', price: '59.00', costPrice: '45.00', stock: 2, lowStockThreshold: 3 },
    ],
  });
  const b = await createProduct({
    name: 'Kingston FURY 32GB',
    categoryId: ram.id,
    brandId: kingston.id,
    variants: [{ sku: 'KF-32', price: '109.00', stock: 0 }],
  });
  const c = await createProduct({
    name: 'HDMI Cable 2m',
    categoryId: other.id,
    variants: [{ sku: 'HDMI-2M', price: '4.00', stock: 40 }],
  });
  return { components, kingston, a: a.variants[0]!, b: b.variants[0]!, c: c.variants[0]! };
}
const stock = async (id: number) =>
  (await query<{ stock: number; cost_price: string }>('SELECT stock, cost_price FROM variants WHERE id = ?', [id]))[0]!;

describe('/admin/inventory', () => {
  it('filters by category subtree, brand, low stock and out of stock', async () => {
    const f = await stockFixture();
    const staff = await loginAs(newApp(), await createUser({ role: 'staff' }));
    const skus = async (qs: string) =>
      [...(await staff.get(`/admin/inventory?${qs}`)).text.matchAll(/<td>(KF-16|KF-32|HDMI-2M)/g)]
        .map((m) => m[1])
        .sort();
    expect(await skus('')).toEqual(['HDMI-2M', 'KF-16', 'KF-32']);
    expect(await skus(`category=${f.components.id}`)).toEqual(['KF-16', 'KF-32']);
    expect(await skus(`brand=${f.kingston.id}`)).toEqual(['KF-16', 'KF-32']);
    expect(await skus('filter=low')).toEqual(['KF-16']);
    expect(await skus('filter=out')).toEqual(['KF-32']);
    expect(await skus('q=HDMI')).toEqual(['HDMI-2M']);
  });

  it(
    'restock with a unit cost (admin): ledger row with who, before, after and cost; ' +
      'cost price and product stock updated',
    async () => {
      const f = await stockFixture();
      const adminUser = await createUser({ role: 'admin' });
      const admin = await loginAs(newApp(), adminUser);
      const res = await postForm(admin, `/admin/inventory/${f.a.id}`, {
        reason: 'restock',
        quantity: '10',
        unitCost: '43.50',
        note: 'PO 1182',
      });
      expect(res.status).toBe(303);
      expect(await stock(f.a.id)).toEqual({ stock: 12, cost_price: '43.50' });
      expect(
        await query(
          'SELECT delta, stock_before, stock_after, reason, user_id, unit_cost, note FROM stock_movements ' +
            "WHERE reason = 'restock'",
        ),
      ).toEqual([
        {
          delta: 10,
          stock_before: 2,
          stock_after: 12,
          reason: 'restock',
          user_id: adminUser.id,
          unit_cost: '43.50',
          note: 'PO 1182',
        },
      ]);
      expect(
        (
          await query<{ total_stock: number; in_stock: number }>(
            'SELECT total_stock, in_stock FROM products WHERE id = (SELECT product_id FROM variants WHERE id = ?)',
            [f.a.id],
          )
        )[0],
      ).toEqual({ total_stock: 12, in_stock: 1 });
      expect((await admin.get(`/admin/inventory/${f.a.id}`)).text).toContain('2 → 12');
    },
  );

  it('damage beyond the stock is a 422 and writes nothing; a correction sets the counted quantity', async () => {
    const f = await stockFixture();
    const staff = await loginAs(newApp(), await createUser({ role: 'staff' }));
    const tooMany = await postForm(staff, `/admin/inventory/${f.a.id}`, { reason: 'damage', quantity: '5' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('cannot go below zero');
    expect((await stock(f.a.id)).stock).toBe(2);
    expect(await query("SELECT id FROM stock_movements WHERE reason = 'damage'")).toHaveLength(0);
    await postForm(staff, `/admin/inventory/${f.c.id}`, {
      reason: 'correction',
      quantity: '37',
      note: 'Monthly count',
    });
    expect((await stock(f.c.id)).stock).toBe(37);
    expect(
      await query("SELECT delta, stock_before, stock_after FROM stock_movements WHERE reason = 'correction'"),
    ).toEqual([{ delta: -3, stock_before: 40, stock_after: 37 }]);
    const same = await postForm(staff, `/admin/inventory/${f.c.id}`, { reason: 'correction', quantity: '37' });
    expect(same.status).toBe(422);
    expect(same.text).toContain('nothing to change');
    const bad = await postForm(staff, `/admin/inventory/${f.c.id}`, { reason: 'restock', quantity: 'ten' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="ten"');
    const minus = await postForm(staff, `/admin/inventory/${f.c.id}`, { reason: 'damage', quantity: '-99999' });
    expect(minus.status).toBe(422);
    expect(minus.text).toContain('without a minus sign');
    const huge = await postForm(staff, `/admin/inventory/${f.c.id}`, { reason: 'restock', quantity: '99999999' });
    expect(huge.status).toBe(422);
    expect(huge.text).toContain('at most 999,999');
    expect((await stock(f.c.id)).stock).toBe(37);
  });

  it('staff cannot change cost prices (403, nothing written); customers get 403', async () => {
    const f = await stockFixture();
    const app = newApp();
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const res = await postForm(staff, `/admin/inventory/${f.a.id}`, {
      reason: 'restock',
      quantity: '1',
      unitCost: '1.00',
    });
    expect(res.status).toBe(403);
    expect(await stock(f.a.id)).toEqual({ stock: 2, cost_price: '45.00' });
    expect(await query("SELECT id FROM stock_movements WHERE reason = 'restock'")).toHaveLength(0);
    expect((await postForm(staff, `/admin/inventory/${f.a.id}`, { reason: 'restock', quantity: '1' })).status).toBe(
      303,
    );
    expect((await stock(f.a.id)).stock).toBe(3);
    expect((await (await loginAs(app, await createUser())).get('/admin/inventory')).status).toBe(403);
  });

  it(
    'POST /admin/inventory/:id — when an admin restocks without a unit cost — ' +
      're-renders 422 with values kept and writes nothing',
    async () => {
      const f = await stockFixture();
      const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
      const res = await postForm(admin, `/admin/inventory/${f.a.id}`, {
        reason: 'restock',
        quantity: '4',
        note: 'PO 77',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('An admin restock needs the unit cost.');
      expect(res.text).toContain('value="PO 77"');
      expect(await stock(f.a.id)).toEqual({ stock: 2, cost_price: '45.00' });
      expect(await query("SELECT id FROM stock_movements WHERE reason = 'restock'")).toHaveLength(0);
      const ret = await postForm(admin, `/admin/inventory/${f.a.id}`, { reason: 'return', quantity: '1' });
      expect(ret.status).toBe(303);
      expect(
        await query("SELECT delta, stock_before, stock_after, unit_cost FROM stock_movements WHERE reason = 'return'"),
      ).toEqual([{ delta: 1, stock_before: 2, stock_after: 3, unit_cost: null }]);
    },
  );

  it('GET /admin/inventory/:id — movement history newest first, paginated; costs shown to admins only', async () => {
    const f = await stockFixture();
    const values = Array.from(
      { length: 24 },
      (_, i) => `(${f.c.id}, 1, ${40 + i}, ${41 + i}, 'return', 'note-${i + 1}')`,
    ).join(', ');
    await query(
      `INSERT INTO stock_movements (variant_id, delta, stock_before, stock_after, reason, note) VALUES ${values}`,
    );
    const app = newApp();
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const first = (await admin.get(`/admin/inventory/${f.c.id}`)).text;
    const notes = (html: string) => [...html.matchAll(/note-(\d+)</g)].map((m) => Number(m[1]));
    expect(notes(first)).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i));
    expect(first).toContain(`href="/admin/inventory/${f.c.id}?page=2"`);
    const second = (await admin.get(`/admin/inventory/${f.c.id}?page=2`)).text;
    expect(notes(second)).toEqual([4, 3, 2, 1]);
    expect(second).toContain('Initial stock');
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await admin.get('/admin/inventory')).text).toContain('$45.00');
    expect((await staff.get('/admin/inventory')).text).not.toContain('$45.00');
    expect((await staff.get(`/admin/inventory/${f.c.id}`)).text).not.toContain('Unit cost');
  });

  it('GET /admin/inventory — pagination keeps the filters in the links', async () => {
    const cat = await createCategory({ name: 'Mice', slug: 'mice' });
    const logi = await createBrand('Logitech');
    for (let i = 0; i < 51; i++)
      await createProduct({
        name: `Mouse ${String(i).padStart(2, '0')}`,
        categoryId: cat.id,
        brandId: logi.id,
        variants: [{ sku: `M-${i}`, price: '9.00', stock: 1, lowStockThreshold: 2 }],
      });
    await createProduct({
      name: 'Other',
      categoryId: cat.id,
      variants: [{ sku: 'OTHER-1', price: '9.00', stock: 1, lowStockThreshold: 2 }],
    });
    const staff = await loginAs(newApp(), await createUser({ role: 'staff' }));
    const first = (await staff.get(`/admin/inventory?brand=${logi.id}&filter=low`)).text;
    expect(first).toContain('51 variants');
    expect(first).toContain(`href="?brand=${logi.id}&amp;filter=low&amp;page=2"`);
    const second = (await staff.get(`/admin/inventory?brand=${logi.id}&filter=low&page=2`)).text;
    expect([...second.matchAll(/<td>(M-\d+|OTHER-1)/g)]).toHaveLength(1);
    expect(second).toContain('rel="prev"');
  });

  it("labels print a variant's own EAN-13 / UPC-A / EAN-8 as such, anything else (SKUs, bad check digits) as Code 128", () => {
    expect(barcodeSymbology('4006381333931')).toBe('ean13');
    expect(barcodeSymbology('036000291452')).toBe('upca');
    expect(barcodeSymbology('96385074')).toBe('ean8');
    expect(barcodeSymbology('4006381333932')).toBe('code128');
    expect(barcodeSymbology('KF-16-3200')).toBe('code128');
  });

  it('prints Code 128 labels with name and price for several variants', async () => {
    const f = await stockFixture();
    const staff = await loginAs(newApp(), await createUser({ role: 'staff' }));
    const res = await staff.get(`/admin/inventory/labels?pick=${f.a.id}&pick=${f.c.id}`);
    expect(res.status).toBe(200);
    const imgs = [...res.text.matchAll(/<img src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((m) =>
      Buffer.from(m[1]!, 'base64').toString(),
    );
    expect(imgs).toHaveLength(2);
    expect(imgs[0]).toContain('<svg');
    expect(res.text).toContain('Kingston FURY 16GB');
    expect(res.text).toContain('$59.00');
    expect(res.text).toContain('$4.00');
  });
});
