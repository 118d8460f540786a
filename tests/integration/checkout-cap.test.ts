import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder } from '../helpers/shop.js';
import { shopWith } from '../helpers/shop.js';

const pickup = { ...guestDetails, deliveryMethod: 'pickup' };

describe('checkout — per-product quantity cap shown before placing', () => {
  it('GET /checkout/review — 12 units of one product — names it; cart link; place disabled', async () => {
    const { variantIds } = await shopWith([{ price: '5.00', stock: 50, name: 'USB Flash 64GB' }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 12);
    const details = await agent.get('/checkout').set('Accept', 'text/html');
    expect(details.status).toBe(200);
    expect(details.text).toContain('You can order at most 10 of USB Flash 64GB in one order');

    const { review } = await checkoutToReview(agent, pickup);
    expect(review.status).toBe(200);
    expect(review.text).toContain('You can order at most 10 of USB Flash 64GB in one order');
    expect(review.text).toMatch(/role="alert"><p><strong>You can order at most[^<]*<\/strong> <a href="\/cart">/);
    const buttons = review.text.match(/<button type="submit"[^>]*>[^<]*Place order/g) ?? [];
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toContain(' disabled');
    expect(await query('SELECT id FROM orders')).toHaveLength(0);
  });

  it('GET /checkout/review — at the cap (10 units) — no message and the place button is enabled', async () => {
    const { variantIds } = await shopWith([{ price: '5.00', stock: 50, name: 'USB Flash 64GB' }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 10);
    const { review } = await checkoutToReview(agent, pickup);
    expect(review.text).not.toContain('You can order at most');
    expect(review.text).toMatch(/<button type="submit" class="button primary">[^<]*Place order/);
  });

  it('POST /checkout/place — over the cap — 422 shows the message once, with the link back to the cart', async () => {
    const { variantIds } = await shopWith([{ price: '5.00', stock: 50, name: 'USB Flash 64GB' }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 12);
    const { token, csrf } = await checkoutToReview(agent, pickup);
    const res = await agent
      .post('/checkout/place')
      .type('form')
      .set('Accept', 'text/html')
      .send({ token, _csrf: csrf });
    expect(res.status).toBe(422);
    expect(res.text.split('You can order at most 10 of USB Flash 64GB').length - 1).toBe(1);
    expect(res.text).toContain('href="/cart"');
    expect(await query('SELECT id FROM orders')).toHaveLength(0);
  });
});

describe('checkout — the open-orders cap cannot be used against someone else', () => {
  /** Three unpaid guest orders someone placed with another person's email (pay at pickup: no payment due). */
  async function ordersInTheNameOf(email: string) {
    for (const n of [1, 2, 3])
      await query(
        `INSERT INTO orders (number, channel, status, customer_name, customer_email, customer_phone, delivery_method,
           subtotal, grand_total, khr_per_usd, payment_method, payment_deadline)
         VALUES (?, 'online', 'confirmed', 'Not them', ?, ?, 'pickup', '5.00', '5.00', 4100, 'at_pickup',
           NOW() + INTERVAL 3 DAY)`,
        [`CS-261202-90000${n}`, email, `+8559211100${n}`],
      );
  }

  it('a signed-in customer still orders when strangers placed guest orders with their email (found live)', async () => {
    const user = await createUser({ email: 'c2@example.com' });
    await ordersInTheNameOf('c2@example.com');
    const { variantIds } = await shopWith([{ price: '5.00', stock: 50, name: 'USB Flash 64GB' }]);
    const agent = await loginAs(newApp(), user);
    await addToCart(agent, variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent, { ...pickup, email: 'c2@example.com', phone: '097 555 444' });
    expect((await placeOrder(agent, token, csrf)).status).toBe(303);
    expect(await query('SELECT id FROM orders WHERE user_id = ?', [user.id])).toHaveLength(1);
  });

  it('a guest with the same email as three open guest orders is still capped', async () => {
    await ordersInTheNameOf('guest@example.com');
    const { variantIds } = await shopWith([{ price: '5.00', stock: 50, name: 'USB Flash 64GB' }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent, { ...pickup, email: 'guest@example.com' });
    expect((await placeOrder(agent, token, csrf)).status).toBe(409);
    expect(await query('SELECT id FROM orders')).toHaveLength(3);
  });
});
