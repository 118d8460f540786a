import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { newApp } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

describe('checkout under concurrency', () => {
  it('50 customers buy the last 10 units at once: exactly 10 orders, stock 0, 40 clear "not enough stock" answers, ' +
    'ledger consistent', async () => {
    const { variantIds } = await shopWith([{ price: '25.00', stock: 10, name: 'RTX Hot Deal' }]);
    // 50 different customers: each with their own address (behind the shop's proxy), email and phone,
    // since orders are now rate-limited per IP and capped per email and phone.
    const app = newApp();
    app.set('trust proxy', 'loopback');
    const buyers = [];
    for (let i = 0; i < 50; i++) {
      const agent = request.agent(app).set('X-Forwarded-For', `203.0.113.${i + 1}`);
      await addToCart(agent, variantIds[0]!, 1);
      buyers.push({
        agent,
        ...(await checkoutToReview(agent, {
          ...guestDetails,
          email: `buyer${i}@example.com`,
          phone: `012 345 ${String(100 + i)}`,
        })),
      });
    }
    const results = await Promise.all(buyers.map((b) => placeOrder(b.agent, b.token, b.csrf)));
    const placed = results.filter((r) => r.status === 303);
    const other = results.filter((r) => r.status !== 303 && r.status !== 409);
    expect(other.map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    const refused = results.filter((r) => r.status === 409);
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r.text).toContain('Not enough stock for RTX Hot Deal');

    expect(await query('SELECT id FROM orders')).toHaveLength(10);
    expect(await query('SELECT id FROM order_lines')).toHaveLength(10);
    expect((await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantIds[0]]))[0]!.stock).toBe(
      0,
    );
    const ledger = await query<{ delta: number; stock_before: number; stock_after: number }>(
      'SELECT delta, stock_before, stock_after FROM stock_movements ' +
        "WHERE variant_id = ? AND reason = 'sale' ORDER BY id",
      [variantIds[0]],
    );
    expect(ledger).toHaveLength(10);
    // Each movement starts where the previous one ended: 10→9→...→0.
    for (const [i, m] of ledger.entries()) expect(m).toEqual({ delta: -1, stock_before: 10 - i, stock_after: 9 - i });
    const [sum] = await query<{ total: string }>(
      'SELECT SUM(delta) AS total FROM stock_movements WHERE variant_id = ?',
      [variantIds[0]],
    );
    expect(Number(sum!.total)).toBe(0); // +10 initial, -10 sold
  }, 60_000);

  it('10 parallel submits of the same checkout create one order and take the stock once', async () => {
    const { variantIds } = await shopWith([{ price: '25.00', stock: 10 }]);
    const agent = request.agent(newApp());
    await addToCart(agent, variantIds[0]!, 3);
    const { token, csrf } = await checkoutToReview(agent);
    const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(agent, token, csrf)));
    const [order] = await query<{ number: string }>('SELECT number FROM orders');
    expect(await query('SELECT id FROM orders')).toHaveLength(1);
    for (const r of results) {
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe(`/orders/${order!.number}/pay`);
    }
    expect((await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantIds[0]]))[0]!.stock).toBe(
      7,
    );
    expect(await query("SELECT id FROM stock_movements WHERE reason = 'sale'")).toHaveLength(1);
  }, 60_000);
});
