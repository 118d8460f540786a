import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';
import { addToCart, shopWith } from '../helpers/shop.js';

type ItemRow = { id: number; cart_id: number; variant_id: number; quantity: number };
const items = () => query<ItemRow>('SELECT * FROM cart_items ORDER BY id');

describe('cart', () => {
  it(
    'POST /cart/items — a guest with no session can add without a token; ' +
      'the cart lives in MySQL and the header counts it',
    async () => {
      const { variantIds } = await shopWith([{ price: '12.50', stock: 5 }]);
      const agent = request.agent(newApp());
      const res = await agent
        .post('/cart/items')
        .type('form')
        .send({ variantId: String(variantIds[0]), quantity: '2', returnTo: '/cart' });
      expect(res.status).toBe(303);
      expect(await items()).toMatchObject([{ variant_id: variantIds[0], quantity: 2 }]);
      const page = await agent.get('/cart');
      expect(page.text).toMatch(/data-cart-count[^>]*>2</);
      expect(page.text).toContain('$25.00');
    },
  );

  it(
    'POST /cart/items — once a session exists, ' + 'a request without the token is refused (403) and nothing changes',
    async () => {
      const { variantIds } = await shopWith([{ price: '5.00', stock: 5 }]);
      const agent = request.agent(newApp());
      await addToCart(agent, variantIds[0]!, 1);
      const res = await agent
        .post('/cart/items')
        .type('form')
        .send({ variantId: String(variantIds[0]), quantity: '1' });
      expect(res.status).toBe(403);
      expect((await items())[0]!.quantity).toBe(1);
    },
  );

  it('adding more than the stock caps the line at the stock and says so', async () => {
    const { variantIds } = await shopWith([{ price: '5.00', stock: 3 }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 2);
    const res = await addToCart(agent, variantIds[0]!, 5);
    expect(res.status).toBe(303);
    expect((await items())[0]!.quantity).toBe(3);
    expect((await agent.get('/cart')).text).toContain('Only 3 in stock');
  });

  it('JSON clients get the new count, the message and a fresh token', async () => {
    const { variantIds } = await shopWith([{ price: '5.00', stock: 3 }]);
    const res = await request(newApp())
      .post('/cart/items')
      .set('Accept', 'application/json')
      .type('form')
      .send({ variantId: String(variantIds[0]), quantity: '1' });
    expect(res.body).toMatchObject({ count: 1, message: 'Added to your cart.', csrf: expect.any(String) });
  });

  it('an out-of-stock, draft or unknown variant cannot be added', async () => {
    const { variantIds, products } = await shopWith([
      { price: '5.00', stock: 0 },
      { price: '6.00', stock: 4 },
    ]);
    await query("UPDATE products SET status = 'draft' WHERE id = ?", [products[1]!.id]);
    const agent = request.agent(newApp());
    expect((await addToCart(agent, variantIds[0]!)).status).toBe(303);
    expect((await addToCart(agent, variantIds[1]!)).status).toBe(303);
    expect((await addToCart(agent, 999999)).status).toBe(303);
    expect(await items()).toHaveLength(0);
    expect((await agent.get('/cart')).text).toContain('Your cart is empty');
  });

  it('changing a quantity, capping it, and removing a line (quantity 0 or Remove)', async () => {
    const { variantIds } = await shopWith([
      { price: '5.00', stock: 4 },
      { price: '7.00', stock: 4 },
    ]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 1);
    await addToCart(agent, variantIds[1]!, 1);
    const [a, b] = await items();
    expect((await postForm(agent, `/cart/items/${a!.id}`, { quantity: '9' }, '/cart')).status).toBe(303);
    expect((await items())[0]!.quantity).toBe(4);
    await postForm(agent, `/cart/items/${a!.id}`, { quantity: '0' }, '/cart');
    await postForm(agent, `/cart/items/${b!.id}/remove`, {}, '/cart');
    expect(await items()).toHaveLength(0);
  });

  it('a bad quantity is a clear message, not a 500, and the line stays', async () => {
    const { variantIds } = await shopWith([{ price: '5.00', stock: 4 }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 2);
    const [a] = await items();
    const res = await postForm(agent, `/cart/items/${a!.id}`, { quantity: 'lots' }, '/cart');
    expect(res.status).toBe(303);
    expect((await agent.get('/cart')).text).toContain('Enter a quantity from 1 to 99');
    expect((await items())[0]!.quantity).toBe(2);
  });

  it("someone else's cart line cannot be changed", async () => {
    const { variantIds } = await shopWith([{ price: '5.00', stock: 4 }]);
    const app = newApp();
    const owner = request.agent(app);
    await addToCart(owner, variantIds[0]!, 2);
    const [line] = await items();
    const other = request.agent(app);
    await addToCart(other, variantIds[0]!, 1);
    const res = await postForm(other, `/cart/items/${line!.id}`, { quantity: '1' }, '/cart');
    expect(res.status).toBe(404);
    expect((await query<ItemRow>('SELECT * FROM cart_items WHERE id = ?', [line!.id]))[0]!.quantity).toBe(2);
  });

  it(
    'shows when a price changed since it was added and when an item became unavailable; ' + 'checkout is blocked',
    async () => {
      const { variantIds, products } = await shopWith([
        { price: '5.00', stock: 4 },
        { price: '8.00', stock: 4 },
      ]);
      const agent = request.agent(newApp());
      await addToCart(agent, variantIds[0]!, 1);
      await addToCart(agent, variantIds[1]!, 1);
      await query('UPDATE variants SET price = 6.00 WHERE id = ?', [variantIds[0]]);
      await query("UPDATE products SET status = 'archived' WHERE id = ?", [products[1]!.id]);
      const page = await agent.get('/cart');
      expect(page.text).toContain('Price was $5.00 when you added it');
      expect(page.text).toContain('$6.00');
      expect(page.text).toContain('No longer available');
      expect(page.text).not.toContain('href="/checkout"');
      const checkout = await agent.get('/checkout');
      expect(checkout.status).toBe(303);
      expect(checkout.headers.location).toBe('/cart');
    },
  );

  it('on login the guest cart merges into the account cart (quantities add up, capped by stock)', async () => {
    const { variantIds } = await shopWith([
      { price: '5.00', stock: 3 },
      { price: '9.00', stock: 10 },
    ]);
    const user = await createUser();
    const app = newApp();
    const phone = await loginAs(app, user);
    await addToCart(phone, variantIds[0]!, 2);
    const laptop = request.agent(app);
    await addToCart(laptop, variantIds[0]!, 2);
    await addToCart(laptop, variantIds[1]!, 1);
    await postForm(laptop, '/login', { email: user.email, password: user.password });
    const carts = await query<{ id: number; user_id: number | null }>('SELECT id, user_id FROM carts');
    expect(carts).toEqual([{ id: expect.any(Number), user_id: user.id }]);
    const rows = await items();
    expect(rows.map((r) => [r.variant_id, r.quantity])).toEqual([
      [variantIds[0], 3],
      [variantIds[1], 1],
    ]);
    // The same cart follows the user to the other device and survives logout.
    expect((await phone.get('/cart')).text).toMatch(/data-cart-count[^>]*>4</);
    await postForm(laptop, '/logout', {}, '/cart');
    expect((await laptop.get('/cart')).text).toContain('Your cart is empty');
    expect(await items()).toHaveLength(2);
  });
});

describe('wishlist', () => {
  it('a customer adds, moves to cart and removes; visitors are sent to log in', async () => {
    const { products } = await shopWith([
      { price: '5.00', stock: 3 },
      { price: '9.00', stock: 3 },
    ]);
    const user = await createUser();
    const app = newApp();
    expect((await request(app).get('/wishlist')).status).toBe(303);
    const agent = await loginAs(app, user);
    await postForm(agent, `/wishlist/${products[0]!.id}`, {}, '/cart');
    await postForm(agent, `/wishlist/${products[1]!.id}`, {}, '/cart');
    expect(await query('SELECT * FROM wishlist_items WHERE user_id = ?', [user.id])).toHaveLength(2);
    expect((await postForm(agent, `/wishlist/${products[0]!.id}/move-to-cart`, {}, '/wishlist')).status).toBe(303);
    expect(await items()).toMatchObject([{ variant_id: products[0]!.variants[0]!.id, quantity: 1 }]);
    await postForm(agent, `/wishlist/${products[1]!.id}/remove`, {}, '/wishlist');
    expect(await query('SELECT * FROM wishlist_items WHERE user_id = ?', [user.id])).toHaveLength(0);
  });
});
