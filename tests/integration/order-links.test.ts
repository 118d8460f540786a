import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { orderLinkKey } from '../../src/lib/order-links.js';
import { sendOrderEmail } from '../../src/modules/orders/order-emails.js';
import { findLines, findOrderById } from '../../src/modules/orders/orders.queries.js';
import { query } from '../helpers/db.js';
import { createUser, newApp } from '../helpers/http.js';
import { mailbox } from '../helpers/mailbox.js';

let seq = 0;
/** An unpaid order (a guest's unless userId is given), as checkout leaves it. */
async function unpaidOrder(email: string, userId: number | null = null): Promise<{ id: number; number: string }> {
  seq += 1;
  const number = `CS-261202-${String(700000 + seq)}`;
  await query(
    `INSERT INTO orders (number, channel, status, user_id, customer_name, customer_email, customer_phone,
      delivery_method, subtotal, grand_total, khr_per_usd, payment_deadline)
     VALUES (?, 'online', 'pending_payment', ?, 'Sokha Chan', ?, '+85512345678', 'pickup', '10.00', '10.00', 4100,
      NOW() + INTERVAL 1 HOUR)`,
    [number, userId, email],
  );
  const [row] = await query<{ id: number }>('SELECT id FROM orders WHERE number = ?', [number]);
  return { id: row!.id, number };
}

/** The links of the order email the customer receives. */
async function emailedLinks(order: { id: number }, email: string): Promise<string[]> {
  const full = (await findOrderById(order.id))!;
  await sendOrderEmail('pending_payment', full, await findLines(order.id));
  const mail = await mailbox.waitFor(email);
  return [...mail.text.matchAll(/https?:\/\/\S+\/orders\/\S+/g)].map(
    (m) => new URL(m[0]).pathname + new URL(m[0]).search,
  );
}

describe('links in order emails open the order on any phone or browser', () => {
  it('a guest opens "Pay now" and "See your order" from the email in a fresh browser; the key leaves the address', async () => {
    const order = await unpaidOrder('guest-link@example.com');
    const links = await emailedLinks(order, 'guest-link@example.com');
    expect(links).toHaveLength(2);
    expect(links.every((l) => /\?k=[0-9a-z]+\.[\w-]{32}$/.test(l))).toBe(true);
    const pay = links.find((l) => l.includes('/pay'))!;
    const phone = request.agent(newApp());
    const first = await phone.get(pay);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/orders/${order.number}/pay`);
    const page = await phone.get(first.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(order.number);
    // Same browser, the rest of the order: page and invoice.
    expect((await phone.get(`/orders/${order.number}`)).status).toBe(200);
    expect((await phone.get(`/orders/${order.number}/invoice`)).status).toBe(200);
    // Another browser without the link still gets nothing, and is offered /track.
    const other = await request(newApp()).get(`/orders/${order.number}`).set('Accept', 'text/html');
    expect(other.status).toBe(404);
    expect(other.text).toContain('href="/track"');
  });

  it("an account's order opens from its email link without signing in", async () => {
    const user = await createUser({ role: 'customer' });
    const [u] = await query<{ id: number }>('SELECT id FROM users WHERE email = ?', [user.email]);
    const order = await unpaidOrder(user.email, u!.id);
    const links = await emailedLinks(order, user.email);
    const phone = request.agent(newApp());
    const first = await phone.get(links.find((l) => !l.includes('/pay'))!);
    expect(first.status).toBe(303);
    expect((await phone.get(`/orders/${order.number}`)).status).toBe(200);
  });

  it("a forged, expired or other order's key opens nothing: the track form with the number filled in", async () => {
    const a = await unpaidOrder('a-link@example.com');
    const b = await unpaidOrder('b-link@example.com');
    const good = orderLinkKey(a.number);
    const forged = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    const expired = orderLinkKey(a.number, Date.now() - 31 * 24 * 3600_000);
    for (const [path, key] of [
      [`/orders/${a.number}`, forged],
      [`/orders/${a.number}`, expired],
      [`/orders/${b.number}`, good],
      [`/orders/${b.number}/pay`, good],
    ] as const) {
      const browser = request.agent(newApp());
      const res = await browser.get(`${path}?k=${encodeURIComponent(key)}`).set('Accept', 'text/html');
      expect(res.status, `${path} ${key}`).toBe(404);
      expect(res.text).toContain('This link has expired or is not valid.');
      expect(res.text).toContain(`value="${path.split('/')[2]}"`);
      expect((await browser.get(path)).status).toBe(404);
    }
  });

  it('malformed keys are 4xx, never 500; a key on a POST grants nothing', async () => {
    const order = await unpaidOrder('odd-link@example.com');
    const app = newApp();
    for (const q of ['k[]=a', 'k=', `k=${'x'.repeat(500)}`, 'k=%00', 'k=1.2&k=3']) {
      const res = await request(app).get(`/orders/${order.number}?${q}`);
      expect(res.status, q).toBeGreaterThanOrEqual(400);
      expect(res.status, q).toBeLessThan(500);
    }
    const key = orderLinkKey(order.number);
    const browser = request.agent(app);
    const post = await browser.post(`/orders/${order.number}/cancel?k=${key}`).type('form').send({});
    expect(post.status).toBe(403); // no CSRF token: refused before anything
    expect((await browser.get(`/orders/${order.number}`)).status).toBe(404);
    const [row] = await query<{ status: string }>('SELECT status FROM orders WHERE id = ?', [order.id]);
    expect(row!.status).toBe('pending_payment');
  });
});
