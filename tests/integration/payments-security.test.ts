import request from 'supertest';
import sharp from 'sharp';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { runPaymentRound } from '../../src/modules/payments/payment-checker.js';
import { useFakeBakong } from '../helpers/fake-bakong.js';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

const { bakong, client } = useFakeBakong();

type OrderRow = { id: number; number: string; status: string };
type ProofRow = { id: number; status: string; alerted_at: Date | null; reject_reason: string | null };
type PaymentRow = { id: number; md5: string; currency: string; status: string; flag_reason: string | null };

const pickup = { ...guestDetails, deliveryMethod: 'pickup' };
const png = () =>
  sharp({ create: { width: 300, height: 600, channels: 3, background: '#2a7' } })
    .png()
    .toBuffer();
const orderRow = async (id: number) =>
  (await query<OrderRow>('SELECT id, number, status FROM orders WHERE id = ?', [id]))[0]!;
const stockOf = async (variantId: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock;
const ledgerSum = async (variantId: number) =>
  Number(
    (await query<{ s: string }>('SELECT SUM(delta) AS s FROM stock_movements WHERE variant_id = ?', [variantId]))[0]!.s,
  );

/** A guest order (2 × $20, stock 5) placed from its own browser. */
async function placed(app: Express, details: Record<string, string> = pickup) {
  const { variantIds } = await shopWith([{ price: '20.00', stock: 5, name: 'Wireless Mouse' }]);
  const agent = request.agent(app);
  await addToCart(agent, variantIds[0]!, 2);
  const { token, csrf } = await checkoutToReview(agent, details);
  expect((await placeOrder(agent, token, csrf)).status).toBe(303);
  const [order] = await query<OrderRow>('SELECT id, number, status FROM orders ORDER BY id DESC LIMIT 1');
  return { agent, order: order!, variantId: variantIds[0]! };
}

async function uploadProof(agent: Agent, number: string) {
  const _csrf = await csrfFrom(agent, `/orders/${number}/pay`);
  return agent
    .post(`/orders/${number}/proof`)
    .set('Accept', 'text/html')
    .field('_csrf', _csrf)
    .field('reference', 'ABA-1')
    .field('currency', 'USD')
    .attach('screenshot', await png(), 'paid.png');
}

/** An order whose screenshot waits for staff. */
async function submitted(app: Express) {
  const p = await placed(app);
  await p.agent.get(`/orders/${p.order.number}/pay`); // shows (and stores) the USD KHQR
  expect((await uploadProof(p.agent, p.order.number)).status).toBe(303);
  const [proof] = await query<ProofRow>('SELECT * FROM payment_proofs WHERE order_id = ?', [p.order.id]);
  return { ...p, proof: proof! };
}

describe('approving and cancelling under concurrency', () => {
  it('10 parallel approvals of one proof — exactly one paid transition, the others 409, no 500', async () => {
    const app = newApp();
    const { order, proof } = await submitted(app);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const _csrf = await csrfFrom(staff, '/admin/payments');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        staff
          .post(`/admin/payments/proofs/${proof.id}/approve`)
          .type('form')
          .set('Accept', 'text/html')
          .send({ _csrf }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, ...Array(9).fill(409)]);
    expect(
      await query("SELECT id FROM order_status_log WHERE order_id = ? AND to_status = 'paid'", [order.id]),
    ).toHaveLength(1);
    expect((await orderRow(order.id)).status).toBe('paid');
    expect((await query<ProofRow>('SELECT status FROM payment_proofs WHERE id = ?', [proof.id]))[0]!.status).toBe(
      'approved',
    );
  });

  it(
    'admin cancel racing proof approval (10 mixed requests) — the order ends cancelled or paid, never both; ' +
      'stock matches the ledger',
    async () => {
      const app = newApp();
      const { order, proof, variantId } = await submitted(app);
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      const _csrf = await csrfFrom(admin, '/admin/payments');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2
            ? admin
                .post(`/admin/orders/${order.number}/cancel`)
                .type('form')
                .set('Accept', 'text/html')
                .send({ _csrf, reason: 'Customer asked to cancel' })
            : admin
                .post(`/admin/payments/proofs/${proof.id}/approve`)
                .type('form')
                .set('Accept', 'text/html')
                .send({ _csrf }),
        ),
      );
      expect(results.filter((r) => r.status >= 500).map((r) => r.text.slice(0, 200))).toEqual([]);
      expect(results.filter((r) => r.status === 303)).toHaveLength(1);
      const final = (await orderRow(order.id)).status;
      const log = await query<{ to_status: string }>(
        'SELECT to_status FROM order_status_log WHERE order_id = ? AND to_status IN (?, ?)',
        [order.id, 'paid', 'cancelled'],
      );
      const proofStatus = (await query<ProofRow>('SELECT status FROM payment_proofs WHERE id = ?', [proof.id]))[0]!
        .status;
      const restocks = await query("SELECT id FROM stock_movements WHERE order_id = ? AND reason = 'order_cancelled'", [
        order.id,
      ]);
      if (final === 'cancelled') {
        expect(log).toEqual([{ to_status: 'cancelled' }]);
        expect(proofStatus).not.toBe('approved');
        expect(restocks).toHaveLength(1);
        expect(await stockOf(variantId)).toBe(5);
      } else {
        expect(final).toBe('paid');
        expect(log).toEqual([{ to_status: 'paid' }]);
        expect(proofStatus).toBe('approved');
        expect(restocks).toHaveLength(0);
        expect(await stockOf(variantId)).toBe(3);
      }
      expect(await stockOf(variantId)).toBe(await ledgerSum(variantId));
    },
  );
});

describe('screenshot review deadlines (scheduler round with an injected clock)', () => {
  it(
    'a proof older than the alert deadline — one email to staff and admins, alertedAt set, shown on the dashboard; ' +
      'the next round sends none',
    async () => {
      const app = newApp();
      const staffUser = await createUser({ role: 'staff', email: 'staff-alert@example.com' });
      await createUser({ role: 'admin', email: 'admin-alert@example.com' });
      const { order, proof } = await submitted(app);
      expect((await runPaymentRound({ now: new Date(Date.now() + 30 * 60_000) })).proofAlerts).toBe(0);
      expect(
        (await query<ProofRow>('SELECT alerted_at FROM payment_proofs WHERE id = ?', [proof.id]))[0]!.alerted_at,
      ).toBeNull();

      const summary = await runPaymentRound({ now: new Date(Date.now() + 61 * 60_000) });
      expect(summary.proofAlerts).toBe(1);
      const mail = await mailbox.waitFor('staff-alert@example.com');
      expect(mail.subject).toBe('1 payment screenshot is waiting for review');
      expect(mail.text).toContain(order.number);
      expect(mail.text).toContain('/admin/payments');
      await mailbox.waitFor('admin-alert@example.com');
      expect(
        (await query<ProofRow>('SELECT alerted_at FROM payment_proofs WHERE id = ?', [proof.id]))[0]!.alerted_at,
      ).toBeInstanceOf(Date);
      expect((await orderRow(order.id)).status).toBe('payment_submitted');

      await runPaymentRound({ now: new Date(Date.now() + 90 * 60_000) });
      await new Promise((r) => setTimeout(r, 300));
      const alerts = (to: string) => mailbox.to(to).filter((m) => m.subject.includes('waiting for review'));
      expect(alerts('staff-alert@example.com')).toHaveLength(1);
      expect(alerts('admin-alert@example.com')).toHaveLength(1);

      const staff = await loginAs(app, staffUser);
      const dash = await staff.get('/admin');
      expect(dash.text).toMatch(/data-alert="overdue-proofs">1 payment screenshot waited past the review deadline/);
      expect((await staff.get('/admin/payments')).text).toContain('Waiting past the review deadline');
    },
  );

  it(
    'a proof older than the cancel deadline — order cancelled, stock released through the ledger, ' +
      'proof rejected with a reason, KHQR expired, customer emailed',
    async () => {
      const app = newApp();
      const { order, proof, variantId } = await submitted(app);
      expect(await stockOf(variantId)).toBe(3);
      const summary = await runPaymentRound({ now: new Date(Date.now() + 25 * 3_600_000) });
      expect(summary.proofsCancelled).toBe(1);
      expect((await orderRow(order.id)).status).toBe('cancelled');
      expect(await stockOf(variantId)).toBe(5);
      expect(await stockOf(variantId)).toBe(await ledgerSum(variantId));
      const after = (
        await query<ProofRow>('SELECT status, reject_reason FROM payment_proofs WHERE id = ?', [proof.id])
      )[0]!;
      expect(after.status).toBe('rejected');
      expect(after.reject_reason).toContain('statusNotes.notReviewed');
      expect(await query("SELECT id FROM payments WHERE order_id = ? AND status = 'pending'", [order.id])).toHaveLength(
        0,
      );
      const mail = await mailbox.waitFor(guestDetails.email, 2);
      expect(mail.subject).toBe(`Order ${order.number} was cancelled`);
      expect(mail.text).toContain('within 24 hours');
      // A second round finds nothing more to do.
      expect((await runPaymentRound({ now: new Date(Date.now() + 26 * 3_600_000) })).proofsCancelled).toBe(0);
      expect(
        await query("SELECT id FROM order_status_log WHERE order_id = ? AND to_status = 'cancelled'", [order.id]),
      ).toHaveLength(1);
    },
  );
});

describe('money that arrives when it can no longer be applied', () => {
  it(
    'paid by the USD QR, then the KHR QR is paid too — the second payment is flagged with a refund due, ' +
      'on /admin/payments and the dashboard',
    async () => {
      const app = newApp();
      const { agent, order } = await placed(app);
      await agent.get(`/orders/${order.number}/pay?currency=USD`);
      await agent.get(`/orders/${order.number}/pay?currency=KHR`);
      const rows = await query<PaymentRow>('SELECT * FROM payments WHERE order_id = ? ORDER BY id', [order.id]);
      const usd = rows.find((r) => r.currency === 'USD')!;
      const khr = rows.find((r) => r.currency === 'KHR')!;
      bakong.answers.set(usd.md5, { kind: 'found', amount: 40, currency: 'USD', toAccountId: 'computer_shop@devb' });
      await runPaymentRound({ client: client() });
      expect((await orderRow(order.id)).status).toBe('paid');
      expect((await query<PaymentRow>('SELECT status FROM payments WHERE id = ?', [khr.id]))[0]!.status).toBe(
        'superseded',
      );

      bakong.answers.set(khr.md5, {
        kind: 'found',
        amount: 164000,
        currency: 'KHR',
        toAccountId: 'computer_shop@devb',
        hash: 'second-hash',
      });
      const summary = await runPaymentRound({ client: client(), now: new Date(Date.now() + 5 * 60_000) });
      expect(summary.flagged).toBe(1);
      const flagged = (await query<PaymentRow>('SELECT * FROM payments WHERE id = ?', [khr.id]))[0]!;
      expect(flagged.status).toBe('flagged');
      expect(flagged.flag_reason).toMatch(/second payment.*already paid by its USD KHQR.*refund due/);
      expect(
        await query("SELECT id FROM order_status_log WHERE order_id = ? AND to_status = 'paid'", [order.id]),
      ).toHaveLength(1);

      const staff = await loginAs(app, await createUser({ role: 'staff' }));
      const queue = await staff.get('/admin/payments');
      expect(queue.text).toContain(`data-flagged="${khr.id}"`);
      expect(queue.text).toContain('second-hash');
      const dash = await staff.get('/admin');
      expect(dash.text).toMatch(/data-stat="flagged">1</);
      expect(dash.text).toMatch(/href="\/admin\/payments" data-alert="flagged-payments">1 payment flagged/);
    },
  );

  it('late codes are watched only during the late window: a day after expiry they are no longer polled', async () => {
    const { order } = await placed(newApp());
    await query(
      'INSERT INTO payments (order_id, method, currency, amount, khqr, md5, expires_at, status, next_check_at) ' +
        "VALUES (?, 'khqr', 'USD', '40.00', 'x', ?, ?, 'superseded', NULL)",
      [order.id, 'a'.repeat(32), new Date(Date.now() - 25 * 3_600_000)],
    );
    await query(
      'INSERT INTO payments (order_id, method, currency, amount, khqr, md5, expires_at, status, next_check_at) ' +
        "VALUES (?, 'khqr', 'KHR', '164000.00', 'y', ?, ?, 'superseded', NULL)",
      [order.id, 'b'.repeat(32), new Date(Date.now() - 60_000)],
    );
    const summary = await runPaymentRound({ client: client() });
    expect(summary.checked).toBe(1);
    expect(bakong.requests.map((r) => r.md5)).toEqual(['b'.repeat(32)]);
  });
});

describe('KHQR codes leave "pending" when the order is settled another way', () => {
  it('an order approved from a screenshot has no pending KHQR row left', async () => {
    const app = newApp();
    const { order, proof, agent } = await submitted(app);
    await agent.get(`/orders/${order.number}/pay?currency=KHR`); // not payable any more: no new code
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await postForm(staff, `/admin/payments/proofs/${proof.id}/approve`, {}, '/admin/payments')).status).toBe(
      303,
    );
    const rows = await query<PaymentRow>('SELECT status FROM payments WHERE order_id = ?', [order.id]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.status)).not.toContain('pending');
    expect(rows.every((r) => r.status === 'superseded')).toBe(true);
  });

  it("a cancelled order's KHQR row is no longer pending, and money arriving on it is flagged, not paid", async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    await agent.get(`/orders/${order.number}/pay`);
    const _csrf = await csrfFrom(agent, `/orders/${order.number}`);
    expect(
      (await agent.post(`/orders/${order.number}/cancel`).type('form').set('Accept', 'text/html').send({ _csrf }))
        .status,
    ).toBe(303);
    const [row] = await query<PaymentRow>('SELECT * FROM payments WHERE order_id = ?', [order.id]);
    bakong.answers.set(row!.md5, { kind: 'found', amount: 40, currency: 'USD', toAccountId: 'computer_shop@devb' });
    await runPaymentRound({ client: client() });
    const after = (await query<PaymentRow>('SELECT * FROM payments WHERE id = ?', [row!.id]))[0]!;
    expect(after.status).toBe('flagged');
    expect(after.flag_reason).toMatch(/after the order was cancelled: refund due/);
    expect((await orderRow(order.id)).status).toBe('cancelled');
  });

  it('an order that expires unpaid has its KHQR codes expired in the same step', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    await agent.get(`/orders/${order.number}/pay`);
    await agent.get(`/orders/${order.number}/pay?currency=KHR`);
    await runPaymentRound({ now: new Date(Date.now() + 31 * 60_000) });
    expect((await orderRow(order.id)).status).toBe('cancelled');
    expect(
      (await query<PaymentRow>('SELECT status FROM payments WHERE order_id = ?', [order.id])).map((r) => r.status),
    ).toEqual(['expired', 'expired']);
  });
});

describe('placing orders: limits against holding stock', () => {
  it('the 11th order from one IP within the hour — 429 with a clear page, no 11th order', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '5.00', stock: 100 }]);
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 11; i++) {
      const agent = request.agent(app);
      await addToCart(agent, variantIds[0]!, 1);
      const { token, csrf } = await checkoutToReview(agent, {
        ...pickup,
        email: `ip${i}@example.com`,
        phone: `012 400 ${String(100 + i)}`,
      });
      const res = await placeOrder(agent, token, csrf);
      statuses.push(res.status);
      last = res.text;
    }
    expect(statuses).toEqual([...Array(10).fill(303), 429]);
    expect(last).toContain('Too many orders were placed from here in the last hour');
    expect(await query('SELECT id FROM orders')).toHaveLength(10);
    expect(await stockOf(variantIds[0]!)).toBe(90);
  }, 60_000);

  it(
    'a quantity above the per-product cap — ' + 'review re-rendered 422 naming the product; no order, no stock taken',
    async () => {
      const { variantIds } = await shopWith([{ price: '5.00', stock: 50, name: 'USB Flash 64GB' }]);
      const agent = request.agent(newApp());
      await addToCart(agent, variantIds[0]!, 11);
      const { token, csrf } = await checkoutToReview(agent, pickup);
      const res = await placeOrder(agent, token, csrf);
      expect(res.status).toBe(422);
      expect(res.text).toContain('You can order at most 10 of USB Flash 64GB in one order');
      expect(await query('SELECT id FROM orders')).toHaveLength(0);
      expect(await stockOf(variantIds[0]!)).toBe(50);
      expect(await query("SELECT id FROM stock_movements WHERE reason = 'sale'")).toHaveLength(0);
    },
  );

  it(
    'a 4th open unpaid order from one visitor — refused with a clear message; ' +
      'also from another browser with the same email',
    async () => {
      const app = newApp();
      const { variantIds } = await shopWith([{ price: '5.00', stock: 50 }]);
      const agent = request.agent(app);
      const place = async (a: Agent, details: Record<string, string>) => {
        await addToCart(a, variantIds[0]!, 1);
        const { token, csrf } = await checkoutToReview(a, details);
        return placeOrder(a, token, csrf);
      };
      for (let i = 0; i < 3; i++) expect((await place(agent, pickup)).status).toBe(303);
      const fourth = await place(agent, pickup);
      expect(fourth.status).toBe(409);
      expect(fourth.text).toContain('You already have 3 orders waiting for payment');
      const other = await place(request.agent(app), { ...pickup, phone: '097 777 8888' });
      expect(other.status).toBe(409);
      expect(await query('SELECT id FROM orders')).toHaveLength(3);
      expect(await stockOf(variantIds[0]!)).toBe(47);

      // Once one is paid (or cancelled) another may be placed.
      await query("UPDATE orders SET status = 'paid' WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM orders) x)");
      expect((await place(agent, pickup)).status).toBe(303);
    },
  );

  it('10 parallel placements by one customer from different browsers — ' +
    'never more open orders than the cap', async () => {
    const app = newApp();
    app.set('trust proxy', 'loopback');
    const { variantIds } = await shopWith([{ price: '5.00', stock: 50 }]);
    const forms = [];
    for (let i = 0; i < 10; i++) {
      const agent = request.agent(app).set('X-Forwarded-For', `198.51.100.${i + 1}`);
      await addToCart(agent, variantIds[0]!, 1);
      forms.push({ agent, ...(await checkoutToReview(agent, pickup)) });
    }
    const results = await Promise.all(forms.map((f) => placeOrder(f.agent, f.token, f.csrf)));
    expect(results.map((r) => r.status).sort()).toEqual([303, 303, 303, ...Array(7).fill(409)]);
    expect(await query('SELECT id FROM orders')).toHaveLength(3);
    expect(await stockOf(variantIds[0]!)).toBe(47);
  }, 60_000);

  it('/admin/settings — admins set the limits and deadlines (validated); staff get 403', async () => {
    const app = newApp();
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const base = {
      deliveryFeePhnomPenh: '1.50',
      deliveryFeeProvinces: '3.50',
      vatRate: '0',
      shopLegalName: 'Computer Shop Co., Ltd.',
      shopLegalNameKm: 'ក្រុមហ៊ុន ខមភ្យូទ័រ ហប',
      shopAddress: 'St 107',
      shopAddressKm: 'ផ្លូវ ១០៧',
      shopPhone: '+855 12 345 678',
      vatNumber: '',
      cashRoundingKhr: '100',
      codZones: 'phnom_penh',
      codMaxUsd: '1000',
      pickupHoldDays: '3',
    };
    const bad = await postForm(admin, '/admin/settings', {
      ...base,
      cashRoundingKhr: '250',
      maxUnitsPerProduct: '0',
      maxOpenOrders: '3',
      proofAlertMinutes: '120',
      proofCancelHours: '1',
      pickupHoldDays: '15',
      codMaxUsd: '-5',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a whole number of days from 1 to 14.');
    expect(bad.text).toContain('Enter an amount in dollars from 0 to 100000 (0 = no limit).');
    expect(bad.text).toContain('Enter a whole number from 1 to 999.');
    expect(bad.text).toContain('The cancel deadline must come after the alert.');
    expect(bad.text).toContain('This value is not valid.');
    expect(await query("SELECT * FROM settings WHERE `key` = 'maxUnitsPerProduct'")).toHaveLength(0);
    const ok = await postForm(admin, '/admin/settings', {
      ...base,
      maxUnitsPerProduct: '2',
      maxOpenOrders: '5',
      proofAlertMinutes: '30',
      proofCancelHours: '12',
      cashRoundingKhr: '500',
      pickupHoldDays: '5',
    });
    expect(ok.status).toBe(303);
    expect(
      await query(
        "SELECT `key`, value FROM settings WHERE `key` IN ('codZones', 'codMaxUsd', 'pickupHoldDays') ORDER BY `key`",
      ),
    ).toEqual([
      { key: 'codMaxUsd', value: '1000.00' },
      { key: 'codZones', value: 'phnom_penh' },
      { key: 'pickupHoldDays', value: '5' },
    ]);
    expect(await query("SELECT value FROM settings WHERE `key` = 'cashRoundingKhr'")).toEqual([{ value: '500' }]);
    expect(
      await query(
        "SELECT `key`, value FROM settings WHERE `key` IN ('maxUnitsPerProduct', 'proofCancelHours') ORDER BY `key`",
      ),
    ).toEqual([
      { key: 'maxUnitsPerProduct', value: '2' },
      { key: 'proofCancelHours', value: '12' },
    ]);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await staff.get('/admin/settings')).status).toBe(403);

    // The new cap applies at once.
    const { variantIds } = await shopWith([{ price: '5.00', stock: 50, name: 'HDMI Cable' }]);
    const agent = request.agent(app);
    await addToCart(agent, variantIds[0]!, 3);
    const { token, csrf } = await checkoutToReview(agent, pickup);
    const res = await placeOrder(agent, token, csrf);
    expect(res.status).toBe(422);
    expect(res.text).toContain('at most 2 of HDMI Cable');
  });
});

describe('hostile requests on payments', () => {
  it("another customer cannot see or act on an order's payment page, QR, status or proofs (404)", async () => {
    const app = newApp();
    const { order, proof } = await submitted(app);
    const other = await loginAs(app, await createUser());
    for (const path of [
      `/orders/${order.number}/pay`,
      `/orders/${order.number}/pay/qr.png`,
      `/orders/${order.number}/status`,
      `/orders/${order.number}/proofs/${proof.id}`,
    ]) {
      expect((await other.get(path)).status, path).toBe(404);
    }
    const _csrf = await csrfFrom(other, '/track');
    const upload = await other
      .post(`/orders/${order.number}/proof`)
      .set('Accept', 'text/html')
      .field('_csrf', _csrf)
      .field('currency', 'USD')
      .attach('screenshot', await png(), 'x.png');
    expect(upload.status).toBe(404);
    expect(await query('SELECT id FROM payment_proofs')).toHaveLength(1);
  });

  it('a customer gets 403 at /admin/payments and cannot approve', async () => {
    const app = newApp();
    const { order, proof } = await submitted(app);
    const customer = await loginAs(app, await createUser());
    expect((await customer.get('/admin/payments')).status).toBe(403);
    const _csrf = await csrfFrom(customer, '/track');
    expect(
      (await customer.post(`/admin/payments/proofs/${proof.id}/approve`).type('form').send({ _csrf })).status,
    ).toBe(403);
    expect((await orderRow(order.id)).status).toBe('payment_submitted');
  });

  it('no CSRF token (urlencoded, multipart, JSON) — 403 and nothing changed', async () => {
    const app = newApp();
    const { agent, order, proof } = await submitted(app);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await staff.post(`/admin/payments/proofs/${proof.id}/approve`).type('form').send({})).status).toBe(403);
    expect(
      (
        await staff
          .post(`/admin/payments/proofs/${proof.id}/reject`)
          .set('Accept', 'application/json')
          .send({ reason: 'Fake screenshot' })
      ).status,
    ).toBe(403);
    expect((await staff.post(`/admin/payments/proofs/${proof.id}/approve`).field('note', 'x')).status).toBe(403);
    expect((await query<ProofRow>('SELECT status FROM payment_proofs WHERE id = ?', [proof.id]))[0]!.status).toBe(
      'submitted',
    );
    expect((await orderRow(order.id)).status).toBe('payment_submitted');

    // A fresh unpaid order: a screenshot without a token is refused, nothing stored.
    const second = await placed(app, { ...pickup, email: 'second@example.com', phone: '012 999 888' });
    const upload = await second.agent
      .post(`/orders/${second.order.number}/proof`)
      .field('currency', 'USD')
      .attach('screenshot', await png(), 'x.png');
    expect(upload.status).toBe(403);
    expect(await query('SELECT id FROM payment_proofs WHERE order_id = ?', [second.order.id])).toHaveLength(0);
    expect((await orderRow(second.order.id)).status).toBe('pending_payment');
    const place = await agent.post('/checkout/place').set('Accept', 'application/json').send({ token: 'x' });
    expect(place.status).toBe(403);
  });

  it('malformed ids — 404 or 422, never 500', async () => {
    const app = newApp();
    const { agent, order } = await submitted(app);
    for (const id of ['abc', '1.5', '-1', '0', '99999999999999999999', '1e3']) {
      expect((await agent.get(`/orders/${order.number}/proofs/${id}`)).status, id).toBe(404);
    }
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const _csrf = await csrfFrom(staff, '/admin/payments');
    for (const id of ['abc', '99999999999999999999', '-3', '4294967296']) {
      for (const action of ['approve', 'reject']) {
        const res = await staff
          .post(`/admin/payments/proofs/${id}/${action}`)
          .type('form')
          .set('Accept', 'text/html')
          .send({ _csrf, reason: 'Not a real payment' });
        expect([404, 422], `${action} ${id}`).toContain(res.status);
      }
      expect([404, 422]).toContain((await staff.get(`/admin/payments/proofs/${id}/image`)).status);
    }
    expect(
      (
        await staff
          .post('/admin/payments/proofs/4294967295/approve')
          .type('form')
          .set('Accept', 'text/html')
          .send({ _csrf })
      ).status,
    ).toBe(404);
    expect((await orderRow(order.id)).status).toBe('payment_submitted');
  });
});
