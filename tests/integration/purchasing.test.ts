import { describe, expect, it } from 'vitest';
import { movingAverageCost } from '../../src/modules/purchasing/purchasing.service.js';
import type { Cents } from '../../src/domain/money.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';

const admin = async (): Promise<Agent> => loginAs(newApp(), await createUser({ role: 'admin' }));
const staff = async (): Promise<Agent> => loginAs(newApp(), await createUser({ role: 'staff' }));
const customer = async (): Promise<Agent> => loginAs(newApp(), await createUser({ role: 'customer' }));

const variant = async (id: number) =>
  (await query<{ stock: number; cost_price: string }>('SELECT stock, cost_price FROM variants WHERE id = ?', [id]))[0]!;
const order = async (id: number) =>
  (await query<{ status: string }>('SELECT status FROM purchase_orders WHERE id = ?', [id]))[0]!;
const lines = (orderId: number) =>
  query<{ id: number; variant_id: number; quantity: number; received_quantity: number; unit_cost: string }>(
    'SELECT * FROM purchase_order_lines WHERE purchase_order_id = ? ORDER BY id',
    [orderId],
  );

/** Two laptops in stock at a known cost, a supplier, and an admin's draft order for both, marked ordered. */
async function orderedPurchase(a: Agent) {
  const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const lap = await createProduct({
    name: 'Vivobook 15',
    categoryId: cat.id,
    variants: [{ sku: 'VB15', price: '799.00', stock: 4, costPrice: '600.00' }],
  });
  const mouse = await createProduct({
    name: 'MX Master',
    categoryId: cat.id,
    variants: [{ sku: 'MX3', barcode: '5099206092938', price: '99.00', stock: 0, costPrice: '0.00' }],
  });
  expect(
    (await postForm(a, '/admin/suppliers', { name: 'Shenzhen Parts Co', phone: '+86 755 1234 5678' })).status,
  ).toBe(303);
  const [supplier] = await query<{ id: number }>('SELECT id FROM suppliers');
  const created = await postForm(a, '/admin/purchase-orders', { supplierId: String(supplier!.id) });
  expect(created.status).toBe(303);
  const id = Number(/\/admin\/purchase-orders\/(\d+)/.exec(created.headers.location!)![1]);
  const page = `/admin/purchase-orders/${id}`;
  expect((await postForm(a, `${page}/lines`, { sku: 'VB15', quantity: '6', unitCost: '650.00' }, page)).status).toBe(
    303,
  );
  // A scanned barcode finds its variant too.
  expect(
    (await postForm(a, `${page}/lines`, { sku: '5099206092938', quantity: '10', unitCost: '55' }, page)).status,
  ).toBe(303);
  expect((await postForm(a, `${page}/order`, {}, page)).status).toBe(303);
  return { id, page, lap: lap.variants[0]!.id, mouse: mouse.variants[0]!.id };
}

describe('moving-average cost', () => {
  it('averages over the units on hand; with none on hand the new cost stands', () => {
    expect(movingAverageCost(4, 60_000 as Cents, 6, 65_000 as Cents)).toBe(63_000);
    expect(movingAverageCost(0, 60_000 as Cents, 3, 65_000 as Cents)).toBe(65_000);
    expect(movingAverageCost(-2, 60_000 as Cents, 3, 65_000 as Cents)).toBe(65_000);
    expect(movingAverageCost(1, 100 as Cents, 2, 101 as Cents)).toBe(101);
  });
});

describe('suppliers, purchase orders and receiving', () => {
  it('an admin orders from a supplier; staff receive part then the rest; stock, ledger and average cost follow', async () => {
    const a = await admin();
    const po = await orderedPurchase(a);
    expect((await order(po.id)).status).toBe('ordered');
    const [l1, l2] = await lines(po.id);

    // Staff receive 2 laptops and all 10 mice; they never see a cost on the way.
    const s = await staff();
    const staffPage = await s.get(po.page);
    expect(staffPage.status).toBe(200);
    expect(staffPage.text).not.toContain('650.00');
    expect(staffPage.text).not.toContain('55.00');
    const first = await postForm(s, `${po.page}/receive`, { [`q_${l1!.id}`]: '2', [`q_${l2!.id}`]: '10' });
    expect(first.status).toBe(303);
    expect((await order(po.id)).status).toBe('partly_received');
    expect(await variant(po.lap)).toEqual({ stock: 6, cost_price: '616.67' }); // (4 × 600 + 2 × 650) / 6
    expect(await variant(po.mouse)).toEqual({ stock: 10, cost_price: '55.00' });
    const ledger = await query<{ variant_id: number; delta: number; reason: string; unit_cost: string; note: string }>(
      "SELECT variant_id, delta, reason, unit_cost, note FROM stock_movements WHERE reason = 'purchase' ORDER BY id",
    );
    expect(ledger).toEqual([
      {
        variant_id: po.lap,
        delta: 2,
        reason: 'purchase',
        unit_cost: '650.00',
        note: `PO-${String(po.id).padStart(6, '0')}`,
      },
      {
        variant_id: po.mouse,
        delta: 10,
        reason: 'purchase',
        unit_cost: '55.00',
        note: `PO-${String(po.id).padStart(6, '0')}`,
      },
    ]);

    // More than is still to come: refused with the line's own message, nothing changes.
    const tooMany = await postForm(s, `${po.page}/receive`, { [`q_${l1!.id}`]: '5' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('Only 4 are still to come on this line.');
    expect(tooMany.text).toContain('value="5"');
    expect((await variant(po.lap)).stock).toBe(6);

    // The rest arrives: the order is received, and nothing more can come in on it.
    expect((await postForm(s, `${po.page}/receive`, { [`q_${l1!.id}`]: '4' })).status).toBe(303);
    expect((await order(po.id)).status).toBe('received');
    expect(await variant(po.lap)).toEqual({ stock: 10, cost_price: '630.00' });
    expect((await lines(po.id)).map((l) => l.received_quantity)).toEqual([6, 10]);
    expect((await postForm(s, `${po.page}/receive`, { [`q_${l1!.id}`]: '1' })).status).toBe(409);
    expect(await query('SELECT COUNT(*) AS n FROM goods_receipts')).toEqual([{ n: 2 }]);
  });

  it('every bad field at once: a supplier form keeps its values and names each problem', async () => {
    const a = await admin();
    const res = await postForm(a, '/admin/suppliers', {
      name: '',
      phone: 'call me',
      telegram: '@x',
      email: 'not-an-email',
      contactName: 'Sokha',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('This field is required.');
    expect(res.text).toContain('Enter a phone number');
    expect(res.text).toContain('Enter a Telegram username');
    expect(res.text).toContain('Enter a valid email address.');
    expect(res.text).toContain('value="Sokha"');
    expect(await query('SELECT COUNT(*) AS n FROM suppliers')).toEqual([{ n: 0 }]);
  });

  it('a draft takes lines only while it is a draft; an unknown SKU, a bad quantity and cost are all named', async () => {
    const a = await admin();
    const po = await orderedPurchase(a);
    const late = await postForm(a, `${po.page}/lines`, { sku: 'VB15', quantity: '1', unitCost: '1' }, po.page);
    expect(late.status).toBe(409);
    const [supplier] = await query<{ id: number }>('SELECT id FROM suppliers');
    const created = await postForm(a, '/admin/purchase-orders', { supplierId: String(supplier!.id) });
    const page = created.headers.location!;
    const bad = await postForm(a, `${page}/lines`, { sku: 'NOPE', quantity: '0', unitCost: 'abc' }, page);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('No item has this SKU or barcode.');
    expect(bad.text).toContain('Enter a whole number of units');
    expect(bad.text).toContain('Enter a unit cost in dollars, up to $100,000');
    // A cost no part has (found by an attacker: it overflowed the order list's total) is refused.
    const huge = await postForm(a, `${page}/lines`, { sku: 'MX3', quantity: '99999', unitCost: '999999999.99' }, page);
    expect(huge.status).toBe(422);
    expect(await query('SELECT COUNT(*) AS n FROM purchase_order_lines WHERE unit_cost > 100000')).toEqual([{ n: 0 }]);
    // An empty draft cannot be ordered; it can be cancelled.
    expect((await postForm(a, `${page}/order`, {}, page)).status).toBe(409);
    expect((await postForm(a, `${page}/cancel`, {}, page)).status).toBe(303);
    expect(
      (await query<{ status: string }>("SELECT status FROM purchase_orders WHERE status = 'cancelled'")).length,
    ).toBe(1);
  });

  it('an admin receives without an order: every line checked first, then stock and cost', async () => {
    const a = await admin();
    const cat = await createCategory({ name: 'Parts', slug: 'parts' });
    const ssd = await createProduct({
      name: 'Samsung 990 Pro',
      categoryId: cat.id,
      variants: [{ sku: 'SSD990', price: '150.00', stock: 2, costPrice: '100.00' }],
    });
    const bad = await postForm(a, '/admin/receipts', { lines: 'SSD990, 2\nNOPE, 1, 3.00' }, '/admin/receipts/new');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Lines 1 should read: SKU, quantity, unit cost.');
    expect(bad.text).toContain('NOPE, 1, 3.00');
    const unknown = await postForm(a, '/admin/receipts', { lines: 'NOPE, 1, 3.00' }, '/admin/receipts/new');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Unknown SKU or barcode: NOPE.');
    expect((await variant(ssd.variants[0]!.id)).stock).toBe(2);
    const ok = await postForm(a, '/admin/receipts', { lines: 'SSD990, 2, $110.00' }, '/admin/receipts/new');
    expect(ok.status).toBe(303);
    expect(await variant(ssd.variants[0]!.id)).toEqual({ stock: 4, cost_price: '105.00' });
    const [receipt] = await query<{ purchase_order_id: number | null }>('SELECT purchase_order_id FROM goods_receipts');
    expect(receipt!.purchase_order_id).toBeNull();
  });
});

describe('purchasing: who may do what', () => {
  it('customers and visitors get nothing; staff see orders without costs and cannot write orders or suppliers', async () => {
    const a = await admin();
    const po = await orderedPurchase(a);
    const c = await customer();
    for (const path of ['/admin/suppliers', '/admin/purchase-orders', po.page, '/admin/receipts/new'])
      expect((await c.get(path)).status, path).toBe(403);
    const visitor = await newApp();
    const { default: request } = await import('supertest');
    expect((await request(visitor).get(po.page)).status).not.toBe(200);
    const s = await staff();
    expect((await s.get('/admin/suppliers')).status).toBe(403);
    expect((await s.get('/admin/receipts/new')).status).toBe(403);
    const list = await s.get('/admin/purchase-orders');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('Total cost');
    const token = await csrfFrom(s, po.page);
    for (const [path, body] of [
      ['/admin/suppliers', { name: 'Sneaky' }],
      ['/admin/purchase-orders', { supplierId: '1' }],
      [`${po.page}/cancel`, {}],
      ['/admin/receipts', { lines: 'VB15, 1, 1.00' }],
    ] as const)
      expect(
        (
          await s
            .post(path)
            .type('form')
            .send({ ...body, _csrf: token })
        ).status,
        path,
      ).toBe(403);
    expect(await query('SELECT COUNT(*) AS n FROM suppliers')).toEqual([{ n: 1 }]);
    expect((await order(po.id)).status).toBe('ordered');
  });

  it('no CSRF token: 403 and nothing received; malformed ids: 4xx, never 500', async () => {
    const a = await admin();
    const po = await orderedPurchase(a);
    const [l1] = await lines(po.id);
    const res = await a
      .post(`${po.page}/receive`)
      .type('form')
      .send({ [`q_${l1!.id}`]: '1' });
    expect(res.status).toBe(403);
    expect((await variant(po.lap)).stock).toBe(4);
    for (const path of ['/admin/purchase-orders/abc', '/admin/purchase-orders/99999999', '/admin/suppliers/0'])
      expect((await a.get(path)).status, path).toBeGreaterThanOrEqual(400);
    for (const path of ['/admin/purchase-orders/abc', '/admin/purchase-orders/-1'])
      expect((await a.get(path)).status, path).toBeLessThan(500);
    // Only plain digits are ids ("0x1" and "1e3" once reached order 1 and order 1000).
    for (const id of ['0x1', '1e3', '+1', '01'])
      expect((await a.get(`/admin/purchase-orders/${encodeURIComponent(id)}`)).status, id).toBe(422);
    const cancelByHex = await a
      .post(`/admin/purchase-orders/0x${po.id.toString(16)}/cancel`)
      .type('form')
      .send({ _csrf: await csrfFrom(a, po.page) });
    expect(cancelByHex.status).toBe(422);
    expect((await order(po.id)).status).toBe('ordered');
    const token = await csrfFrom(a, po.page);
    const removal = await a.post(`${po.page}/lines/xyz/delete`).type('form').send({ _csrf: token });
    expect(removal.status).toBeGreaterThanOrEqual(400);
    expect(removal.status).toBeLessThan(500);
  });

  it('10 people receive the last unit at once: it comes in once', async () => {
    const a = await admin();
    const po = await orderedPurchase(a);
    const [l1] = await lines(po.id);
    expect((await postForm(a, `${po.page}/receive`, { [`q_${l1!.id}`]: '5' })).status).toBe(303);
    const agents = await Promise.all(Array.from({ length: 10 }, () => staff()));
    const tokens = await Promise.all(agents.map((s) => csrfFrom(s, po.page)));
    const answers = await Promise.all(
      agents.map((s, i) =>
        s
          .post(`${po.page}/receive`)
          .type('form')
          .set('Accept', 'text/html')
          .send({ [`q_${l1!.id}`]: '1', _csrf: tokens[i] }),
      ),
    );
    expect(answers.filter((r) => r.status === 303)).toHaveLength(1);
    expect(answers.every((r) => r.status === 303 || r.status === 422)).toBe(true);
    expect((await variant(po.lap)).stock).toBe(10);
    expect((await lines(po.id))[0]!.received_quantity).toBe(6);
    const [moves] = await query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM stock_movements WHERE variant_id = ? AND reason = 'purchase'",
      [po.lap],
    );
    expect(Number(moves!.n)).toBe(2);
  });
});
