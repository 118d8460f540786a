import { eq } from 'drizzle-orm';
import request from 'supertest';
import sharp from 'sharp';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { config } from '../../src/config/env.js';
import { db } from '../../src/db/client.js';
import { payments } from '../../src/db/schema.js';
import { withTransaction } from '../../src/db/transaction.js';
import { assignInvoiceNumber } from '../../src/modules/orders/invoice-number.js';
import { transition } from '../../src/modules/orders/orders.service.js';
import { createOrder } from '../../src/modules/orders/create-order.js';
import { settle } from '../../src/modules/payments/payment-checker.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

type OrderRow = {
  id: number;
  number: string;
  status: string;
  invoice_number: string | null;
  invoiced_at: Date | null;
  buyer_company: string | null;
  buyer_vatin: string | null;
  buyer_address: string | null;
};
const orderRow = async (id: number) => (await query<OrderRow>('SELECT * FROM orders WHERE id = ?', [id]))[0]!;
const counters = () => query<{ year: number; last_number: number }>('SELECT * FROM invoice_counters ORDER BY year');

/** An online order placed through checkout by its own guest (own email and phone: the open-order cap is per customer). */
async function placed(app: Express, variantId: number, i: number, extra: Record<string, string> = {}) {
  const agent = request.agent(app);
  await addToCart(agent, variantId, 1);
  const details = {
    ...guestDetails,
    email: `buyer${i}@example.com`,
    phone: `012 555 ${String(100 + i)}`,
    shipPhone: `012 555 ${String(100 + i)}`,
    ...extra,
  };
  const { token, csrf } = await checkoutToReview(agent, details);
  const res = await placeOrder(agent, token, csrf);
  expect(res.status).toBe(303);
  const [order] = await query<OrderRow>('SELECT * FROM orders ORDER BY id DESC LIMIT 1');
  return { agent, order: order! };
}

const png = () =>
  sharp({ create: { width: 200, height: 400, channels: 3, background: '#2a7' } })
    .png()
    .toBuffer();

async function withProof(agent: Agent, number: string) {
  const _csrf = await csrfFrom(agent, `/orders/${number}/pay`);
  const res = await agent
    .post(`/orders/${number}/proof`)
    .set('Accept', 'text/html')
    .field('_csrf', _csrf)
    .field('reference', `ABA-${number.slice(-6)}`)
    .field('currency', 'USD')
    .attach('screenshot', await png(), 'paid.png');
  expect(res.status).toBe(303);
  const [proof] = await query<{ id: number }>(
    'SELECT p.id FROM payment_proofs p JOIN orders o ON o.id = p.order_id WHERE o.number = ?',
    [number],
  );
  return proof!.id;
}

/** The order's USD KHQR code, made by opening the pay page as the customer does. */
async function khqrOf(agent: Agent, order: OrderRow) {
  expect((await agent.get(`/orders/${order.number}/pay?currency=USD`)).status).toBe(200);
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
  return payment!;
}

const bakongTx = (amount: number, n: number) => ({
  hash: `hash-${n}`,
  fromAccountId: 'dara_kim@wing',
  toAccountId: config.KHQR_ACCOUNT_ID,
  currency: 'USD',
  amount,
});

describe('invoice numbers', () => {
  it('20 orders paid at once (10 by Bakong, 10 by staff approving screenshots) get INV-YYYY-000001..20, no gap, no duplicate', async () => {
    // Two apps: one app's place-order limit (10 an hour per IP) would stop the eleventh.
    const apps = [newApp(), newApp()];
    const app = apps[1]!;
    const { variantIds } = await shopWith([{ price: '10.00', stock: 50 }]);
    const orders = [];
    for (let i = 0; i < 20; i++) orders.push(await placed(apps[i < 10 ? 0 : 1]!, variantIds[0]!, i));
    const khqr = await Promise.all(orders.slice(0, 10).map((o) => khqrOf(o.agent, o.order)));
    const proofs = [];
    for (const o of orders.slice(10)) proofs.push(await withProof(o.agent, o.order.number));
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const _csrf = await csrfFrom(staff, '/admin/payments');
    const now = new Date();

    const results = await Promise.all([
      ...khqr.map((p, i) => settle(p, bakongTx(Number(p.amount), i), now)),
      ...proofs.map((id) =>
        staff
          .post(`/admin/payments/proofs/${id}/approve`)
          .type('form')
          .set('Accept', 'text/html')
          .send({ _csrf })
          .then((r) => r.status),
      ),
    ]);
    expect(results).toEqual([...Array<string>(10).fill('paid'), ...Array<number>(10).fill(303)]);

    const rows = await query<OrderRow>('SELECT * FROM orders');
    expect(rows.every((r) => r.status === 'paid')).toBe(true);
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    const numbers = rows.map((r) => r.invoice_number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${year}-${String(i + 1).padStart(6, '0')}`));
    expect(rows.every((r) => r.invoiced_at instanceof Date)).toBe(true);
    expect(await counters()).toEqual([{ year, last_number: 20 }]);
  }, 120_000);

  it('a number is given once: later paid states and a replayed payment keep it; an unpaid order has none', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const first = await placed(app, variantIds[0]!, 1);
    const second = await placed(app, variantIds[0]!, 2);
    expect((await orderRow(first.order.id)).invoice_number).toBeNull();
    const payment = await khqrOf(first.agent, first.order);
    expect(await settle(payment, bakongTx(Number(payment.amount), 1), new Date())).toBe('paid');
    const number = (await orderRow(first.order.id)).invoice_number;
    expect(number).toMatch(/^INV-\d{4}-000001$/);
    // The same Bakong answer again changes nothing; the order goes on through its paid states.
    expect(await settle(payment, bakongTx(Number(payment.amount), 1), new Date())).not.toBe('paid');
    await transition(first.order.id, 'processing');
    await transition(first.order.id, 'ready_for_pickup');
    await transition(first.order.id, 'completed');
    expect((await orderRow(first.order.id)).invoice_number).toBe(number);
    await withTransaction((tx) => assignInvoiceNumber(tx, first.order.id));
    expect((await orderRow(first.order.id)).invoice_number).toBe(number);
    expect((await orderRow(second.order.id)).invoice_number).toBeNull();
    expect((await counters())[0]!.last_number).toBe(1);
  });

  it('a payment whose transaction rolls back takes its number back: the next paid order gets it (gapless)', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const a = await placed(app, variantIds[0]!, 1);
    const b = await placed(app, variantIds[0]!, 2);
    await expect(
      withTransaction(async () => {
        const paid = await transition(a.order.id, 'paid', { set: { paidAt: new Date() } });
        expect(paid.invoiceNumber).toMatch(/-000001$/);
        throw new Error('payment write failed');
      }),
    ).rejects.toThrow('payment write failed');
    expect(await orderRow(a.order.id)).toMatchObject({ status: 'pending_payment', invoice_number: null });
    expect(await counters()).toEqual([]);
    await transition(b.order.id, 'paid');
    expect((await orderRow(b.order.id)).invoice_number).toMatch(/^INV-\d{4}-000001$/);
    await transition(a.order.id, 'paid');
    expect((await orderRow(a.order.id)).invoice_number).toMatch(/^INV-\d{4}-000002$/);
  });

  it("numbers run per year of the shop's local date (Phnom Penh): 31 Dec 23:30 and 1 Jan 00:10 fall in different years", async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await placed(app, variantIds[0]!, i)).order.id);
    await query("UPDATE orders SET status = 'paid'");
    // 16:30 UTC is 23:30 in Phnom Penh; 17:10 UTC is already 00:10 on 1 January there.
    await withTransaction((tx) => assignInvoiceNumber(tx, ids[0]!, new Date('2026-12-31T16:30:00Z')));
    await withTransaction((tx) => assignInvoiceNumber(tx, ids[1]!, new Date('2026-12-31T17:10:00Z')));
    await withTransaction((tx) => assignInvoiceNumber(tx, ids[2]!, new Date('2027-01-02T03:00:00Z')));
    expect((await Promise.all(ids.map(orderRow))).map((o) => o.invoice_number)).toEqual([
      'INV-2026-000001',
      'INV-2027-000001',
      'INV-2027-000002',
    ]);
    expect(await counters()).toEqual([
      { year: 2026, last_number: 1 },
      { year: 2027, last_number: 2 },
    ]);
  });

  it('a sale created already paid (the till) is numbered in its own transaction', async () => {
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const now = new Date();
    const id = await withTransaction((tx) =>
      createOrder(tx, {
        values: {
          channel: 'counter',
          status: 'completed',
          customerName: 'Walk-in customer',
          customerEmail: '',
          customerPhone: '',
          deliveryMethod: 'pickup',
          subtotal: '10.00',
          grandTotal: '10.00',
          khrPerUsd: 4100,
          paymentMethod: 'cash',
          paidAt: now,
          placedAt: now,
          buyerCompany: 'Angkor Digital Co., Ltd.',
          buyerVatin: 'K001-901234567',
        },
        lines: [
          {
            variantId: variantIds[0]!,
            productName: 'Item 1',
            variantTitle: '',
            sku: 'SKU-1',
            unitPrice: '10.00',
            quantity: 1,
            discountCents: 0,
            lineTotalCents: 1000,
          },
        ],
        actorId: null,
      }),
    );
    expect(await orderRow(id)).toMatchObject({ invoice_number: expect.stringMatching(/-000001$/) });
  });

  it('an order paid before numbering gets the next number when its invoice is first opened, and keeps it', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const { agent, order } = await placed(app, variantIds[0]!, 1);
    await query("UPDATE orders SET status = 'paid', paid_at = NOW() WHERE id = ?", [order.id]);
    const html = await agent.get(`/orders/${order.number}/invoice`);
    expect(html.status).toBe(200);
    const number = (await orderRow(order.id)).invoice_number!;
    expect(number).toMatch(/^INV-\d{4}-000001$/);
    expect(html.text).toContain(number);
    await agent.get(`/orders/${order.number}/invoice.pdf`);
    expect((await orderRow(order.id)).invoice_number).toBe(number);
    expect((await counters())[0]!.last_number).toBe(1);
  });
});

describe('the invoice document', () => {
  const company = {
    buyerCompany: 'Angkor Digital Co., Ltd.',
    buyerVatin: 'k001 901234567',
    buyerAddress: '#12, St. 214',
  };

  it('a VAT-registered buyer paid: a tax invoice with both VATINs, VAT apart, riel at the order rate, Khmer first for a Khmer customer', async () => {
    await query("INSERT INTO settings (`key`, value) VALUES ('vatNumber', 'K001-100200300'), ('vatRate', '10')");
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const { agent, order } = await placed(app, variantIds[0]!, 1, company);
    expect(await orderRow(order.id)).toMatchObject({
      buyer_company: 'Angkor Digital Co., Ltd.',
      buyer_vatin: 'K001-901234567',
      buyer_address: '#12, St. 214',
    });
    // Unpaid: a pro-forma, no invoice number.
    const proforma = await agent.get(`/orders/${order.number}/invoice`);
    expect(proforma.text).toContain('data-kind="proforma"');
    expect(proforma.text).not.toContain('INV-');
    expect(proforma.text).toContain('Not a tax invoice');

    await query("UPDATE orders SET locale = 'km', khr_per_usd = 4000 WHERE id = ?", [order.id]);
    await transition(order.id, 'paid');
    const { invoice_number } = await orderRow(order.id);
    const html = (await agent.get(`/orders/${order.number}/invoice`)).text;
    expect(html).toContain('data-kind="tax"');
    expect(html).toContain(invoice_number!);
    expect(html).toContain('K001-100200300'); // the shop's
    expect(html).toContain('K001-901234567'); // the buyer's
    expect(html).toContain('Angkor Digital Co., Ltd.');
    expect(html).toContain('#12, St. 214');
    // 10.00 + 1.50 delivery = 11.50; VAT 10% = 1.15; total 12.65 = 50,600 riel at this order's 4,000.
    expect(html).toContain('$1.15');
    expect(html).toContain('$12.65');
    expect(html).toContain('50,600 ៛');
    // Khmer first (the customer's language), English beneath.
    const title = /<h2><span lang="(\w+)">([^<]+)<\/span> <small class="muted" lang="(\w+)">([^<]+)</.exec(html);
    expect(title?.slice(1)).toEqual(['km', 'វិក្កយបត្រអាករ', 'en', 'Tax invoice']);
  });

  it('without a VAT number it is a commercial invoice, English first for an English customer', async () => {
    await query("INSERT INTO settings (`key`, value) VALUES ('vatNumber', 'K001-100200300')");
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const { agent, order } = await placed(app, variantIds[0]!, 1, { buyerCompany: 'Angkor Digital' });
    await transition(order.id, 'paid');
    const html = (await agent.get(`/orders/${order.number}/invoice`)).text;
    expect(html).toContain('data-kind="commercial"');
    const title = /<h2><span lang="(\w+)">([^<]+)<\/span> <small class="muted" lang="(\w+)">([^<]+)</.exec(html);
    expect(title?.slice(1)).toEqual(['en', 'Commercial invoice', 'km', 'វិក្កយបត្រ']);
    expect(html).toContain((await orderRow(order.id)).invoice_number!);
  });

  it('another customer gets 404 for the invoice and its PDF; a malformed number is 404', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const { order } = await placed(app, variantIds[0]!, 1);
    await transition(order.id, 'paid');
    const other = await loginAs(app, await createUser());
    for (const agent of [other, request.agent(app)]) {
      expect((await agent.get(`/orders/${order.number}/invoice`)).status).toBe(404);
      expect((await agent.get(`/orders/${order.number}/invoice.pdf`)).status).toBe(404);
    }
    for (const bad of ['CS-1', 'INV-2026-000001', 'CS-260101-12345%27', `${order.number}x`])
      expect((await other.get(`/orders/${bad}/invoice.pdf`)).status).toBe(404);
  });
});

describe('company details at checkout', () => {
  it('a bad VAT number, a VAT number without company and a missing name: 422 with every message, values kept, no order', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const agent = request.agent(app);
    await addToCart(agent, variantIds[0]!, 1);
    const res = await postForm(
      agent,
      '/checkout',
      { ...guestDetails, name: '', street: '', buyerVatin: 'K01-12345', buyerAddress: 'St. 214' },
      '/checkout',
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('a letter, 3 digits, a dash and 9 digits');
    expect(res.text).toContain('Enter the company name that goes with the VAT number.');
    expect(res.text).toMatch(/id="f-name"[^>]*aria-invalid="true"/);
    expect(res.text).toMatch(/id="f-street"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('value="K01-12345"');
    expect(res.text).toContain('value="St. 214"');
    expect(await query('SELECT id FROM orders')).toHaveLength(0);
  });

  it('in Khmer the messages are Khmer', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const agent = request.agent(app);
    await addToCart(agent, variantIds[0]!, 1);
    const _csrf = await csrfFrom(agent, '/checkout');
    const res = await agent
      .post('/checkout')
      .type('form')
      .set('Accept', 'text/html')
      .set('Cookie', 'lang=km')
      .send({ ...guestDetails, buyerVatin: 'nonsense', _csrf });
    expect(res.status).toBe(422);
    expect(res.text).toContain('សូមបញ្ចូលឈ្មោះក្រុមហ៊ុនដែលត្រូវនឹងលេខ អតប។');
  });

  it('the review page and the order pages show the company line; the order row keeps it', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '10.00', stock: 10 }]);
    const agent = request.agent(app);
    await addToCart(agent, variantIds[0]!, 1);
    const { review, token, csrf } = await checkoutToReview(agent, {
      ...guestDetails,
      buyerCompany: 'Angkor Digital Co., Ltd.',
      buyerVatin: 'L001-123456789',
    });
    expect(review.text).toContain('Invoice to Angkor Digital Co., Ltd. · VATIN L001-123456789');
    await placeOrder(agent, token, csrf);
    const [order] = await query<OrderRow>('SELECT * FROM orders');
    expect(order).toMatchObject({ buyer_company: 'Angkor Digital Co., Ltd.', buyer_vatin: 'L001-123456789' });
    expect((await agent.get(`/orders/${order!.number}`)).text).toContain('VATIN L001-123456789');
    const admin = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await admin.get(`/admin/orders/${order!.number}`)).text).toContain('VATIN L001-123456789');
  });
});
