import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { createUser, csrfFrom, loginAs, newApp, postForm } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

type OrderRow = Record<string, unknown> & {
  id: number;
  number: string;
  status: string;
  grand_total: string;
  user_id: number | null;
};

describe('checkout', () => {
  it(
    'a guest checks out with delivery in Phnom Penh: one order with copied lines, ' +
      'stock reserved through the ledger, cart emptied, email sent',
    async () => {
      await query("INSERT INTO settings (`key`, value) VALUES ('vatRate', '10'), ('deliveryFeePhnomPenh', '1.50')");
      const { variantIds } = await shopWith([
        { price: '19.99', stock: 5, costPrice: '12.00', name: 'Logitech M185' },
        { price: '5.00', stock: 2, name: 'USB-C cable' },
      ]);
      const agent = request.agent(newApp());
      await addToCart(agent, variantIds[0]!, 2);
      await addToCart(agent, variantIds[1]!, 1);
      const { review, token, csrf } = await checkoutToReview(agent);
      expect(review.text).toContain('$44.98'); // subtotal
      expect(review.text).toContain('$1.50'); // delivery PP
      expect(review.text).toContain('$4.65'); // VAT 10% of 46.48 = 4.648 → 4.65
      expect(review.text).toContain('$51.13');
      expect(review.text).toContain('209,633 ៛'); // 51.13 × 4100

      const res = await placeOrder(agent, token, csrf);
      expect(res.status).toBe(303);
      const [order] = await query<OrderRow>('SELECT * FROM orders');
      expect(res.headers.location).toBe(`/orders/${order!.number}/pay`);
      expect(order).toMatchObject({
        status: 'pending_payment',
        user_id: null,
        customer_email: 'dara@example.com',
        customer_phone: '+85512345678',
        delivery_method: 'delivery',
        delivery_zone: 'phnom_penh',
        ship_province: 'Phnom Penh',
        subtotal: '44.98',
        delivery_fee: '1.50',
        vat_amount: '4.65',
        grand_total: '51.13',
        khr_per_usd: 4100,
      });
      expect(order!.number).toMatch(/^CS-\d{6}-\d{6}$/);
      const deadline = (order!.payment_deadline as Date).getTime() - (order!.placed_at as Date).getTime();
      expect(deadline).toBe(30 * 60 * 1000);
      const lines = await query(
        'SELECT product_name, sku, unit_price, cost_price, quantity, line_total FROM order_lines ' +
          'WHERE order_id = ? ORDER BY id',
        [order!.id],
      );
      expect(lines).toMatchObject([
        { product_name: 'Logitech M185', unit_price: '19.99', cost_price: '12.00', quantity: 2, line_total: '39.98' },
        { product_name: 'USB-C cable', quantity: 1, line_total: '5.00' },
      ]);
      expect(
        (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantIds[0]]))[0]!.stock,
      ).toBe(3);
      expect(
        await query(
          'SELECT delta, stock_before, stock_after, reason, order_id FROM stock_movements ' +
            'WHERE reason = ? ORDER BY variant_id',
          ['sale'],
        ),
      ).toEqual([
        { delta: -2, stock_before: 5, stock_after: 3, reason: 'sale', order_id: order!.id },
        { delta: -1, stock_before: 2, stock_after: 1, reason: 'sale', order_id: order!.id },
      ]);
      expect(await query('SELECT * FROM cart_items')).toHaveLength(0);
      expect(await query('SELECT to_status FROM order_status_log WHERE order_id = ?', [order!.id])).toEqual([
        { to_status: 'pending_payment' },
      ]);
      const mail = await mailbox.waitFor('dara@example.com');
      expect(mail.subject).toBe(`Order ${order!.number} received`);
      expect(mail.text).toContain('$51.13');
      expect(mail.text).toContain(`/orders/${order!.number}/pay`);
      const pay = await agent.get(`/orders/${order!.number}/pay`);
      expect(pay.status).toBe(200);
      expect(pay.text).toContain('$51.13');
    },
  );

  it('store pickup is free of delivery fee and needs no address', async () => {
    const { variantIds } = await shopWith([{ price: '10.00', stock: 5 }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent, {
      name: 'Sok',
      email: 'sok@example.com',
      phone: '097 123 4567',
      deliveryMethod: 'pickup',
    });
    await placeOrder(agent, token, csrf);
    expect((await query<OrderRow>('SELECT * FROM orders'))[0]).toMatchObject({
      delivery_method: 'pickup',
      delivery_fee: '0.00',
      grand_total: '10.00',
      ship_street: null,
    });
  });

  it('delivery to a province uses the provinces fee', async () => {
    await query("INSERT INTO settings (`key`, value) VALUES ('deliveryFeeProvinces', '4.00')");
    const { variantIds } = await shopWith([{ price: '10.00', stock: 5 }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent, { ...guestDetails, province: 'Siem Reap' });
    await placeOrder(agent, token, csrf);
    expect((await query<OrderRow>('SELECT * FROM orders'))[0]).toMatchObject({
      delivery_zone: 'provinces',
      delivery_fee: '4.00',
      grand_total: '14.00',
    });
  });

  it(
    'POST /checkout — ' + 'missing address fields for delivery re-render 422 with values kept, nothing stored',
    async () => {
      const { variantIds } = await shopWith([{ price: '10.00', stock: 5 }]);
      const agent = request.agent(newApp());
      await addToCart(agent, variantIds[0]!, 1);
      const res = await postForm(agent, '/checkout', { ...guestDetails, street: '', phone: '123' });
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/id="f-phone"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('value="Dara Kim"');
      expect(res.text).toContain('value="Chamkar Mon"');
      expect(await query('SELECT id FROM orders')).toHaveLength(0);
    },
  );

  it(
    'when stock ran short after review — ' + '409 on the review page naming the line; no order, no stock change',
    async () => {
      const { variantIds } = await shopWith([
        { price: '10.00', stock: 5, name: 'Kingston 32GB USB' },
        { price: '3.00', stock: 5, name: 'Mouse pad' },
      ]);
      const agent = request.agent(newApp());
      await addToCart(agent, variantIds[0]!, 3);
      await addToCart(agent, variantIds[1]!, 1);
      const { token, csrf } = await checkoutToReview(agent);
      await query('UPDATE variants SET stock = 2 WHERE id = ?', [variantIds[0]]);
      const res = await placeOrder(agent, token, csrf);
      expect(res.status).toBe(409);
      expect(res.text).toContain('Not enough stock for Kingston 32GB USB');
      expect(res.text).toContain('only 2 left');
      expect(await query('SELECT id FROM orders')).toHaveLength(0);
      expect(await query('SELECT id FROM order_lines')).toHaveLength(0);
      expect(await query("SELECT id FROM stock_movements WHERE reason = 'sale'")).toHaveLength(0);
      expect(
        (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantIds[1]]))[0]!.stock,
      ).toBe(5);
    },
  );

  it('submitting the same review form twice creates one order', async () => {
    const { variantIds } = await shopWith([{ price: '10.00', stock: 5 }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent);
    const first = await placeOrder(agent, token, csrf);
    const second = await placeOrder(agent, token, await csrfFrom(agent, '/track'));
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await query('SELECT id FROM orders')).toHaveLength(1);
    expect((await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantIds[0]]))[0]!.stock).toBe(
      4,
    );
  });

  it(
    'a signed-in customer has details filled in, ' +
      'can save the address, and next time picks it from the address book',
    async () => {
      const user = await createUser({ name: 'Srey Leak', email: 'leak@example.com' });
      await query('UPDATE users SET phone = ? WHERE id = ?', ['+85597123456', user.id]);
      const { variantIds } = await shopWith([{ price: '10.00', stock: 5 }]);
      const agent = await loginAs(newApp(), user);
      await addToCart(agent, variantIds[0]!, 1);
      const form = await agent.get('/checkout');
      expect(form.text).toContain('value="Srey Leak"');
      expect(form.text).toContain('value="leak@example.com"');
      expect(form.text).toContain('value="097 123 456"');
      const { token, csrf } = await checkoutToReview(agent, {
        ...guestDetails,
        name: 'Srey Leak',
        email: 'leak@example.com',
        saveAddress: '1',
        addressId: 'new',
      });
      await placeOrder(agent, token, csrf);
      const saved = await query<{ id: number; is_default: number; street: string }>(
        'SELECT * FROM addresses WHERE user_id = ?',
        [user.id],
      );
      expect(saved).toMatchObject([{ street: '#25, St. 271', is_default: 1 }]);
      expect((await query<OrderRow>('SELECT * FROM orders'))[0]!.user_id).toBe(user.id);

      await addToCart(agent, variantIds[0]!, 1);
      const again = await agent.get('/checkout');
      expect(again.text).toMatch(new RegExp(`name="addressId" value="${saved[0]!.id}" checked`));
      const second = await checkoutToReview(agent, {
        name: 'Srey Leak',
        email: 'leak@example.com',
        phone: '097 123 4567',
        deliveryMethod: 'delivery',
        addressId: String(saved[0]!.id),
      });
      await placeOrder(agent, second.token, second.csrf);
      const orders = await query<OrderRow>('SELECT * FROM orders ORDER BY id');
      expect(orders[1]).toMatchObject({ ship_street: '#25, St. 271', ship_district: 'Chamkar Mon' });
      expect(await query('SELECT id FROM addresses')).toHaveLength(1);
    },
  );

  it('with a full address book (20) the order is placed and the address is not saved', async () => {
    const user = await createUser({ name: 'Srey Leak', email: 'leak@example.com' });
    for (let i = 0; i < 20; i++)
      await query(
        `INSERT INTO addresses (user_id, recipient_name, phone, street, commune, district, province, is_default)
         VALUES (?, 'Srey Leak', '+85597123456', ?, 'BKK1', 'Chamkar Mon', 'Phnom Penh', ?)`,
        [user.id, `Street ${i}`, i === 0 ? 1 : 0],
      );
    const { variantIds } = await shopWith([{ price: '10.00', stock: 5 }]);
    const agent = await loginAs(newApp(), user);
    await addToCart(agent, variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent, {
      ...guestDetails,
      email: 'leak@example.com',
      saveAddress: '1',
      addressId: 'new',
    });
    expect((await placeOrder(agent, token, csrf)).status).toBe(303);
    expect(await query('SELECT id FROM orders WHERE user_id = ?', [user.id])).toHaveLength(1);
    expect(await query('SELECT id FROM addresses WHERE user_id = ?', [user.id])).toHaveLength(20);
    expect(await query('SELECT id FROM addresses WHERE user_id = ? AND is_default = 1', [user.id])).toHaveLength(1);
  });

  it("someone else's saved address cannot be used", async () => {
    const owner = await createUser();
    await query(
      'INSERT INTO addresses (user_id, recipient_name, phone, street, commune, district, province) ' +
        "VALUES (?, 'X', '+85512345678', 'S', 'C', 'D', 'Kep')",
      [owner.id],
    );
    const [addr] = await query<{ id: number }>('SELECT id FROM addresses');
    const { variantIds } = await shopWith([{ price: '10.00', stock: 5 }]);
    const agent = await loginAs(newApp(), await createUser());
    await addToCart(agent, variantIds[0]!, 1);
    const res = await postForm(agent, '/checkout', {
      name: 'A',
      email: 'a@example.com',
      phone: '012345678',
      deliveryMethod: 'delivery',
      addressId: String(addr!.id),
    });
    expect(res.status).toBe(422);
  });

  it('GET /checkout with an empty cart goes back to the cart', async () => {
    const res = await request(newApp()).get('/checkout');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/cart');
  });
});
