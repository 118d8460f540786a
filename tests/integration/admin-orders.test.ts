import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { changeStock } from '../../src/modules/inventory/stock.service.js';
import { sendLowStockAlerts } from '../../src/modules/inventory/low-stock-alerts.js';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

type OrderRow = {
  id: number;
  number: string;
  status: string;
  refunded_amount: string;
  courier: string | null;
  tracking_number: string | null;
};

async function paidOrder(app: Express, opts: { pickup?: boolean; email?: string; name?: string } = {}) {
  const { variantIds } = await shopWith([{ price: '30.00', stock: 5 }]);
  const agent = request.agent(app);
  await addToCart(agent, variantIds[0]!, 1);
  const details = {
    ...guestDetails,
    email: opts.email ?? guestDetails.email,
    name: opts.name ?? guestDetails.name,
    ...(opts.pickup ? { deliveryMethod: 'pickup' } : {}),
  };
  const { token, csrf } = await checkoutToReview(agent, details);
  await placeOrder(agent, token, csrf);
  const [order] = await query<OrderRow>('SELECT * FROM orders ORDER BY id DESC LIMIT 1');
  await query("UPDATE orders SET status = 'paid', paid_at = NOW() WHERE id = ?", [order!.id]);
  return { order: order!, variantId: variantIds[0]! };
}
const status = async (id: number) => (await query<OrderRow>('SELECT * FROM orders WHERE id = ?', [id]))[0]!;
const stock = async (id: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [id]))[0]!.stock;

describe('/admin/orders', () => {
  it('lists with filters and search by number, name, phone and email; customers get 403', async () => {
    const app = newApp();
    const a = await paidOrder(app, { email: 'alpha@example.com', name: 'Alpha Chan' });
    const b = await paidOrder(app, { email: 'beta@example.com', name: 'Beta Kim', pickup: true });
    await query("UPDATE orders SET status = 'shipped' WHERE id = ?", [b.order.id]);
    expect((await (await loginAs(app, await createUser())).get('/admin/orders')).status).toBe(403);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const has = async (qs: string) => {
      const t = (await staff.get(`/admin/orders?${qs}`)).text;
      return [a.order.number, b.order.number].filter((n) => t.includes(n));
    };
    expect(await has('')).toHaveLength(2);
    expect(await has('status=shipped')).toEqual([b.order.number]);
    expect(await has(`q=${a.order.number}`)).toEqual([a.order.number]);
    expect(await has('q=beta%40example.com')).toEqual([b.order.number]);
    expect(await has('q=Alpha')).toEqual([a.order.number]);
    expect(await has('q=012+345+678')).toHaveLength(2);
    expect(await has('channel=counter')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await has(`from=${today}&to=${today}`)).toHaveLength(2);
    expect(await has('from=2000-01-01&to=2000-01-02')).toEqual([]);
  });

  it('exports the filtered list as CSV', async () => {
    const app = newApp();
    const a = await paidOrder(app, { name: 'Alpha, "The" Chan' });
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const res = await staff.get('/admin/orders/export.csv?status=paid');
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'number,placed_at_phnom_penh,channel,status,customer,email,phone,payment_method,delivery,items,grand_total_usd',
    );
    expect(lines[1]).toContain(`${a.order.number},`);
    expect(lines[1]).toContain('"Alpha, ""The"" Chan"');
    expect(lines[1]).toMatch(/,1,31\.50$/);
  });

  it('confirm → ship (courier and tracking required; customer emailed) → complete, each logged with who', async () => {
    const app = newApp();
    const { order } = await paidOrder(app);
    const staffUser = await createUser({ role: 'staff' });
    const staff = await loginAs(app, staffUser);
    expect(
      (await postForm(staff, `/admin/orders/${order.number}/confirm`, {}, `/admin/orders/${order.number}`)).status,
    ).toBe(303);
    expect((await status(order.id)).status).toBe('processing');
    const missing = await postForm(
      staff,
      `/admin/orders/${order.number}/ship`,
      { courier: 'J&T Express', tracking: '' },
      `/admin/orders/${order.number}`,
    );
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('value="J&amp;T Express"');
    expect((await status(order.id)).status).toBe('processing');
    await postForm(
      staff,
      `/admin/orders/${order.number}/ship`,
      { courier: 'J&T Express', tracking: 'JT8800112233' },
      `/admin/orders/${order.number}`,
    );
    expect(await status(order.id)).toMatchObject({
      status: 'shipped',
      courier: 'J&T Express',
      tracking_number: 'JT8800112233',
    });
    const mail = await mailbox.waitFor(guestDetails.email, 2);
    expect(mail.subject).toBe(`Order ${order.number} is on its way`);
    expect(mail.text).toContain('JT8800112233');
    await postForm(staff, `/admin/orders/${order.number}/complete`, {}, `/admin/orders/${order.number}`);
    expect((await status(order.id)).status).toBe('completed');
    const log = await query<{ to_status: string; user_id: number }>(
      'SELECT to_status, user_id FROM order_status_log WHERE order_id = ? AND user_id IS NOT NULL ORDER BY id',
      [order.id],
    );
    expect(log).toEqual([
      { to_status: 'processing', user_id: staffUser.id },
      { to_status: 'shipped', user_id: staffUser.id },
      { to_status: 'completed', user_id: staffUser.id },
    ]);
  });

  it('actions the state does not allow are refused (409) and change nothing', async () => {
    const app = newApp();
    const { order } = await paidOrder(app);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    for (const action of ['complete', 'ready']) {
      const res = await postForm(staff, `/admin/orders/${order.number}/${action}`, {}, `/admin/orders/${order.number}`);
      expect(res.status).toBe(409);
    }
    await query("UPDATE orders SET status = 'shipped' WHERE id = ?", [order.id]);
    expect(
      (
        await postForm(
          staff,
          `/admin/orders/${order.number}/cancel`,
          { reason: 'Customer asked' },
          `/admin/orders/${order.number}`,
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await postForm(
          staff,
          `/admin/orders/${order.number}/ship`,
          { courier: 'X', tracking: 'Y' },
          `/admin/orders/${order.number}`,
        )
      ).status,
    ).toBe(409);
    expect((await status(order.id)).status).toBe('shipped');
  });

  it('ready for pickup is offered for pickup orders and emails the customer', async () => {
    const app = newApp();
    const { order } = await paidOrder(app, { pickup: true });
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    await postForm(staff, `/admin/orders/${order.number}/ready`, {}, `/admin/orders/${order.number}`);
    expect((await status(order.id)).status).toBe('ready_for_pickup');
    expect((await mailbox.waitFor(guestDetails.email, 2)).subject).toBe(`Order ${order.number} is ready for pickup`);
  });

  it('cancel of an unpaid order (staff) needs a reason and restocks', async () => {
    const app = newApp();
    const { order, variantId } = await paidOrder(app);
    // Paid orders are cancelled by admins only, as a refund (money-admin.test.ts); staff cancel unpaid ones.
    await query("UPDATE orders SET status = 'payment_submitted', paid_at = NULL WHERE id = ?", [order.id]);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect(
      (await postForm(staff, `/admin/orders/${order.number}/cancel`, { reason: '' }, `/admin/orders/${order.number}`))
        .status,
    ).toBe(422);
    expect(await stock(variantId)).toBe(4);
    await postForm(
      staff,
      `/admin/orders/${order.number}/cancel`,
      { reason: 'Customer changed their mind' },
      `/admin/orders/${order.number}`,
    );
    expect((await status(order.id)).status).toBe('cancelled');
    expect(await stock(variantId)).toBe(5);
  });

  it('refunds: staff get 403; an admin records partial then full refunds with amount and reason', async () => {
    const app = newApp();
    const { order } = await paidOrder(app);
    await query("UPDATE orders SET status = 'completed' WHERE id = ?", [order.id]);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect(
      (
        await postForm(
          staff,
          `/admin/orders/${order.number}/refund`,
          { amount: '5', reason: 'Scratch' },
          `/admin/orders/${order.number}`,
        )
      ).status,
    ).toBe(403);
    expect(await query('SELECT id FROM refunds')).toHaveLength(0);
    const adminUser = await createUser({ role: 'admin' });
    const admin = await loginAs(app, adminUser);
    expect(
      (
        await postForm(
          admin,
          `/admin/orders/${order.number}/refund`,
          { amount: '99', reason: 'Too much' },
          `/admin/orders/${order.number}`,
        )
      ).status,
    ).toBe(422);
    await postForm(
      admin,
      `/admin/orders/${order.number}/refund`,
      { amount: '5.00', reason: 'Scratched box', method: 'cash' },
      `/admin/orders/${order.number}`,
    );
    expect(await status(order.id)).toMatchObject({ status: 'completed', refunded_amount: '5.00' });
    await postForm(
      admin,
      `/admin/orders/${order.number}/refund`,
      { amount: '26.50', reason: 'Returned item', method: 'khqr' },
      `/admin/orders/${order.number}`,
    );
    expect(await status(order.id)).toMatchObject({ status: 'refunded', refunded_amount: '31.50' });
    expect(await query('SELECT amount, reason, method, user_id FROM refunds ORDER BY id')).toEqual([
      { amount: '5.00', reason: 'Scratched box', method: 'cash', user_id: adminUser.id },
      { amount: '26.50', reason: 'Returned item', method: 'khqr', user_id: adminUser.id },
    ]);
  });
});

describe('low-stock alerts', () => {
  it(
    'every admin gets one email per crossing, ' + 'not one per sale; a restock above the threshold re-arms it',
    async () => {
      const { variantIds } = await shopWith([{ price: '5.00', stock: 6 }]);
      await query('UPDATE variants SET low_stock_threshold = 3 WHERE id = ?', [variantIds[0]]);
      await createUser({ role: 'admin', email: 'owner@shop.test' });
      await createUser({ role: 'admin', email: 'manager@shop.test' });
      await createUser({ role: 'staff', email: 'clerk@shop.test' });
      const v = variantIds[0]!;
      await changeStock({ variantId: v, delta: -2, reason: 'sale' }); // 4: above
      expect(await sendLowStockAlerts()).toBe(0);
      await changeStock({ variantId: v, delta: -1, reason: 'sale' }); // 3: crossing
      await changeStock({ variantId: v, delta: -1, reason: 'sale' }); // 2: still low
      expect(await sendLowStockAlerts()).toBe(1);
      expect(await sendLowStockAlerts()).toBe(0);
      await changeStock({ variantId: v, delta: -1, reason: 'sale' });
      expect(await sendLowStockAlerts()).toBe(0);
      expect(mailbox.to('owner@shop.test')).toHaveLength(1);
      expect(mailbox.to('manager@shop.test')).toHaveLength(1);
      expect(mailbox.to('clerk@shop.test')).toHaveLength(0);
      expect(mailbox.to('owner@shop.test')[0]!.text).toContain('is down to 2');
      await changeStock({ variantId: v, delta: 10, reason: 'restock' }); // 11: re-armed
      await changeStock({ variantId: v, delta: -9, reason: 'sale' }); // 2: new crossing
      expect(await sendLowStockAlerts()).toBe(1);
      expect(mailbox.to('owner@shop.test')).toHaveLength(2);
    },
  );
});
