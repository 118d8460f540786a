import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';
import { shopWith } from '../helpers/shop.js';

let seq = 0;
/** An order row written directly, with its lines, at a given time. */
async function order(opts: {
  userId?: number | null;
  channel?: 'online' | 'counter';
  status?: string;
  total: string;
  placedAt: Date;
  qty?: number;
  refunded?: string;
}) {
  seq++;
  const res = (await query(
    `INSERT INTO orders (number, channel, status, user_id, customer_name, customer_email, customer_phone,
      delivery_method, subtotal, grand_total, khr_per_usd, placed_at, refunded_amount)
     VALUES (?, ?, ?, ?, 'C', 'c@example.com', '+85512345678', 'pickup', ?, ?, 4100, ?, ?)`,
    [
      `CS-260101-${String(100000 + seq)}`,
      opts.channel ?? 'online',
      opts.status ?? 'paid',
      opts.userId ?? null,
      opts.total,
      opts.total,
      opts.placedAt,
      opts.refunded ?? '0.00',
    ],
  )) as unknown as { insertId: number };
  await query(
    `INSERT INTO order_lines (order_id, product_name, sku, unit_price, cost_price, quantity, line_total)
      VALUES (?, 'X', 'X-1', ?, '1.00', ?, ?)`,
    [res.insertId, opts.total, opts.qty ?? 1, opts.total],
  );
  return res.insertId;
}
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe('/admin dashboard', () => {
  it('shows today by channel, 7 and 30 days, payments to verify, to pack, low stock and the 30-day chart', async () => {
    await order({ total: '100.00', placedAt: daysAgo(0) });
    await order({ total: '40.00', placedAt: daysAgo(0), channel: 'counter', status: 'completed' });
    await order({ total: '7.00', placedAt: daysAgo(0), status: 'pending_payment' }); // not a sale
    await order({ total: '20.00', placedAt: daysAgo(3), status: 'shipped' });
    await order({ total: '300.00', placedAt: daysAgo(20), status: 'completed' });
    await order({ total: '999.00', placedAt: daysAgo(45), status: 'completed' });
    await order({ total: '55.00', placedAt: daysAgo(1), status: 'cancelled' });
    const { variantIds } = await shopWith([
      { price: '5.00', stock: 1 },
      { price: '5.00', stock: 30 },
    ]);
    expect(variantIds).toHaveLength(2);
    const staff = await loginAs(newApp(), await createUser({ role: 'staff' }));
    const page = (await staff.get('/admin')).text;
    const stat = (name: string) => new RegExp(`data-stat="${name}">([^<]+)<`).exec(page)![1];
    expect(stat('today-online')).toBe('$100.00');
    expect(stat('today-counter')).toBe('$40.00');
    expect(stat('last7')).toBe('$160.00');
    expect(stat('last30')).toBe('$460.00');
    expect(stat('to-pack')).toBe('1');
    expect(stat('low-stock')).toBe('1');
    expect(stat('awaiting')).toBe('0');
    const chart = JSON.parse(
      /data-chart="([^"]+)"/
        .exec(page)![1]!
        .replace(/&#34;/g, '"')
        .replace(/&quot;/g, '"'),
    );
    expect(chart.revenue).toHaveLength(30);
    expect(chart.revenue.reduce((a: number, b: number) => a + b, 0)).toBe(460);
    expect(page).toContain('/static/vendor/chart.js/chart.umd.min.js');
    expect((await request(newApp()).get('/static/vendor/chart.js/chart.umd.min.js')).status).toBe(200);
  });
});

describe('/admin/customers', () => {
  it('lists and searches customers, shows lifetime value, and disabling ends their sessions', async () => {
    const app = newApp();
    const sokha = await createUser({ name: 'Sokha Chan', email: 'sokha@example.com' });
    await query("UPDATE users SET phone = '+85512345678' WHERE id = ?", [sokha.id]);
    await createUser({ name: 'Dara Kim', email: 'dara@example.com' });
    await order({ userId: sokha.id, total: '100.00', placedAt: daysAgo(10), qty: 2, status: 'completed' });
    await order({
      userId: sokha.id,
      total: '50.00',
      placedAt: daysAgo(2),
      qty: 1,
      refunded: '10.00',
      status: 'completed',
    });
    await order({ userId: sokha.id, total: '70.00', placedAt: daysAgo(1), status: 'cancelled' });
    const customerSession = await loginAs(app, sokha);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const list = await staff.get('/admin/customers?q=012+345+678');
    expect(list.text).toContain('Sokha Chan');
    expect(list.text).not.toContain('Dara Kim');
    expect((await staff.get('/admin/customers?q=dara')).text).toContain('Dara Kim');
    const page = (await staff.get(`/admin/customers/${sokha.id}`)).text;
    const ltv = (k: string) => new RegExp(`data-ltv="${k}">([^<]+)<`).exec(page)![1];
    expect(ltv('orders')).toBe('2');
    expect(ltv('items')).toBe('3');
    expect(ltv('spent')).toBe('$140.00');
    expect(ltv('average')).toBe('$70.00');

    await postForm(staff, `/admin/customers/${sokha.id}/disable`, {}, `/admin/customers/${sokha.id}`);
    expect((await query('SELECT id FROM users WHERE id = ? AND disabled_at IS NULL', [sokha.id])).length).toBe(1);
    expect(
      (
        await postForm(
          staff,
          `/admin/customers/${sokha.id}/disable`,
          { confirm: 'yes' },
          `/admin/customers/${sokha.id}`,
        )
      ).status,
    ).toBe(303);
    expect(
      (await query<{ disabled_at: Date | null }>('SELECT disabled_at FROM users WHERE id = ?', [sokha.id]))[0]!
        .disabled_at,
    ).toBeInstanceOf(Date);
    expect((await customerSession.get('/account')).status).toBe(303);
    expect(
      (await postForm(request.agent(app), '/login', { email: sokha.email, password: sokha.password })).status,
    ).toBe(422);
    await postForm(staff, `/admin/customers/${sokha.id}/enable`, {}, `/admin/customers/${sokha.id}`);
    expect(
      (await postForm(request.agent(app), '/login', { email: sokha.email, password: sokha.password })).status,
    ).toBe(303);
  });

  it('a customer opening /admin/customers gets 403', async () => {
    const agent = await loginAs(newApp(), await createUser());
    expect((await agent.get('/admin/customers')).status).toBe(403);
  });
});
