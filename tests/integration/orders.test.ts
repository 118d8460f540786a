import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../../src/db/schema.js';
import { transition } from '../../src/modules/orders/orders.service.js';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';
import type { Express } from 'express';

type OrderRow = { id: number; number: string; status: OrderStatus; user_id: number | null };

async function guestOrder(app: Express, qty = 2, stock = 5) {
  const shop = await shopWith([{ price: '10.00', stock, name: 'Kingston 64GB USB' }]);
  const agent = request.agent(app);
  await addToCart(agent, shop.variantIds[0]!, qty);
  const { token, csrf } = await checkoutToReview(agent);
  await placeOrder(agent, token, csrf);
  const [order] = await query<OrderRow>('SELECT * FROM orders ORDER BY id DESC LIMIT 1');
  return { agent, order: order!, variantId: shop.variantIds[0]! };
}
const stockOf = async (variantId: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock;

describe('order status transitions', () => {
  it('refuses every illegal move, writes nothing for it, and logs every legal one with who and note', async () => {
    const app = newApp();
    const { order } = await guestOrder(app);
    const staff = await createUser({ role: 'staff' });
    await expect(transition(order.id, 'shipped')).rejects.toThrow(/illegalTransition/);
    await expect(transition(order.id, 'refunded')).rejects.toThrow(/illegalTransition/);
    await expect(transition(order.id, 'completed')).rejects.toThrow(/illegalTransition/);
    expect(await query('SELECT id FROM order_status_log WHERE order_id = ?', [order.id])).toHaveLength(1);
    await transition(order.id, 'paid', { actorId: staff.id, note: 'KHQR checked', set: { paidAt: new Date() } });
    await transition(order.id, 'processing', { actorId: staff.id });
    await transition(order.id, 'shipped', {
      actorId: staff.id,
      set: { courier: 'J&T Express', trackingNumber: 'JT123' },
    });
    await expect(transition(order.id, 'cancelled')).rejects.toThrow(/illegalTransition/);
    const log = await query<{
      from_status: string | null;
      to_status: string;
      user_id: number | null;
      note: string | null;
    }>('SELECT from_status, to_status, user_id, note FROM order_status_log WHERE order_id = ? ORDER BY id', [order.id]);
    expect(log).toEqual([
      { from_status: null, to_status: 'pending_payment', user_id: null, note: null },
      { from_status: 'pending_payment', to_status: 'paid', user_id: staff.id, note: 'KHQR checked' },
      { from_status: 'paid', to_status: 'processing', user_id: staff.id, note: null },
      { from_status: 'processing', to_status: 'shipped', user_id: staff.id, note: null },
    ]);
    expect(
      (await query<OrderRow & { tracking_number: string }>('SELECT * FROM orders WHERE id = ?', [order.id]))[0],
    ).toMatchObject({ status: 'shipped', tracking_number: 'JT123' });
  });

  it('each status sends its email: paid (receipt), shipped (tracking), ready for pickup, cancelled', async () => {
    const app = newApp();
    const a = await guestOrder(app);
    await transition(a.order.id, 'paid');
    await transition(a.order.id, 'shipped', {
      set: { courier: 'VET Express', trackingNumber: 'VET-889' },
      emailData: { courier: 'VET Express', tracking: 'VET-889' },
    });
    const b = await guestOrder(app);
    await transition(b.order.id, 'paid');
    await transition(b.order.id, 'ready_for_pickup');
    const c = await guestOrder(app);
    await transition(c.order.id, 'cancelled', { emailData: { reason: 'Out of stock at the supplier.' } });
    const subjects = mailbox.to(guestDetails.email).map((m) => m.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        `Payment received for order ${a.order.number}`,
        `Order ${a.order.number} is on its way`,
        `Order ${b.order.number} is ready for pickup`,
        `Order ${c.order.number} was cancelled`,
      ]),
    );
    const shipped = mailbox.messages.find((m) => m.subject.includes('on its way'))!;
    expect(shipped.text).toContain('VET-889');
    expect(shipped.html).toContain('VET Express');
  });

  it('cancelling gives the reserved stock back through the ledger; a second cancel is refused', async () => {
    const app = newApp();
    const { order, variantId } = await guestOrder(app, 2, 5);
    expect(await stockOf(variantId)).toBe(3);
    await transition(order.id, 'cancelled');
    expect(await stockOf(variantId)).toBe(5);
    expect(
      await query("SELECT delta, stock_before, stock_after FROM stock_movements WHERE reason = 'order_cancelled'"),
    ).toEqual([{ delta: 2, stock_before: 3, stock_after: 5 }]);
    await expect(transition(order.id, 'cancelled')).rejects.toThrow(/illegalTransition/);
    expect(await stockOf(variantId)).toBe(5);
  });

  it.each(ORDER_STATUSES.filter((s) => s !== 'pending_payment' && s !== 'confirmed'))(
    'POST /orders/:n/cancel — a customer cannot cancel an order that is %s (409)',
    async (status) => {
      const app = newApp();
      const { agent, order } = await guestOrder(app);
      await query('UPDATE orders SET status = ? WHERE id = ?', [status, order.id]);
      const res = await postForm(agent, `/orders/${order.number}/cancel`, {}, `/orders/${order.number}`);
      expect(res.status).toBe(409);
      expect((await query<OrderRow>('SELECT status FROM orders WHERE id = ?', [order.id]))[0]!.status).toBe(status);
    },
  );
});

describe('customer order pages', () => {
  it('the guest who placed it sees the order, cancels it while unpaid, and stock returns', async () => {
    const app = newApp();
    const { agent, order, variantId } = await guestOrder(app);
    const page = await agent.get(`/orders/${order.number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kingston 64GB USB');
    expect(page.text).toContain('Awaiting payment');
    const res = await postForm(agent, `/orders/${order.number}/cancel`, {}, `/orders/${order.number}`);
    expect(res.status).toBe(303);
    expect((await query<OrderRow>('SELECT status FROM orders WHERE id = ?', [order.id]))[0]!.status).toBe('cancelled');
    expect(await stockOf(variantId)).toBe(5);
    expect((await agent.get(`/orders/${order.number}`)).text).toContain('Cancelled');
  });

  it('nobody else can open or act on the order: every page and action is 404', async () => {
    const app = newApp();
    const { order } = await guestOrder(app);
    const stranger = request.agent(app);
    const customer = await loginAs(app, await createUser());
    for (const agent of [stranger, customer] as Agent[]) {
      for (const path of ['', '/pay', '/invoice', '/invoice.pdf'])
        expect((await agent.get(`/orders/${order.number}${path}`)).status).toBe(404);
      const _csrf = await csrfFrom(agent, '/track');
      expect((await agent.post(`/orders/${order.number}/cancel`).type('form').send({ _csrf })).status).toBe(404);
      expect((await agent.post(`/orders/${order.number}/reorder`).type('form').send({ _csrf })).status).toBe(404);
    }
    expect((await query<OrderRow>('SELECT status FROM orders WHERE id = ?', [order.id]))[0]!.status).toBe(
      'pending_payment',
    );
    expect(await query('SELECT * FROM cart_items')).toHaveLength(0);
    // Staff may open it.
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await staff.get(`/orders/${order.number}`)).status).toBe(200);
  });

  it("a customer's order is theirs on any device; /orders lists only their own", async () => {
    const app = newApp();
    const user = await createUser({ email: 'own@example.com' });
    const shop = await shopWith([{ price: '10.00', stock: 5 }]);
    const agent = await loginAs(app, user);
    await addToCart(agent, shop.variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent, { ...guestDetails, email: 'own@example.com' });
    await placeOrder(agent, token, csrf);
    await guestOrder(app);
    const [mine] = await query<OrderRow>('SELECT * FROM orders WHERE user_id = ?', [user.id]);
    const other = await loginAs(app, user);
    expect((await other.get(`/orders/${mine!.number}`)).status).toBe(200);
    const list = await other.get('/orders');
    expect(list.text.match(/href="\/orders\/CS-/g)).toHaveLength(1);
  });

  it('reorder puts available items back in the cart and names what could not be added', async () => {
    const app = newApp();
    const shop = await shopWith([
      { price: '10.00', stock: 5, name: 'Webcam C270' },
      { price: '20.00', stock: 5, name: 'Headset H390' },
    ]);
    const agent = request.agent(app);
    await addToCart(agent, shop.variantIds[0]!, 1);
    await addToCart(agent, shop.variantIds[1]!, 2);
    const { token, csrf } = await checkoutToReview(agent);
    await placeOrder(agent, token, csrf);
    const [order] = await query<OrderRow>('SELECT * FROM orders');
    await query('UPDATE variants SET stock = 0 WHERE id = ?', [shop.variantIds[1]]);
    const res = await postForm(agent, `/orders/${order!.number}/reorder`, {}, `/orders/${order!.number}`);
    expect(res.headers.location).toBe('/cart');
    const cart = await agent.get('/cart');
    expect(cart.text).toContain('Added to your cart: Webcam C270');
    expect(cart.text).toContain('Could not add (unavailable): Headset H390');
    expect(await query('SELECT variant_id, quantity FROM cart_items')).toEqual([
      { variant_id: shop.variantIds[0], quantity: 1 },
    ]);
  });

  it('the invoice shows the lines and totals in USD and riel, with a print stylesheet; the PDF downloads', async () => {
    await query("INSERT INTO settings (`key`, value) VALUES ('vatNumber', 'K001-901234567')");
    const app = newApp();
    const { agent, order } = await guestOrder(app);
    const html = await agent.get(`/orders/${order.number}/invoice`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('/static/css/print.css');
    expect(html.text).toContain('K001-901234567');
    expect(html.text).toContain(order.number);
    expect(html.text).toContain('$21.50'); // 2 × 10 + 1.50 delivery
    expect(html.text).toContain('88,150 ៛');
    const pdf = await agent
      .get(`/orders/${order.number}/invoice.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toContain(`invoice-${order.number}.pdf`);
  });
});

describe('/track', () => {
  it(
    'the number with the right phone or email opens the order; ' + 'a wrong pair answers exactly like a missing order',
    async () => {
      const app = newApp();
      const { order } = await guestOrder(app);
      const byPhone = request.agent(app);
      const ok = await postForm(byPhone, '/track', { number: order.number.toLowerCase(), contact: '012 345 678' });
      expect(ok.status).toBe(303);
      expect((await byPhone.get(`/orders/${order.number}`)).status).toBe(200);
      const byEmail = await postForm(request.agent(app), '/track', {
        number: order.number,
        contact: 'DARA@example.com',
      });
      expect(byEmail.status).toBe(303);

      const wrongPair = await postForm(request.agent(app), '/track', {
        number: order.number,
        contact: 'someone@example.com',
      });
      const missing = await postForm(request.agent(app), '/track', {
        number: 'CS-000000-000000',
        contact: 'dara@example.com',
      });
      expect(wrongPair.status).toBe(404);
      expect(missing.status).toBe(404);
      const strip = (s: string) =>
        s
          .replace(/name="_csrf" value="[^"]+"/, '')
          .replace(/value="CS-[^"]+"/, '')
          .replace(/value="[^"]*@example.com"/, '');
      expect(strip(wrongPair.text)).toBe(strip(missing.text));
    },
  );

  it('is rate-limited after 20 attempts', async () => {
    const app = newApp();
    const agent = request.agent(app);
    const _csrf = await csrfFrom(agent, '/track');
    for (let i = 0; i < 20; i++)
      await agent.post('/track').type('form').send({ number: 'CS-000000-000000', contact: 'x@example.com', _csrf });
    const limited = await agent
      .post('/track')
      .type('form')
      .send({ number: 'CS-000000-000000', contact: 'x@example.com', _csrf });
    expect(limited.status).toBe(429);
  });
});
