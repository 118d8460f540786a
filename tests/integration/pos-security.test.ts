import request from 'supertest';
import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { approvalCodeStatus, currentApprovalCode } from '../../src/modules/pos/approval.service.js';
import { usePosBakongClient } from '../../src/modules/pos/pos-khqr.js';
import { createBakongClient } from '../../src/lib/khqr/bakong-client.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { FakeBakong } from '../helpers/fake-bakong.js';

const SHOP = 'computer_shop@devb';

async function stockUp() {
  const cat = await createCategory({ name: 'Counter', slug: 'counter' });
  const cable = await createProduct({
    name: 'UGREEN HDMI Cable',
    categoryId: cat.id,
    variants: [{ sku: 'UGR-HDMI', barcode: '6957303800001', price: '6.00', costPrice: '2.00', stock: 10 }],
  });
  const laptop = await createProduct({
    name: 'Lenovo IdeaPad Slim 3',
    categoryId: cat.id,
    variants: [{ sku: 'LEN-IP3', barcode: '1950000000002', price: '799.00', costPrice: '650.00', stock: 5 }],
  });
  return { cable: cable.variants[0]!, laptop: laptop.variants[0]! };
}

const stock = async (id: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [id]))[0]!.stock;
/** Opening stock plus every ledger row: must always equal the stock column. */
const ledger = async (id: number) =>
  Number(
    (
      await query<{ s: string }>('SELECT COALESCE(SUM(delta), 0) AS s FROM stock_movements WHERE variant_id = ?', [id])
    )[0]!.s,
  );
const orders = () =>
  query<{ id: number; number: string; grand_total: string; refunded_amount: string; status: string }>(
    'SELECT id, number, grand_total, refunded_amount, status FROM orders ORDER BY id',
  );
const approvals = () =>
  query<Record<string, unknown>>(
    'SELECT action, approver_id, cashier_id, order_number, amount, note FROM pos_approvals ORDER BY id',
  );
const saleNumberOn = async (agent: Agent) => /name="sale" value="([^"]+)"/.exec((await agent.get('/pos')).text)?.[1];
const add = (agent: Agent, variantId: number) => postForm(agent, `/pos/lines/${variantId}`, {}, '/pos');

async function staff(app: Express, name = 'Dara Cashier') {
  const user = await createUser({ role: 'staff', name });
  return { user, agent: await loginAs(app, user) };
}
async function admin(app: Express) {
  const user = await createUser({ role: 'admin', name: 'Sokha Admin' });
  return { user, agent: await loginAs(app, user) };
}

describe('POS KHQR is tied to the sale as it is now (fake Bakong on loopback)', () => {
  let bakong: FakeBakong;
  beforeEach(async () => {
    bakong = new FakeBakong();
    await bakong.start();
    usePosBakongClient(createBakongClient({ baseUrl: bakong.url, token: 'test-token', timeoutMs: 500 }));
  });
  afterEach(async () => {
    usePosBakongClient(undefined);
    await bakong.stop();
  });

  it(
    'POST /pos/complete khqr — QR paid for $6, then a $799 laptop added — refused 409, no order; ' +
      'a new QR for $805 paid — completes with that hash',
    async () => {
      const { cable, laptop } = await stockUp();
      const app = newApp();
      const { agent } = await staff(app);
      await add(agent, cable.id);
      expect((await agent.get('/pos?pay=khqr')).text).toContain('$6.00');
      bakong.defaultAnswer = { kind: 'found', amount: 6, currency: 'USD', toAccountId: SHOP, hash: 'tx-six' };
      expect((await agent.get('/pos/khqr-status')).body).toEqual({ paid: true });
      await add(agent, laptop.id);
      expect((await agent.get('/pos/khqr-status')).body).toEqual({ paid: false });
      const refused = await postForm(
        agent,
        '/pos/complete',
        { method: 'khqr', manual: '1', reason: 'customer showed phone' },
        '/pos',
      );
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('Show the KHQR again for the current total');
      expect(await orders()).toHaveLength(0);
      expect(await stock(laptop.id)).toBe(5);
      // Bakong still reports only $6 for whatever md5: not the current total.
      await agent.get('/pos?pay=khqr');
      expect((await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos')).status).toBe(409);
      expect(await orders()).toHaveLength(0);
      bakong.defaultAnswer = {
        kind: 'found',
        amount: 805,
        currency: 'USD',
        toAccountId: SHOP,
        hash: 'tx-805',
        fromAccountId: 'buyer@aba',
      };
      const done = await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos');
      expect(done.status).toBe(303);
      expect(await orders()).toMatchObject([{ grand_total: '805.00', status: 'completed' }]);
      expect(await query('SELECT method, amount, transaction_hash, payer_account FROM payments')).toEqual([
        { method: 'khqr', amount: '805.00', transaction_hash: 'tx-805', payer_account: 'buyer@aba' },
      ]);
      expect([await stock(cable.id), await stock(laptop.id)]).toEqual([9, 4]);
    },
  );

  it('POST /pos/complete khqr — Bakong pays the wrong account or currency — refused 409, no order', async () => {
    const { cable } = await stockUp();
    const app = newApp();
    const { agent } = await staff(app);
    await add(agent, cable.id);
    await agent.get('/pos?pay=khqr');
    bakong.defaultAnswer = { kind: 'found', amount: 6, currency: 'USD', toAccountId: 'someone_else@aba' };
    expect((await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos')).status).toBe(409);
    bakong.defaultAnswer = { kind: 'found', amount: 6, currency: 'KHR', toAccountId: SHOP };
    expect((await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos')).status).toBe(409);
    expect(await orders()).toHaveLength(0);
  });

  it(
    'POST /pos/complete khqr — ' + 'Bakong reports a transaction already recorded for another sale — refused 409',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const a = await staff(app, 'Cashier A');
      const b = await staff(app, 'Cashier B');
      bakong.defaultAnswer = { kind: 'found', amount: 6, currency: 'USD', toAccountId: SHOP, hash: 'tx-once' };
      for (const { agent } of [a, b]) {
        await add(agent, cable.id);
        await agent.get('/pos?pay=khqr');
      }
      expect((await postForm(a.agent, '/pos/complete', { method: 'khqr' }, '/pos')).status).toBe(303);
      const second = await postForm(b.agent, '/pos/complete', { method: 'khqr' }, '/pos');
      expect(second.status).toBe(409);
      expect(second.text).toContain('already been recorded for another sale');
      expect(await orders()).toHaveLength(1);
      expect(await query('SELECT transaction_hash FROM payments')).toEqual([{ transaction_hash: 'tx-once' }]);
      expect(await stock(cable.id)).toBe(9);
    },
  );

  it(
    'POST /pos/complete khqr manual=1 — Bakong says not found — refused 409 even for an admin, no order, ' +
      'no approval',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const { agent } = await admin(app);
      await add(agent, cable.id);
      await agent.get('/pos?pay=khqr');
      const res = await postForm(
        agent,
        '/pos/complete',
        { method: 'khqr', manual: '1', reason: 'I saw the payment' },
        '/pos',
      );
      expect(res.status).toBe(409);
      expect(await orders()).toHaveLength(0);
      expect(await approvals()).toHaveLength(0);
      expect(await stock(cable.id)).toBe(10);
    },
  );

  it(
    'POST /pos/complete split — with Bakong confirmation on — the KHQR part needs an admin code and a reason, ' +
      'and is recorded',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const { user: cashier, agent } = await staff(app);
      const { user: boss } = await admin(app);
      await add(agent, cable.id);
      await add(agent, cable.id);
      const unapproved = await postForm(
        agent,
        '/pos/complete',
        { method: 'split', khqrAmount: '11.00', tenderedUsd: '1.00' },
        '/pos',
      );
      expect(unapproved.status).toBe(422);
      const noReason = await postForm(
        agent,
        '/pos/complete',
        { method: 'split', khqrAmount: '11.00', tenderedUsd: '1.00', approvalCode: await currentApprovalCode(boss.id) },
        '/pos',
      );
      expect(noReason.status).toBe(422);
      expect(await orders()).toHaveLength(0);
      const done = await postForm(
        agent,
        '/pos/complete',
        {
          method: 'split',
          khqrAmount: '11.00',
          tenderedUsd: '1.00',
          reason: 'ABA receipt 778899',
          approvalCode: await currentApprovalCode(boss.id),
        },
        '/pos',
      );
      expect(done.status).toBe(303);
      const [order] = await orders();
      expect(await approvals()).toEqual([
        {
          action: 'khqr_manual',
          approver_id: boss.id,
          cashier_id: cashier.id,
          order_number: order!.number,
          amount: '11.00',
          note: 'ABA receipt 778899',
        },
      ]);
      expect(await query('SELECT method, amount FROM payments ORDER BY method')).toEqual([
        { method: 'khqr', amount: '11.00' },
        { method: 'cash', amount: '1.00' },
      ]);
    },
  );

  it(
    'POST /pos/complete khqr manual=1 — Bakong answers 500 — needs an admin code and a reason; then completes, ' +
      'approval and status log recorded',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const { user: cashier, agent } = await staff(app);
      const { user: boss } = await admin(app);
      await add(agent, cable.id);
      await add(agent, cable.id);
      await agent.get('/pos?pay=khqr');
      bakong.defaultAnswer = { kind: 'status', status: 500 };
      const notTicked = await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos');
      expect(notTicked.status).toBe(409);
      expect(notTicked.text).toContain('Bakong cannot be reached');
      const noCode = await postForm(
        agent,
        '/pos/complete',
        { method: 'khqr', manual: '1', reason: 'Saw ABA receipt 12345' },
        '/pos',
      );
      expect(noCode.status).toBe(422);
      const noReason = await postForm(
        agent,
        '/pos/complete',
        { method: 'khqr', manual: '1', approvalCode: await currentApprovalCode(boss.id) },
        '/pos',
      );
      expect(noReason.status).toBe(422);
      expect(await orders()).toHaveLength(0);
      expect(await approvals()).toHaveLength(0);
      // The refused attempt above did not use the code up: it rolled back with the sale.
      const done = await postForm(
        agent,
        '/pos/complete',
        {
          method: 'khqr',
          manual: '1',
          reason: 'Saw ABA receipt 12345',
          approvalCode: await currentApprovalCode(boss.id),
        },
        '/pos',
      );
      expect(done.status).toBe(303);
      const [order] = await orders();
      expect(order).toMatchObject({ grand_total: '12.00', status: 'completed' });
      expect(await approvals()).toEqual([
        {
          action: 'khqr_manual',
          approver_id: boss.id,
          cashier_id: cashier.id,
          order_number: order!.number,
          amount: '12.00',
          note: 'Saw ABA receipt 12345',
        },
      ]);
      const [log] = await query<{ note: string }>('SELECT note FROM order_status_log WHERE order_id = ?', [order!.id]);
      expect(log!.note).toContain('KHQR confirmed by hand');
      expect(log!.note).toContain('Saw ABA receipt 12345');
      expect(await query('SELECT method, amount, transaction_hash FROM payments')).toEqual([
        { method: 'khqr', amount: '12.00', transaction_hash: null },
      ]);
      expect(await stock(cable.id)).toBe(8);
    },
  );

  it(
    'POST /pos/complete khqr manual=1 — Bakong stopped, ' + 'an admin at the till — their own approval is recorded',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const { user: boss, agent } = await admin(app);
      await add(agent, cable.id);
      await agent.get('/pos?pay=khqr');
      await bakong.stop();
      const done = await postForm(
        agent,
        '/pos/complete',
        { method: 'khqr', manual: '1', reason: 'Wing app showed it paid' },
        '/pos',
      );
      expect(done.status).toBe(303);
      const [order] = await orders();
      expect(await approvals()).toEqual([
        {
          action: 'khqr_manual',
          approver_id: boss.id,
          cashier_id: boss.id,
          order_number: order!.number,
          amount: '6.00',
          note: 'Wing app showed it paid',
        },
      ]);
    },
  );
});

describe('POS KHQR without a Bakong token (the cashier confirms)', () => {
  it(
    'POST /pos/complete khqr — no QR shown, or the sale changed after it — refused 409; QR for the current total — ' +
      'completes',
    async () => {
      const { cable, laptop } = await stockUp();
      const app = newApp();
      const { agent } = await staff(app);
      await add(agent, cable.id);
      expect((await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos')).status).toBe(409);
      await agent.get('/pos?pay=khqr');
      await add(agent, laptop.id);
      expect((await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos')).status).toBe(409);
      expect(await orders()).toHaveLength(0);
      await agent.get('/pos?pay=khqr');
      expect((await postForm(agent, '/pos/complete', { method: 'khqr' }, '/pos')).status).toBe(303);
      expect(await query('SELECT amount FROM payments')).toEqual([{ amount: '805.00' }]);
    },
  );
});

describe('POS approval codes', () => {
  it(
    'POST /pos/discount — the same code twice — the second is refused (422), one discount applied and recorded; ' +
      'the admin screen shows it used',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const { user: cashier, agent } = await staff(app);
      const { user: boss } = await admin(app);
      await add(agent, cable.id);
      await add(agent, cable.id);
      const code = await currentApprovalCode(boss.id);
      expect(
        (
          await postForm(
            agent,
            '/pos/discount',
            { target: String(cable.id), amount: '1.50', approvalCode: code },
            '/pos',
          )
        ).status,
      ).toBe(303);
      const again = await postForm(agent, '/pos/discount', { target: 'sale', amount: '5', approvalCode: code }, '/pos');
      expect(again.status).toBe(422);
      expect(again.text).toContain('already been used');
      const number = await saleNumberOn(agent);
      expect(await approvals()).toEqual([
        {
          action: 'discount',
          approver_id: boss.id,
          cashier_id: cashier.id,
          order_number: number,
          amount: '1.50',
          note: 'Line UGR-HDMI',
        },
      ]);
      await postForm(agent, '/pos/complete', { method: 'cash', tenderedUsd: '20' }, '/pos');
      expect(await query('SELECT number, grand_total, discount_total FROM orders')).toEqual([
        { number, grand_total: '10.50', discount_total: '1.50' },
      ]);
      const [row] = await query<{ step: number }>('SELECT approval_last_step AS step FROM users WHERE id = ?', [
        boss.id,
      ]);
      expect(await approvalCodeStatus(boss.id, row!.step * 30_000 + 5_000)).toMatchObject({
        used: true,
        secondsLeft: 25,
      });
      expect(await approvalCodeStatus(boss.id, (row!.step + 1) * 30_000 + 5_000)).toMatchObject({ used: false });
      expect((await (await loginAs(app, boss)).get('/pos')).text).toContain('data-approval-code');
    },
  );

  it('POST /pos/discount — two cashiers use one code at the same moment — one approval only', async () => {
    const { cable } = await stockUp();
    const app = newApp();
    const a = await staff(app, 'Cashier A');
    const b = await staff(app, 'Cashier B');
    const { user: boss } = await admin(app);
    await add(a.agent, cable.id);
    await add(b.agent, cable.id);
    const code = await currentApprovalCode(boss.id);
    const [ta, tb] = [await csrfFrom(a.agent, '/pos'), await csrfFrom(b.agent, '/pos')];
    const results = await Promise.all([
      a.agent.post('/pos/discount').type('form').send({ target: 'sale', amount: '1', approvalCode: code, _csrf: ta }),
      b.agent.post('/pos/discount').type('form').send({ target: 'sale', amount: '1', approvalCode: code, _csrf: tb }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 422]);
    expect(await approvals()).toHaveLength(1);
  });

  it(
    'POST /pos/discount — 6 wrong codes from one cashier — the 6th is 429 (even before a right code); ' +
      'another cashier is not blocked',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const { agent } = await staff(app);
      const other = await staff(app, 'Other Cashier');
      const { user: boss } = await admin(app);
      await add(agent, cable.id);
      await add(other.agent, cable.id);
      const statuses = [];
      for (const wrong of ['000001', '000002', '000003', '000004', '000005', '000006']) {
        statuses.push(
          (await postForm(agent, '/pos/discount', { target: 'sale', amount: '1', approvalCode: wrong }, '/pos')).status,
        );
      }
      expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
      const blocked = await postForm(
        agent,
        '/pos/discount',
        { target: 'sale', amount: '1', approvalCode: await currentApprovalCode(boss.id) },
        '/pos',
      );
      expect(blocked.status).toBe(429);
      expect(blocked.text).toContain('Too many wrong approval codes');
      expect(await approvals()).toHaveLength(0);
      expect(
        (
          await postForm(
            other.agent,
            '/pos/discount',
            { target: 'sale', amount: '1', approvalCode: await currentApprovalCode(boss.id) },
            '/pos',
          )
        ).status,
      ).toBe(303);
      expect(await approvals()).toHaveLength(1);
    },
  );

  it('POST /pos/discount by an admin — no code, the self-approval is recorded', async () => {
    const { cable } = await stockUp();
    const app = newApp();
    const { user: boss, agent } = await admin(app);
    await add(agent, cable.id);
    expect((await postForm(agent, '/pos/discount', { target: 'sale', amount: '0.50' }, '/pos')).status).toBe(303);
    expect(await approvals()).toEqual([
      {
        action: 'discount',
        approver_id: boss.id,
        cashier_id: boss.id,
        order_number: await saleNumberOn(agent),
        amount: '0.50',
        note: 'Whole sale',
      },
    ]);
  });

  it('the admin code is a standard TOTP of the stored secret', async () => {
    const app = newApp();
    const { user: boss } = await admin(app);
    void app;
    const code = await currentApprovalCode(boss.id);
    const [row] = await query<{ approval_secret: string }>('SELECT approval_secret FROM users WHERE id = ?', [boss.id]);
    expect(code).toBe(await generate({ secret: row!.approval_secret }));
  });
});

async function soldWithSaleDiscount(app: Express, vatRate?: string) {
  if (vatRate) await query("INSERT INTO settings (`key`, value) VALUES ('vatRate', ?)", [vatRate]);
  const { cable } = await stockUp();
  const boss = await admin(app);
  await add(boss.agent, cable.id);
  await add(boss.agent, cable.id);
  await postForm(boss.agent, '/pos/discount', { target: 'sale', amount: '6' }, '/pos');
  expect((await postForm(boss.agent, '/pos/complete', { method: 'cash', tenderedUsd: '10' }, '/pos')).status).toBe(303);
  const [order] = await orders();
  const [line] = await query<{ id: number }>('SELECT id FROM order_lines');
  return { cable, boss, order: order!, lineId: line!.id };
}
const returnOne = (agent: Agent, number: string, lineId: number, reason = 'Did not fit') =>
  postForm(
    agent,
    `/pos/returns/${number}`,
    { [`qty_${lineId}`]: '1', reason, method: 'cash' },
    `/pos/returns?number=${number}`,
  );

describe('POS returns refund what was paid', () => {
  it(
    'POST /pos/returns — 2 × $6 with a $6 sale discount (paid $6) — each unit refunds $3, $6 in all, ' +
      'approvals recorded',
    async () => {
      const app = newApp();
      const { cable, boss, order, lineId } = await soldWithSaleDiscount(app);
      expect(order.grand_total).toBe('6.00');
      expect((await returnOne(boss.agent, order.number, lineId)).status).toBe(303);
      expect(await query('SELECT amount FROM refunds')).toEqual([{ amount: '3.00' }]);
      expect((await returnOne(boss.agent, order.number, lineId)).status).toBe(303);
      expect(await query('SELECT amount FROM refunds ORDER BY id')).toEqual([{ amount: '3.00' }, { amount: '3.00' }]);
      expect(await orders()).toMatchObject([{ refunded_amount: '6.00', status: 'refunded' }]);
      expect(await stock(cable.id)).toBe(10);
      expect((await approvals()).filter((a) => a.action === 'return')).toEqual([
        {
          action: 'return',
          approver_id: boss.user.id,
          cashier_id: boss.user.id,
          order_number: order.number,
          amount: '3.00',
          note: 'Did not fit',
        },
        {
          action: 'return',
          approver_id: boss.user.id,
          cashier_id: boss.user.id,
          order_number: order.number,
          amount: '3.00',
          note: 'Did not fit',
        },
      ]);
    },
  );

  it('POST /pos/returns — the same with 10 % VAT (paid $6.60) — $3.30 then $3.30', async () => {
    const app = newApp();
    const { boss, order, lineId } = await soldWithSaleDiscount(app, '10');
    expect(order.grand_total).toBe('6.60');
    await returnOne(boss.agent, order.number, lineId);
    await returnOne(boss.agent, order.number, lineId);
    expect(await query('SELECT amount FROM refunds ORDER BY id')).toEqual([{ amount: '3.30' }, { amount: '3.30' }]);
    expect(await orders()).toMatchObject([{ refunded_amount: '6.60', status: 'refunded' }]);
  });

  it('POST /pos/returns — a cashier with an admin code — the code is used up and the approval names both', async () => {
    const app = newApp();
    const { boss, order, lineId } = await soldWithSaleDiscount(app);
    const { user: cashier, agent } = await staff(app);
    const code = await currentApprovalCode(boss.user.id);
    expect(
      (
        await postForm(
          agent,
          `/pos/returns/${order.number}`,
          { [`qty_${lineId}`]: '1', reason: 'Faulty', method: 'cash', approvalCode: code },
          `/pos/returns?number=${order.number}`,
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await postForm(
          agent,
          `/pos/returns/${order.number}`,
          { [`qty_${lineId}`]: '1', reason: 'Faulty', method: 'cash', approvalCode: code },
          `/pos/returns?number=${order.number}`,
        )
      ).status,
    ).toBe(422);
    expect((await approvals()).filter((a) => a.action === 'return')).toEqual([
      {
        action: 'return',
        approver_id: boss.user.id,
        cashier_id: cashier.id,
        order_number: order.number,
        amount: '3.00',
        note: 'Faulty',
      },
    ]);
    expect(await query('SELECT returned_quantity FROM order_lines')).toEqual([{ returned_quantity: 1 }]);
  });

  it(
    'POST /pos/returns ×10 in parallel, 1 unit each of a 2-unit line — two succeed at $3, refunded = paid, ' +
      'stock matches the ledger',
    async () => {
      const app = newApp();
      const { cable, boss, order, lineId } = await soldWithSaleDiscount(app);
      const token = await csrfFrom(boss.agent, `/pos/returns?number=${order.number}`);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          boss.agent
            .post(`/pos/returns/${order.number}`)
            .type('form')
            .send({ [`qty_${lineId}`]: '1', reason: 'Parallel return', method: 'cash', _csrf: token }),
        ),
      );
      expect(results.filter((r) => r.status === 303)).toHaveLength(2);
      expect(results.every((r) => r.status === 303 || r.status === 422)).toBe(true);
      expect(await query('SELECT amount FROM refunds')).toEqual([{ amount: '3.00' }, { amount: '3.00' }]);
      expect(await orders()).toMatchObject([{ refunded_amount: '6.00', status: 'refunded' }]);
      expect(await query('SELECT quantity, returned_quantity FROM order_lines')).toEqual([
        { quantity: 2, returned_quantity: 2 },
      ]);
      expect(await stock(cable.id)).toBe(10);
      expect(await ledger(cable.id)).toBe(10);
    },
  );
});

describe('POS completion under concurrency', () => {
  it(
    'POST /pos/complete ×10 in parallel for one sale — one order, stock taken once, ' +
      'every request sent to its receipt',
    async () => {
      const { cable, laptop } = await stockUp();
      const app = newApp();
      const { agent } = await staff(app);
      await add(agent, cable.id);
      await add(agent, laptop.id);
      const number = await saleNumberOn(agent);
      expect(number).toMatch(/^CS-\d{6}-\d{6}$/);
      const token = await csrfFrom(agent, '/pos');
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          agent
            .post('/pos/complete')
            .type('form')
            .send({ method: 'cash', tenderedUsd: '900', sale: number!, _csrf: token }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(303));
      expect(new Set(results.map((r) => r.headers.location))).toEqual(new Set([`/pos/receipt/${number}`]));
      expect(await orders()).toMatchObject([{ number, grand_total: '805.00' }]);
      expect(await query('SELECT COUNT(*) AS n FROM payments')).toEqual([{ n: 1 }]);
      expect([await stock(cable.id), await stock(laptop.id)]).toEqual([9, 4]);
      expect([await ledger(cable.id), await ledger(laptop.id)]).toEqual([9, 4]);
      expect(await query("SELECT COUNT(*) AS n FROM stock_movements WHERE reason = 'sale'")).toEqual([{ n: 2 }]);
    },
  );

  it(
    'POST /pos/complete ×10 in parallel without the sale field (an old page) — ' +
      'still one order and stock taken once',
    async () => {
      const { cable } = await stockUp();
      const app = newApp();
      const { agent } = await staff(app);
      await add(agent, cable.id);
      const token = await csrfFrom(agent, '/pos');
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          agent.post('/pos/complete').type('form').send({ method: 'cash', tenderedUsd: '6', _csrf: token }),
        ),
      );
      expect(results.every((r) => r.status === 303 || r.status === 422)).toBe(true);
      expect(await orders()).toHaveLength(1);
      expect(await stock(cable.id)).toBe(9);
      expect(await ledger(cable.id)).toBe(9);
    },
  );
});

describe('POS hostile input', () => {
  it('a customer gets 403 on /pos routes, a visitor is sent to log in', async () => {
    const app = newApp();
    const customer = await loginAs(app, await createUser());
    expect((await customer.get('/pos')).status).toBe(403);
    expect((await customer.get('/pos/returns')).status).toBe(403);
    const token = await csrfFrom(customer, '/');
    expect((await customer.post('/pos/complete').type('form').send({ method: 'cash', _csrf: token })).status).toBe(403);
    expect(
      (await customer.post('/pos/discount').type('form').send({ target: 'sale', amount: '5', _csrf: token })).status,
    ).toBe(403);
    const visitor = await request(app).get('/pos/end-of-day');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login/);
    expect(await orders()).toHaveLength(0);
  });

  it('POST without a CSRF token (form or JSON) — 403 and nothing changed', async () => {
    const { cable } = await stockUp();
    const app = newApp();
    const { agent } = await staff(app);
    await add(agent, cable.id);
    expect((await agent.post('/pos/complete').type('form').send({ method: 'cash', tenderedUsd: '10' })).status).toBe(
      403,
    );
    expect(
      (
        await agent
          .post('/pos/complete')
          .set('Content-Type', 'application/json')
          .send({ method: 'cash', tenderedUsd: '10' })
      ).status,
    ).toBe(403);
    expect((await agent.post('/pos/discount').type('form').send({ target: 'sale', amount: '6' })).status).toBe(403);
    expect(await orders()).toHaveLength(0);
    expect(await approvals()).toHaveLength(0);
    expect(await stock(cable.id)).toBe(10);
  });

  it('malformed ids, quantities, amounts and methods — 4xx with a message, never 500, nothing sold', async () => {
    const { cable } = await stockUp();
    const app = newApp();
    const { agent } = await staff(app);
    expect((await add(agent, 'abc' as unknown as number)).status).toBe(422);
    expect((await add(agent, -1)).status).toBe(422);
    expect((await add(agent, 99999999)).status).toBe(404);
    await add(agent, cable.id);
    const badQty = await postForm(agent, `/pos/lines/${cable.id}/quantity`, { quantity: '-1' }, '/pos');
    expect(badQty.status).toBe(422);
    expect(badQty.text).toContain('Enter a quantity from 0 to 999');
    const huge = await postForm(agent, '/pos/complete', { method: 'cash', tenderedKhr: '1e30' }, '/pos');
    expect(huge.status).toBe(422);
    expect(huge.text).toContain('Enter whole riel');
    expect(
      (await postForm(agent, '/pos/complete', { method: 'cash', tenderedKhr: '99999999999999999999' }, '/pos')).status,
    ).toBe(422);
    expect((await postForm(agent, '/pos/complete', { method: 'cash', tenderedUsd: '1e30' }, '/pos')).status).toBe(422);
    const method = await postForm(agent, '/pos/complete', { method: 'bitcoin', tenderedUsd: '100' }, '/pos');
    expect(method.status).toBe(422);
    expect(method.text).toContain('Choose how the customer pays');
    expect((await postForm(agent, '/pos/discount', { target: 'sale', amount: '-5' }, '/pos')).status).toBe(422);
    expect((await postForm(agent, '/pos/discount', { target: '424242', amount: '1' }, '/pos')).status).toBe(422);
    expect((await agent.get('/pos/receipt/not-a-number')).status).toBe(404);
    expect(
      (
        await agent
          .post('/pos/returns/%27%20OR%201=1')
          .type('form')
          .send({ _csrf: await csrfFrom(agent, '/pos') })
      ).status,
    ).toBe(404);
    expect(await orders()).toHaveLength(0);
    expect(await stock(cable.id)).toBe(10);
    expect((await agent.get('/pos')).text).toMatch(/id="q-\d+"[^>]*value="1"/);
  });
});
