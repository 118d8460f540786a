import request from 'supertest';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { currentApprovalCode } from '../../src/modules/pos/approval.service.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, placeOrder } from '../helpers/shop.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { FakeBakong } from '../helpers/fake-bakong.js';
import { createBakongClient } from '../../src/lib/khqr/bakong-client.js';
import { usePosBakongClient } from '../../src/modules/pos/pos-khqr.js';

async function counterStock() {
  const cat = await createCategory({ name: 'Accessories', slug: 'accessories' });
  const mouse = await createProduct({
    name: 'Logitech M185 Wireless Mouse',
    categoryId: cat.id,
    variants: [{ sku: 'LOG-M185', barcode: '5099206027291', price: '12.50', costPrice: '8.00', stock: 10 }],
  });
  const cable = await createProduct({
    name: 'UGREEN USB-C Cable 1m',
    categoryId: cat.id,
    variants: [{ sku: 'UGR-USBC-1M', barcode: '6957303861300', price: '5.00', costPrice: '2.00', stock: 1 }],
  });
  return { mouse: mouse.variants[0]!, cable: cable.variants[0]! };
}
const scan = (agent: Agent, code: string) => postForm(agent, '/pos/scan', { code }, '/pos');
const stock = async (id: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [id]))[0]!.stock;

async function cashier(app: Express) {
  const user = await createUser({ role: 'staff', name: 'Vanna Cashier' });
  return { user, agent: await loginAs(app, user) };
}

describe('/pos', () => {
  it('customers get 403, visitors are sent to log in', async () => {
    const app = newApp();
    expect((await request(app).get('/pos')).status).toBe(303);
    expect((await (await loginAs(app, await createUser())).get('/pos')).status).toBe(403);
  });

  it(
    'a cashier scans two barcodes, takes cash in dollars and riel; the counter order is completed, ' +
      'stock taken through the ledger, change recorded',
    async () => {
      const { mouse, cable } = await counterStock();
      const app = newApp();
      const { user, agent } = await cashier(app);
      expect((await scan(agent, '5099206027291')).headers.location).toBe('/pos');
      await scan(agent, '5099206027291');
      await scan(agent, 'UGR-USBC-1M');
      const screen = await agent.get('/pos');
      expect(screen.text).toContain('$30.00'); // 2 × 12.50 + 5
      const res = await postForm(
        agent,
        '/pos/complete',
        { method: 'cash', tenderedUsd: '20', tenderedKhr: '50000' },
        '/pos',
      );
      expect(res.status).toBe(303);
      const [order] = await query<Record<string, unknown>>('SELECT * FROM orders');
      expect(res.headers.location).toBe(`/pos/receipt/${order!.number}`);
      // 30.00 due = 123,000 riel; 20 USD (82,000 riel) + 50,000 riel → 9,000 riel over: $2 + 800 riel back
      expect(order).toMatchObject({
        channel: 'counter',
        status: 'completed',
        cashier_id: user.id,
        grand_total: '30.00',
        payment_method: 'cash',
        cash_tendered_usd: '20.00',
        cash_tendered_khr: 50000,
        change_usd: '2.00',
        change_khr: 800,
        cash_rounding_khr: 0,
      });
      expect(await stock(mouse.id)).toBe(8);
      expect(await stock(cable.id)).toBe(0);
      expect(
        await query("SELECT variant_id, delta, reason FROM stock_movements WHERE reason = 'sale' ORDER BY variant_id"),
      ).toEqual(
        [
          { variant_id: mouse.id, delta: -2, reason: 'sale' },
          { variant_id: cable.id, delta: -1, reason: 'sale' },
        ].sort((a, b) => a.variant_id - b.variant_id),
      );
      expect(await query('SELECT sku, quantity, unit_price, cost_price FROM order_lines ORDER BY id')).toEqual([
        { sku: 'LOG-M185', quantity: 2, unit_price: '12.50', cost_price: '8.00' },
        { sku: 'UGR-USBC-1M', quantity: 1, unit_price: '5.00', cost_price: '2.00' },
      ]);
      expect(await query('SELECT method, amount, status FROM payments')).toEqual([
        { method: 'cash', amount: '30.00', status: 'paid' },
      ]);
      const receipt = await agent.get(res.headers.location!);
      expect(receipt.text).toContain('/static/css/pos.css');
      expect(receipt.text).toContain('data-receipt-change>$2 + 800 ៛<');
      expect(receipt.text).toContain('Vanna Cashier');
      expect(receipt.text).toContain('123,000 ៛'); // total in riel
      // The sale screen is empty again.
      expect((await agent.get('/pos')).text).toContain('No items yet');
    },
  );

  it('text lists matches; not enough cash is a 422 that sells nothing', async () => {
    const { mouse } = await counterStock();
    const app = newApp();
    const { agent } = await cashier(app);
    const found = await scan(agent, 'wireless mouse');
    expect(found.headers.location).toBe('/pos?q=wireless%20mouse');
    const list = await agent.get(found.headers.location!);
    expect(list.text).toContain('Logitech M185 Wireless Mouse');
    await postForm(agent, `/pos/lines/${mouse.id}`, {}, '/pos');
    const short = await postForm(agent, '/pos/complete', { method: 'cash', tenderedUsd: '10' }, '/pos');
    expect(short.status).toBe(422);
    expect(short.text).toContain('Not enough cash');
    expect(await query('SELECT id FROM orders')).toHaveLength(0);
    expect(await stock(mouse.id)).toBe(10);
  });

  it('discounts: staff need an admin approval code; a wrong code is refused; admins apply directly', async () => {
    const { mouse } = await counterStock();
    const app = newApp();
    const admin = await createUser({ role: 'admin' });
    const { agent } = await cashier(app);
    await scan(agent, 'LOG-M185');
    const refused = await postForm(
      agent,
      '/pos/discount',
      { target: 'sale', amount: '2.50', approvalCode: '000000' },
      '/pos',
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('admin approval code is needed');
    const code = await currentApprovalCode(admin.id);
    const [row] = await query<{ approval_secret: string }>('SELECT approval_secret FROM users WHERE id = ?', [
      admin.id,
    ]);
    expect(code).toBe(await generate({ secret: row!.approval_secret }));
    expect(
      (await postForm(agent, '/pos/discount', { target: String(mouse.id), amount: '2.50', approvalCode: code }, '/pos'))
        .status,
    ).toBe(303);
    await postForm(agent, '/pos/complete', { method: 'cash', tenderedUsd: '10' }, '/pos');
    expect(
      (
        await query<{ grand_total: string; discount_total: string }>('SELECT grand_total, discount_total FROM orders')
      )[0],
    ).toEqual({ grand_total: '10.00', discount_total: '2.50' });
    const adminAgent = await loginAs(app, admin);
    await scan(adminAgent, 'LOG-M185');
    expect((await postForm(adminAgent, '/pos/discount', { target: 'sale', amount: '1' }, '/pos')).status).toBe(303);
    expect((await adminAgent.get('/pos')).text).toContain('-$1.00');
  });

  it('the last unit: a POS sale racing an online checkout — one wins, the other gets a clear message', async () => {
    const { cable } = await counterStock();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'UGR-USBC-1M');
    const shopper = request.agent(app);
    await addToCart(shopper, cable.id, 1);
    const { token, csrf } = await checkoutToReview(shopper, {
      name: 'Online Buyer',
      email: 'online@example.com',
      phone: '012345678',
      deliveryMethod: 'pickup',
    });
    const posToken = await csrfFrom(agent, '/pos');
    const [posRes, webRes] = await Promise.all([
      agent.post('/pos/complete').type('form').send({ method: 'cash', tenderedUsd: '5', _csrf: posToken }),
      placeOrder(shopper, token, csrf),
    ]);
    const winners = [posRes.status === 303, webRes.status === 303].filter(Boolean);
    expect(winners).toHaveLength(1);
    const loser = posRes.status === 303 ? webRes : posRes;
    expect(loser.status).toBe(409);
    expect(loser.text).toMatch(/Not enough stock for UGREEN USB-C Cable 1m/);
    expect(await stock(cable.id)).toBe(0);
    expect(await query('SELECT id FROM orders')).toHaveLength(1);
  });

  it(
    'returns: staff need an admin; an admin returns some lines (restock, ' + 'refund) then the rest (order refunded)',
    async () => {
      const { mouse } = await counterStock();
      const app = newApp();
      const { agent } = await cashier(app);
      await scan(agent, 'LOG-M185');
      await postForm(agent, `/pos/lines/${mouse.id}/quantity`, { quantity: '3' }, '/pos');
      await postForm(agent, '/pos/complete', { method: 'cash', tenderedUsd: '40' }, '/pos');
      const [order] = await query<{ id: number; number: string }>('SELECT id, number FROM orders');
      const [line] = await query<{ id: number }>('SELECT id FROM order_lines');
      expect(await stock(mouse.id)).toBe(7);
      const staffTry = await postForm(
        agent,
        `/pos/returns/${order!.number}`,
        { [`qty_${line!.id}`]: '1', reason: 'Faulty', method: 'cash' },
        `/pos/returns?number=${order!.number}`,
      );
      expect(staffTry.status).toBe(403);
      expect(await stock(mouse.id)).toBe(7);
      const adminUser = await createUser({ role: 'admin' });
      const admin = await loginAs(app, adminUser);
      const tooMany = await postForm(
        admin,
        `/pos/returns/${order!.number}`,
        { [`qty_${line!.id}`]: '4', reason: 'Faulty', method: 'cash' },
        `/pos/returns?number=${order!.number}`,
      );
      expect(tooMany.status).toBe(422);
      await postForm(
        admin,
        `/pos/returns/${order!.number}`,
        { [`qty_${line!.id}`]: '1', reason: 'Faulty scroll wheel', method: 'cash' },
        `/pos/returns?number=${order!.number}`,
      );
      expect(await stock(mouse.id)).toBe(8);
      expect(await query('SELECT amount, reason, method, user_id FROM refunds')).toEqual([
        { amount: '12.50', reason: 'Faulty scroll wheel', method: 'cash', user_id: adminUser.id },
      ]);
      expect(
        (await query<{ returned_quantity: number }>('SELECT returned_quantity FROM order_lines'))[0]!.returned_quantity,
      ).toBe(1);
      expect(
        (await query<{ status: string; refunded_amount: string }>('SELECT status, refunded_amount FROM orders'))[0],
      ).toEqual({ status: 'completed', refunded_amount: '12.50' });
      await postForm(
        admin,
        `/pos/returns/${order!.number}`,
        { [`qty_${line!.id}`]: '2', reason: 'Customer returned the rest', method: 'cash' },
        `/pos/returns?number=${order!.number}`,
      );
      expect(
        (await query<{ status: string; refunded_amount: string }>('SELECT status, refunded_amount FROM orders'))[0],
      ).toEqual({ status: 'refunded', refunded_amount: '37.50' });
      expect(await stock(mouse.id)).toBe(10);
      expect(await query("SELECT delta FROM stock_movements WHERE reason = 'return' ORDER BY id")).toEqual([
        { delta: 1 },
        { delta: 2 },
      ]);
    },
  );

  it(
    'end of day: per cashier and for the shop, sales, ' + 'totals by method and the cash expected in the drawer',
    async () => {
      const { mouse } = await counterStock();
      const app = newApp();
      const a = await cashier(app);
      const b = await cashier(app);
      await scan(a.agent, 'LOG-M185');
      // 12.50 cash: $7.50 back = $7 + 2,050 ៛ → 2,100 ៛ (the shop gives 50 ៛)
      await postForm(a.agent, '/pos/complete', { method: 'cash', tenderedUsd: '20' }, '/pos');
      await scan(a.agent, 'LOG-M185');
      // 10 KHQR + 2.50 cash: $2.50 back = $2 + 2,100 ៛ again
      await postForm(a.agent, '/pos/complete', { method: 'split', tenderedUsd: '5', khqrAmount: '10' }, '/pos');
      await scan(b.agent, 'LOG-M185');
      await b.agent.get('/pos?pay=khqr'); // a KHQR sale is paid by the QR shown for its current total
      await postForm(b.agent, '/pos/complete', { method: 'khqr' }, '/pos'); // 12.50 KHQR
      expect(await stock(mouse.id)).toBe(7);
      const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      // A cashier sees their own drawer only; an admin sees every cashier's and the shop's.
      const own = (await a.agent.get(`/pos/end-of-day?date=${day}`)).text;
      expect(own).toContain(`<tr data-cashier="${a.user.id}">`);
      expect(own).not.toContain(`<tr data-cashier="${b.user.id}">`);
      expect(own).not.toContain('<tr data-shop>');
      const boss = await loginAs(app, await createUser({ role: 'admin' }));
      const page = (await boss.get(`/pos/end-of-day?date=${day}`)).text;
      const row = (id: number) => new RegExp(`<tr data-cashier="${id}">(.*?)</tr>`).exec(page)![1]!;
      const cells = (html: string) => [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
      // (No repairs that day: the repairs column is $0.00.) Drawer: $25 taken − $9 given back = $16, and 4,200 ៛ given out of the float; with the −100 ៛ of
      // rounding that is the $15 of cash sales: 16 × 4,100 − 4,200 = 15 × 4,100 − 100.
      expect(cells(row(a.user.id))).toEqual([
        'Vanna Cashier',
        '2',
        '$25.00',
        '$0.00',
        '$15.00',
        '$10.00',
        '$0.00',
        '−100 ៛',
        '$16.00',
        '−4,200 ៛',
      ]);
      expect(cells(row(b.user.id))).toEqual([
        'Vanna Cashier',
        '1',
        '$12.50',
        '$0.00',
        '$0.00',
        '$12.50',
        '$0.00',
        '0 ៛',
        '$0.00',
        '0 ៛',
      ]);
      const shop = /<tr data-shop>(.*?)<\/tr>/.exec(page)![1]!;
      expect(cells(shop)).toEqual([
        '3',
        '$37.50',
        '$0.00',
        '$15.00',
        '$22.50',
        '$0.00',
        '−100 ៛',
        '$16.00',
        '−4,200 ៛',
      ]);
    },
  );
});

describe('/pos KHQR with automatic confirmation (fake Bakong on loopback)', () => {
  it(
    'shows the code, refuses to complete until Bakong reports the exact payment, ' + 'then records the transaction',
    async () => {
      const bakong = new FakeBakong();
      await bakong.start();
      usePosBakongClient(createBakongClient({ baseUrl: bakong.url, token: 'test-token', timeoutMs: 500 }));
      try {
        const { mouse } = await counterStock();
        const app = newApp();
        const { agent } = await cashier(app);
        await scan(agent, 'LOG-M185');
        const screen = await agent.get('/pos?pay=khqr');
        expect(screen.text).toContain('completes by itself when Bakong confirms');
        expect((await agent.get('/pos/khqr-status')).body).toEqual({ paid: false });
        const early = await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos');
        expect(early.status).toBe(409);
        expect(await query('SELECT id FROM orders')).toHaveLength(0);
        bakong.defaultAnswer = { kind: 'found', amount: 12.49, currency: 'USD', toAccountId: 'computer_shop@devb' };
        expect((await agent.get('/pos/khqr-status')).body).toEqual({ paid: false }); // wrong amount
        bakong.defaultAnswer = {
          kind: 'found',
          amount: 12.5,
          currency: 'USD',
          toAccountId: 'computer_shop@devb',
          hash: 'tx-counter-1',
          fromAccountId: 'walkin@aba',
        };
        expect((await agent.get('/pos/khqr-status')).body).toEqual({ paid: true });
        const done = await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos');
        expect(done.status).toBe(303);
        expect(await query('SELECT method, amount, transaction_hash, payer_account FROM payments')).toEqual([
          { method: 'khqr', amount: '12.50', transaction_hash: 'tx-counter-1', payer_account: 'walkin@aba' },
        ]);
        expect(await stock(mouse.id)).toBe(9);
      } finally {
        usePosBakongClient(undefined);
        await bakong.stop();
      }
    },
  );
});
