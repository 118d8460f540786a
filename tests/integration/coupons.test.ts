import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { coupons, couponTargets } from '../../src/db/schema.js';
import { insertId } from '../../src/db/util.js';
import { transition } from '../../src/modules/orders/orders.service.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder } from '../helpers/shop.js';

type CouponValues = Partial<typeof coupons.$inferInsert> & { targets?: number[] };

async function makeCoupon(values: CouponValues) {
  const { targets, ...rest } = values;
  const id = insertId(await db.insert(coupons).values({ code: 'SAVE10', kind: 'percent', value: '10.00', ...rest }));
  if (targets?.length) await db.insert(couponTargets).values(targets.map((targetId) => ({ couponId: id, targetId })));
  return id;
}

async function applyCode(agent: Agent, code: string, from: 'cart' | 'review' = 'cart') {
  const _csrf = await csrfFrom(agent, from === 'cart' ? '/cart' : '/checkout/review');
  return agent.post('/checkout/coupon').type('form').set('Accept', 'text/html').send({ code, from, _csrf });
}

/** A laptop ($1,000, in Laptops › Gaming) and a mouse ($20, in Accessories). */
async function shop() {
  const laptops = await createCategory({ name: 'Laptops', slug: `laptops-${Date.now()}` });
  const gaming = await createCategory({ name: 'Gaming', slug: `gaming-${Date.now()}`, parentId: laptops.id });
  const accessories = await createCategory({ name: 'Accessories', slug: `acc-${Date.now()}` });
  const laptop = await createProduct({
    name: 'Gaming Laptop',
    categoryId: gaming.id,
    variants: [{ price: '1000.00', stock: 30 }],
  });
  const mouse = await createProduct({
    name: 'Mouse',
    categoryId: accessories.id,
    variants: [{ price: '20.00', stock: 30 }],
  });
  return { laptops, gaming, accessories, laptop, mouse };
}

const orderRow = async (number: string) =>
  (
    await query<{
      id: number;
      subtotal: string;
      discount_total: string;
      vat_amount: string;
      delivery_fee: string;
      grand_total: string;
      coupon_code: string | null;
    }>(
      'SELECT id, subtotal, discount_total, vat_amount, delivery_fee, grand_total, coupon_code FROM orders WHERE number = ?',
      [number],
    )
  )[0]!;

const numberFrom = (location: string) => /\/orders\/([^/]+)/.exec(location)![1]!;

describe('coupons in the cart and at checkout', () => {
  it('a percent code on a category (with its subcategories) is applied in the cart, at review and on the order; the use is counted once', async () => {
    const s = await shop();
    const couponId = await makeCoupon({ code: 'LAPTOP5', value: '5.00', scope: 'categories', targets: [s.laptops.id] });
    const agent = request.agent(newApp());
    await addToCart(agent, s.laptop.variants[0]!.id, 1);
    await addToCart(agent, s.mouse.variants[0]!.id, 2);

    const applied = await applyCode(agent, ' laptop5 ');
    expect(applied.status).toBe(303);
    const cart = await agent.get('/cart');
    expect(cart.text).toContain('Code LAPTOP5 applied: $50.00 off.');
    expect(cart.text).toContain('Discount (LAPTOP5)');

    const { review, token, csrf } = await checkoutToReview(agent);
    expect(review.text).toContain('Discount (LAPTOP5)');
    expect(review.text).toContain('−$50.00');
    const placed = await placeOrder(agent, token, csrf);
    expect(placed.status).toBe(303);
    const order = await orderRow(numberFrom(placed.headers.location!));
    // Goods $1,040, 5 % of the laptop only = $50; delivery in Phnom Penh and VAT on what is left.
    expect(order.subtotal).toBe('1040.00');
    expect(order.discount_total).toBe('50.00');
    expect(order.coupon_code).toBe('LAPTOP5');
    const taxable = 1040 - 50 + Number(order.delivery_fee);
    expect(Number(order.grand_total)).toBeCloseTo(taxable + Number(order.vat_amount), 2);
    const lines = await query<{ sku: string; discount: string; line_total: string }>(
      'SELECT sku, discount, line_total FROM order_lines WHERE order_id = ? ORDER BY id',
      [order.id],
    );
    expect(lines.map((l) => [l.discount, l.line_total]).sort()).toEqual([
      ['0.00', '40.00'],
      ['50.00', '950.00'],
    ]);
    expect(
      await query('SELECT discount, customer_email FROM coupon_redemptions WHERE order_id = ?', [order.id]),
    ).toEqual([{ discount: '50.00', customer_email: guestDetails.email }]);
    expect(
      (await query<{ used_count: number }>('SELECT used_count FROM coupons WHERE id = ?', [couponId]))[0]!.used_count,
    ).toBe(1);
    // The code is gone from the session: the next cart starts without it.
    await addToCart(agent, s.mouse.variants[0]!.id, 1);
    expect((await agent.get('/cart')).text).not.toContain('Discount (LAPTOP5)');
  });

  it('says why a code does not apply, all in words, and keeps the cart as it was', async () => {
    const s = await shop();
    const now = Date.now();
    await makeCoupon({ code: 'OLD', endsAt: new Date(now - 60_000) });
    await makeCoupon({ code: 'SOON', startsAt: new Date(now + 3_600_000) });
    await makeCoupon({ code: 'BIGSPEND', minSpend: '2000.00' });
    await makeCoupon({ code: 'MICE', scope: 'products', targets: [s.mouse.id] });
    await makeCoupon({ code: 'OFF', isActive: false });
    await makeCoupon({ code: 'GONE', maxUses: 1, usedCount: 1 });
    await makeCoupon({ code: 'AUTO', automatic: true });
    const agent = request.agent(newApp());
    await addToCart(agent, s.laptop.variants[0]!.id, 1);
    const cases: [string, string][] = [
      ['NOPE', 'There is no coupon NOPE'],
      ['OLD', 'The coupon OLD has expired'],
      ['SOON', 'The coupon SOON is not valid yet'],
      ['BIGSPEND', 'needs a spend of at least $2000.00'],
      ['MICE', 'does not apply to the items in your cart'],
      ['OFF', 'is no longer valid'],
      ['GONE', 'has been used up'],
      ['AUTO', 'There is no coupon AUTO'],
      ['bad code!', 'only letters, digits'],
    ];
    for (const [code, message] of cases) {
      const res = await applyCode(agent, code);
      expect(res.status, code).toBe(303);
      expect((await agent.get('/cart')).text, code).toContain(message);
    }
    const cart = await agent.get('/cart');
    expect(cart.text).not.toContain('Discount (');
    expect(await query('SELECT id FROM coupon_redemptions')).toEqual([]);
  });

  it('first order only and once per customer: known by email or phone for guests', async () => {
    const s = await shop();
    await makeCoupon({ code: 'WELCOME', firstOrderOnly: true });
    await makeCoupon({ code: 'ONCE', maxUsesPerCustomer: 1 });
    const first = request.agent(newApp());
    await addToCart(first, s.mouse.variants[0]!.id, 1);
    expect((await applyCode(first, 'ONCE')).status).toBe(303);
    const r1 = await checkoutToReview(first);
    expect((await placeOrder(first, r1.token, r1.csrf)).status).toBe(303);

    // The same person (same email) comes back in another browser.
    const again = request.agent(newApp());
    await addToCart(again, s.mouse.variants[0]!.id, 1);
    await applyCode(again, 'ONCE');
    const { review, token, csrf } = await checkoutToReview(again);
    expect(review.text).toContain('You have already used the coupon ONCE.');
    const refused = await placeOrder(again, token, csrf);
    expect(refused.status).toBe(422);
    await applyCode(again, 'WELCOME', 'review');
    const refusedReview = await again.get('/checkout/review');
    expect(refusedReview.text).toContain('The coupon WELCOME is for a first order only.');
    expect(await query('SELECT id FROM orders')).toHaveLength(1);
    // The refused code can be taken off on the spot, and the order goes through at full price.
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(refusedReview.text)![1]!;
    expect(refusedReview.text).toContain('action="/checkout/coupon/remove"');
    await again.post('/checkout/coupon/remove').type('form').send({ from: 'review', _csrf });
    const fullPrice = await placeOrder(again, token, csrf);
    expect(fullPrice.status).toBe(303);
    const order = await orderRow(numberFrom(fullPrice.headers.location!));
    expect(order).toMatchObject({ discount_total: '0.00', coupon_code: null });
  });

  it('a code with one use left, used by 20 checkouts at once, is used once; a cancelled order gives the use back', async () => {
    const s = await shop();
    const couponId = await makeCoupon({ code: 'LAST1', kind: 'fixed', value: '5.00', maxUses: 1 });
    const app = newApp();
    app.set('trust proxy', 'loopback');
    const buyers = [];
    for (let i = 0; i < 20; i++) {
      const agent = request.agent(app).set('X-Forwarded-For', `198.51.100.${i + 1}`);
      await addToCart(agent, s.mouse.variants[0]!.id, 1);
      expect((await applyCode(agent, 'LAST1')).status).toBe(303);
      buyers.push({
        agent,
        ...(await checkoutToReview(agent, {
          ...guestDetails,
          email: `c${i}@example.com`,
          phone: `012 400 ${String(100 + i)}`,
        })),
      });
    }
    const results = await Promise.all(buyers.map((b) => placeOrder(b.agent, b.token, b.csrf)));
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 422);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.text).toContain('The coupon LAST1 has been used up.');
    expect(await query('SELECT id FROM orders')).toHaveLength(1);
    expect(await query('SELECT id FROM coupon_redemptions')).toHaveLength(1);
    expect(
      (await query<{ used_count: number }>('SELECT used_count FROM coupons WHERE id = ?', [couponId]))[0]!.used_count,
    ).toBe(1);
    const [order] = await query<{ id: number; discount_total: string }>('SELECT id, discount_total FROM orders');
    expect(order!.discount_total).toBe('5.00');

    await transition(order!.id, 'cancelled', { note: 'customer changed their mind' });
    expect(await query('SELECT id FROM coupon_redemptions')).toEqual([]);
    expect(
      (await query<{ used_count: number }>('SELECT used_count FROM coupons WHERE id = ?', [couponId]))[0]!.used_count,
    ).toBe(0);
    // The use is free again: another customer can take it.
    const loser = results.findIndex((r) => r.status === 422);
    const next = buyers[loser]!;
    const review = await checkoutToReview(next.agent, {
      ...guestDetails,
      email: `c${loser}@example.com`,
      phone: `012 400 ${String(100 + loser)}`,
    });
    expect((await placeOrder(next.agent, review.token, review.csrf)).status).toBe(303);
    expect(
      (await query<{ used_count: number }>('SELECT used_count FROM coupons WHERE id = ?', [couponId]))[0]!.used_count,
    ).toBe(1);
  }, 90_000);

  it('an automatic promotion applies without a code (the best one wins); a code typed instead replaces it', async () => {
    const s = await shop();
    await makeCoupon({
      code: 'GAMINGWEEK',
      description: 'Gaming week',
      automatic: true,
      scope: 'categories',
      targets: [s.gaming.id],
    });
    await makeCoupon({ code: 'SMALLPROMO', description: 'Small promo', automatic: true, kind: 'fixed', value: '3.00' });
    await makeCoupon({
      code: 'LATERPROMO',
      automatic: true,
      value: '50.00',
      startsAt: new Date(Date.now() + 86_400_000),
    });
    await makeCoupon({ code: 'FLAT20', kind: 'fixed', value: '20.00' });
    const agent = request.agent(newApp());
    await addToCart(agent, s.laptop.variants[0]!.id, 1);
    const cart = await agent.get('/cart');
    expect(cart.text).toContain('Promotion: Gaming week');
    expect(cart.text).toContain('−$100.00');
    const { review, token, csrf } = await checkoutToReview(agent);
    expect(review.text).toContain('Promotion: Gaming week');
    // A code replaces the promotion: one discount per order.
    expect((await applyCode(agent, 'FLAT20', 'review')).status).toBe(303);
    const withCode = await agent.get('/checkout/review');
    expect(withCode.text).toContain('Discount (FLAT20)');
    expect(withCode.text).not.toContain('Promotion: Gaming week');
    const _csrf = await csrfFrom(agent, '/checkout/review');
    await agent.post('/checkout/coupon/remove').type('form').send({ from: 'review', _csrf });
    const placed = await placeOrder(agent, token, csrf);
    expect(placed.status).toBe(303);
    const order = await orderRow(numberFrom(placed.headers.location!));
    expect(order.discount_total).toBe('100.00');
    expect(order.coupon_code).toBe('GAMINGWEEK');
    expect(await query('SELECT discount FROM coupon_redemptions WHERE order_id = ?', [order.id])).toEqual([
      { discount: '100.00' },
    ]);
  });

  it('the till applies a coupon: priced on the screen, used once on completion; a once-per-customer code needs the customer; customers cannot reach it', async () => {
    const s = await shop();
    const couponId = await makeCoupon({ code: 'TILL5', kind: 'fixed', value: '5.00', maxUses: 1 });
    await makeCoupon({ code: 'ONEEACH', maxUsesPerCustomer: 1 });
    const app = newApp();
    const staff = await createUser({ role: 'staff' });
    const cashier = await loginAs(app, staff);
    await postForm(cashier, '/pos/scan', { code: s.mouse.variants[0]!.sku }, '/pos');
    expect((await postForm(cashier, '/pos/coupon', { couponCode: 'oneeach' }, '/pos')).text).toContain(
      'once per customer: add the customer to the sale first',
    );
    expect((await postForm(cashier, '/pos/coupon', { couponCode: 'till5' }, '/pos')).status).toBe(303);
    const screen = await cashier.get('/pos');
    expect(screen.text).toContain('Discount (coupon TILL5)');
    expect(screen.text).toContain('-$5.00');
    const done = await postForm(
      cashier,
      '/pos/complete',
      { method: 'cash', tenderedUsd: '20', tenderedKhr: '0' },
      '/pos',
    );
    expect(done.status).toBe(303);
    const [order] = await query<{
      id: number;
      discount_total: string;
      grand_total: string;
      coupon_code: string;
      subtotal: string;
    }>("SELECT id, discount_total, grand_total, coupon_code, subtotal FROM orders WHERE channel = 'counter'");
    expect(order).toMatchObject({ subtotal: '20.00', discount_total: '5.00', coupon_code: 'TILL5' });
    expect(await query('SELECT discount, line_total FROM order_lines WHERE order_id = ?', [order!.id])).toEqual([
      { discount: '5.00', line_total: '15.00' },
    ]);
    expect(
      (await query<{ used_count: number }>('SELECT used_count FROM coupons WHERE id = ?', [couponId]))[0]!.used_count,
    ).toBe(1);
    // Used up now: the next sale is told so.
    await postForm(cashier, '/pos/scan', { code: s.mouse.variants[0]!.sku }, '/pos');
    expect((await postForm(cashier, '/pos/coupon', { couponCode: 'TILL5' }, '/pos')).text).toContain(
      'The coupon TILL5 has been used up.',
    );
    // A customer is refused the till's coupon route.
    const customer = await loginAs(app, await createUser({ role: 'customer' }));
    const token = await csrfFrom(customer, '/account');
    expect((await customer.post('/pos/coupon').type('form').send({ couponCode: 'TILL5', _csrf: token })).status).toBe(
      403,
    );
  });

  it('hostile: no token is 403; a malformed body is a 4xx; guessing codes is stopped after 20 refusals', async () => {
    const s = await shop();
    const agent = request.agent(newApp());
    await addToCart(agent, s.mouse.variants[0]!.id, 1);
    const noToken = await agent.post('/checkout/coupon').type('form').send({ code: 'SAVE10' });
    expect(noToken.status).toBe(403);
    const _csrf = await csrfFrom(agent, '/cart');
    const json = await agent
      .post('/checkout/coupon')
      .set('Content-Type', 'application/json')
      .set('X-CSRF-Token', _csrf)
      .send('{"code":');
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    const arrayCode = await agent.post('/checkout/coupon').type('form').send(`code=A&code=B&_csrf=${_csrf}`);
    expect(arrayCode.status).toBe(303);
    // The malformed code above was the first refusal; 19 more wrong guesses are answered, the 21st is not.
    for (let i = 0; i < 19; i++) expect((await applyCode(agent, `GUESS${i}`)).status).toBe(303);
    const blocked = await applyCode(agent, 'GUESS21');
    expect(blocked.status).toBe(429);
    // Removing a code needs the token too.
    expect((await agent.post('/checkout/coupon/remove').type('form').send({ from: 'cart' })).status).toBe(403);
  });
});
