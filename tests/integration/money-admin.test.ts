import request from 'supertest';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { csrfFrom, createUser, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';
import { systemNote } from '../../src/modules/orders/status-notes.js';

type OrderRow = { id: number; number: string; status: string; grand_total: string; refunded_amount: string };

/** A paid online order of 2 units (stock 5 → 3), through the real checkout. */
async function paidOrder(app: Express, opts: { status?: string; grandTotal?: string } = {}) {
  const { variantIds } = await shopWith([{ price: '30.00', stock: 5 }]);
  const agent = request.agent(app);
  await addToCart(agent, variantIds[0]!, 2);
  const { token, csrf } = await checkoutToReview(agent, guestDetails);
  await placeOrder(agent, token, csrf);
  const [order] = await query<OrderRow>('SELECT * FROM orders ORDER BY id DESC LIMIT 1');
  await query('UPDATE orders SET status = ?, paid_at = NOW(), grand_total = COALESCE(?, grand_total) WHERE id = ?', [
    opts.status ?? 'paid',
    opts.grandTotal ?? null,
    order!.id,
  ]);
  return { order: await orderRow(order!.id), variantId: variantIds[0]! };
}
const orderRow = async (id: number) => (await query<OrderRow>('SELECT * FROM orders WHERE id = ?', [id]))[0]!;
const refundRows = (orderId: number) =>
  query<{ amount: string; reason: string; method: string; user_id: number }>(
    'SELECT amount, reason, method, user_id FROM refunds WHERE order_id = ? ORDER BY id',
    [orderId],
  );
const refundSum = async (orderId: number) =>
  Number(
    (await query<{ s: string | null }>('SELECT SUM(amount) AS s FROM refunds WHERE order_id = ?', [orderId]))[0]!.s ??
      0,
  );
const logRows = (orderId: number) =>
  query<{ from_status: string; to_status: string; user_id: number | null; note: string | null }>(
    'SELECT from_status, to_status, user_id, note FROM order_status_log ' +
      'WHERE order_id = ? AND from_status IS NOT NULL ORDER BY id',
    [orderId],
  );
/** variants.stock and the ledger's sum for it: they must always agree. */
async function stockAndLedger(variantId: number) {
  const [v] = await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]);
  const [l] = await query<{ s: string }>('SELECT SUM(delta) AS s FROM stock_movements WHERE variant_id = ?', [
    variantId,
  ]);
  return { stock: v!.stock, ledger: Number(l!.s) };
}
const cents = (s: string) => Math.round(Number(s) * 100);

/** Fires the same form POST n times at once with one token (what a double-clicking or scripted client does). */
async function parallel(agent: Agent, path: string, bodies: Record<string, string>[], tokenFrom: string) {
  const _csrf = await csrfFrom(agent, tokenFrom);
  return Promise.all(
    bodies.map((b) =>
      agent
        .post(path)
        .type('form')
        .set('Accept', 'text/html')
        .send({ ...b, _csrf }),
    ),
  );
}

describe('refunds under concurrency', () => {
  it(
    'POST /admin/orders/:n/refund — 10 parallel $4 refunds on a $6 order — refunded never exceeds paid, ' +
      'losers get 422/409, never 500',
    async () => {
      const app = newApp();
      const { order } = await paidOrder(app, { grandTotal: '6.00' });
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      const page = `/admin/orders/${order.number}`;
      const res = await parallel(
        admin,
        `${page}/refund`,
        Array.from({ length: 10 }, () => ({ amount: '4.00', reason: 'Price match', method: 'cash' })),
        page,
      );
      const codes = res.map((r) => r.status).sort();
      expect(codes.filter((c) => c === 303)).toHaveLength(1);
      expect(codes.every((c) => c === 303 || c === 409 || c === 422)).toBe(true);
      const after = await orderRow(order.id);
      expect(after).toMatchObject({ status: 'paid', refunded_amount: '4.00' });
      expect(await refundSum(order.id)).toBe(4);
      expect(cents(after.refunded_amount)).toBeLessThanOrEqual(cents(after.grand_total));
    },
  );

  it(
    'POST /admin/orders/:n/refund and /cancel — racing on the same paid order — refunded equals paid once, ' +
      'restocked once, one final state',
    async () => {
      const app = newApp();
      const { order, variantId } = await paidOrder(app);
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      const page = `/admin/orders/${order.number}`;
      const _csrf = await csrfFrom(admin, page);
      const post = (action: string, body: Record<string, string>) =>
        admin
          .post(`${page}/${action}`)
          .type('form')
          .set('Accept', 'text/html')
          .send({ ...body, _csrf });
      const res = await Promise.all([
        post('refund', { amount: '20.00', reason: 'Dented case', method: 'khqr' }),
        post('cancel', { reason: 'Customer changed their mind', method: 'cash' }),
        post('refund', { amount: '20.00', reason: 'Dented case', method: 'khqr' }),
        post('cancel', { reason: 'Customer changed their mind', method: 'cash' }),
        post('refund', { amount: '5.00', reason: 'Late delivery', method: 'cash' }),
      ]);
      expect(res.map((r) => r.status).every((c) => c === 303 || c === 409 || c === 422)).toBe(true);
      const after = await orderRow(order.id);
      // Whichever won, the cancel refunds what is left, so in the end exactly what was paid went back.
      expect(after.status).toBe('refunded');
      expect(after.refunded_amount).toBe(after.grand_total);
      expect(await refundSum(order.id)).toBe(Number(after.grand_total));
      expect((await logRows(order.id)).filter((l) => l.to_status === 'refunded')).toHaveLength(1);
      expect(await stockAndLedger(variantId)).toEqual({ stock: 5, ledger: 5 });
      expect(await query("SELECT delta FROM stock_movements WHERE reason = 'order_cancelled'")).toEqual([{ delta: 2 }]);
    },
  );

  it.each([
    ['method=bitcoin', { amount: '5.00', reason: 'Scratched box', method: 'bitcoin' }, 'method'],
    ['no method', { amount: '5.00', reason: 'Scratched box' }, 'method'],
    ['amount=1e20', { amount: '1e20', reason: 'Scratched box', method: 'cash' }, 'amount'],
    ['amount=99999999999', { amount: '99999999999', reason: 'Scratched box', method: 'cash' }, 'amount'],
    ['amount=12.345', { amount: '12.345', reason: 'Scratched box', method: 'cash' }, 'amount'],
    ['amount=-5', { amount: '-5', reason: 'Scratched box', method: 'cash' }, 'amount'],
  ])('POST /admin/orders/:n/refund — %s — 422 with the form kept, nothing written', async (_label, body, field) => {
    const app = newApp();
    const { order } = await paidOrder(app);
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const res = await postForm(admin, `/admin/orders/${order.number}/refund`, body, `/admin/orders/${order.number}`);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(
      new RegExp(`id="refund-${field}"[^>]*aria-invalid="true"|id="f-${field}"[^>]*aria-invalid="true"`),
    );
    expect(await refundRows(order.id)).toEqual([]);
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', refunded_amount: '0.00' });
  });
});

describe('cancelling a paid order is a refund', () => {
  it.each(['paid', 'processing', 'ready_for_pickup'])(
    'POST /admin/orders/:n/cancel — staff on a %s order — 403, order, stock and refunds unchanged, ' +
      'and the action is not offered',
    async (status) => {
      const app = newApp();
      const { order, variantId } = await paidOrder(app, { status });
      const staff = await loginAs(app, await createUser({ role: 'staff' }));
      const page = await staff.get(`/admin/orders/${order.number}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(`/admin/orders/${order.number}/cancel`);
      const res = await postForm(
        staff,
        `/admin/orders/${order.number}/cancel`,
        { reason: 'Customer changed their mind', method: 'cash' },
        `/admin/orders/${order.number}`,
      );
      expect(res.status).toBe(403);
      expect(await orderRow(order.id)).toMatchObject({ status, refunded_amount: '0.00' });
      expect(await refundRows(order.id)).toEqual([]);
      expect(await logRows(order.id)).toEqual([]);
      expect(await stockAndLedger(variantId)).toEqual({ stock: 3, ledger: 3 });
    },
  );

  it(
    'POST /admin/orders/:n/cancel — admin on a paid order — refund row for the whole amount, ' +
      'refunded_amount = grand_total, stock back, one status log row, customer emailed',
    async () => {
      const app = newApp();
      const { order, variantId } = await paidOrder(app);
      const adminUser = await createUser({ role: 'admin' });
      const admin = await loginAs(app, adminUser);
      const page = await admin.get(`/admin/orders/${order.number}`);
      expect(page.text).toContain('id="cancel-method"');
      const res = await postForm(
        admin,
        `/admin/orders/${order.number}/cancel`,
        { reason: 'Out of stock at the supplier', method: 'khqr' },
        `/admin/orders/${order.number}`,
      );
      expect(res.status).toBe(303);
      const after = await orderRow(order.id);
      expect(after).toMatchObject({ status: 'refunded', refunded_amount: order.grand_total });
      // Written exactly as the refund action writes it, so reports (SUM(refunds.amount)) see it.
      expect(await refundRows(order.id)).toEqual([
        { amount: order.grand_total, reason: 'Out of stock at the supplier', method: 'khqr', user_id: adminUser.id },
      ]);
      expect(await stockAndLedger(variantId)).toEqual({ stock: 5, ledger: 5 });
      expect(await logRows(order.id)).toEqual([
        {
          from_status: 'paid',
          to_status: 'refunded',
          user_id: adminUser.id,
          note: systemNote('statusNotes.cancelRefund', {
            amount: order.grand_total,
            reason: 'Out of stock at the supplier',
          }),
        },
      ]);
      // The back office reads the note in its own words.
      expect((await admin.get(`/admin/orders/${order.number}`)).text).toContain(
        `Cancelled, refund $${order.grand_total}: Out of stock at the supplier`,
      );
      expect((await mailbox.waitFor(guestDetails.email, 2)).subject).toBe(`Order ${order.number} was cancelled`);
    },
  );

  it(
    'GET /admin/orders/:n and a 422 re-render — ' + 'a paid order as admin — valid HTML with both refund forms',
    async () => {
      const app = newApp();
      const { order } = await paidOrder(app);
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      const validator = new HtmlValidate({
        extends: ['html-validate:document'],
        rules: { 'require-sri': 'off', 'no-trailing-whitespace': 'off', 'long-title': 'off' },
      });
      const invalid = await postForm(
        admin,
        `/admin/orders/${order.number}/cancel`,
        { reason: 'ok', method: 'bitcoin' },
        `/admin/orders/${order.number}`,
      );
      expect(invalid.status).toBe(422);
      for (const html of [(await admin.get(`/admin/orders/${order.number}`)).text, invalid.text]) {
        const report = await validator.validateString(html);
        expect(
          report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`)),
        ).toEqual([]);
      }
    },
  );

  it('POST /admin/orders/:n/cancel — admin on a partly refunded order — refunds only what is left', async () => {
    const app = newApp();
    const { order } = await paidOrder(app, { status: 'processing' });
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const page = `/admin/orders/${order.number}`;
    expect(
      (await postForm(admin, `${page}/refund`, { amount: '10.00', reason: 'Price match', method: 'cash' }, page))
        .status,
    ).toBe(303);
    expect(
      (await postForm(admin, `${page}/cancel`, { reason: 'Customer changed their mind', method: 'cash' }, page)).status,
    ).toBe(303);
    const rows = await refundRows(order.id);
    expect(rows.map((r) => r.amount)).toEqual(['10.00', ((cents(order.grand_total) - 1000) / 100).toFixed(2)]);
    expect(await orderRow(order.id)).toMatchObject({ status: 'refunded', refunded_amount: order.grand_total });
  });

  it(
    'POST /admin/orders/:n/cancel — ' + 'admin on a paid order without a refund method — 422, nothing written',
    async () => {
      const app = newApp();
      const { order, variantId } = await paidOrder(app);
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      const res = await postForm(
        admin,
        `/admin/orders/${order.number}/cancel`,
        { reason: 'Customer changed their mind' },
        `/admin/orders/${order.number}`,
      );
      expect(res.status).toBe(422);
      expect(res.text).toContain('value="Customer changed their mind"');
      expect(await orderRow(order.id)).toMatchObject({ status: 'paid', refunded_amount: '0.00' });
      expect(await refundRows(order.id)).toEqual([]);
      expect(await stockAndLedger(variantId)).toEqual({ stock: 3, ledger: 3 });
    },
  );

  it('POST /admin/orders/:n/cancel — staff on an unpaid order — cancelled and restocked, no refund row', async () => {
    const app = newApp();
    const { order, variantId } = await paidOrder(app, { status: 'payment_submitted' });
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect(
      (
        await postForm(
          staff,
          `/admin/orders/${order.number}/cancel`,
          { reason: 'Customer asked by phone' },
          `/admin/orders/${order.number}`,
        )
      ).status,
    ).toBe(303);
    expect((await orderRow(order.id)).status).toBe('cancelled');
    expect(await refundRows(order.id)).toEqual([]);
    expect(await stockAndLedger(variantId)).toEqual({ stock: 5, ledger: 5 });
  });
});

describe('cost prices are admin-only', () => {
  async function seeded() {
    const cat = await createCategory({ name: 'Memory', slug: `memory-${Date.now()}` });
    const p = await createProduct({
      name: 'Kingston FURY 16GB',
      categoryId: cat.id,
      variants: [{ sku: 'KF-16', price: '199.00', costPrice: '123.45', stock: 4 }],
    });
    const v = p.variants[0]!;
    await query(
      'INSERT INTO stock_movements (variant_id, delta, stock_before, stock_after, reason, unit_cost) ' +
        "VALUES (?, 1, 4, 5, 'restock', '98.76')",
      [v.id],
    );
    await query('UPDATE variants SET stock = 5 WHERE id = ?', [v.id]);
    return { productId: p.id, variantId: v.id };
  }
  const pages = (s: { productId: number; variantId: number }) => [
    '/admin/inventory',
    `/admin/inventory/${s.variantId}`,
    `/admin/products/${s.productId}`,
    `/admin/inventory/labels?ids=${s.variantId}`,
  ];

  it(
    'GET back-office pages as staff — inventory list, movements, product page, labels — never contain the cost; ' +
      'an admin sees it',
    async () => {
      const app = newApp();
      const s = await seeded();
      const staff = await loginAs(app, await createUser({ role: 'staff' }));
      for (const path of pages(s)) {
        const res = await staff.get(path);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain('123.45');
        expect(res.text, path).not.toContain('98.76');
        expect(res.text, path).not.toContain('name="costPrice"');
      }
      expect((await staff.get('/admin/products/export.csv')).status).toBe(403);
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      expect((await admin.get('/admin/inventory')).text).toContain('$123.45');
      expect((await admin.get(`/admin/inventory/${s.variantId}`)).text).toContain('$98.76');
      expect((await admin.get(`/admin/products/${s.productId}`)).text).toContain('value="123.45"');
      expect((await admin.get('/admin/products/export.csv')).text).toContain('123.45');
    },
  );

  it(
    'POST a cost field as staff — variant form (any value, even the right one) and restock — ' +
      '403 and the cost is unchanged',
    async () => {
      const app = newApp();
      const s = await seeded();
      const staff = await loginAs(app, await createUser({ role: 'staff' }));
      const form = `/admin/products/${s.productId}`;
      const base = {
        sku: 'KF-16',
        barcode: '',
        options: '',
        price: '199.00',
        compareAtPrice: '',
        lowStockThreshold: '3',
        isActive: '1',
      };
      for (const costPrice of ['1.00', '123.45']) {
        expect((await postForm(staff, `${form}/variants/${s.variantId}`, { ...base, costPrice }, form)).status).toBe(
          403,
        );
      }
      expect(
        (
          await postForm(staff, `/admin/inventory/${s.variantId}`, {
            reason: 'restock',
            quantity: '1',
            unitCost: '2.00',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await query<{ cost_price: string; stock: number }>('SELECT cost_price, stock FROM variants WHERE id = ?', [
            s.variantId,
          ])
        )[0],
      ).toEqual({ cost_price: '123.45', stock: 5 });
      // Without a cost field staff still edit what they may.
      expect(
        (await postForm(staff, `${form}/variants/${s.variantId}`, { ...base, lowStockThreshold: '2' }, form)).status,
      ).toBe(303);
      expect(
        (
          await query<{ cost_price: string; low_stock_threshold: number }>(
            'SELECT cost_price, low_stock_threshold FROM variants WHERE id = ?',
            [s.variantId],
          )
        )[0],
      ).toEqual({ cost_price: '123.45', low_stock_threshold: 2 });
    },
  );

  it('GET /admin/products/new and POST /admin/products/:id/variants as staff — 403 (they set costs)', async () => {
    const app = newApp();
    const s = await seeded();
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await staff.get('/admin/products/new')).status).toBe(403);
    const _csrf = await csrfFrom(staff, `/admin/products/${s.productId}`);
    const res = await staff
      .post(`/admin/products/${s.productId}/variants`)
      .type('form')
      .send({ sku: 'KF-32', price: '299.00', costPrice: '1.00', lowStockThreshold: '3', _csrf });
    expect(res.status).toBe(403);
    expect(await query("SELECT id FROM variants WHERE sku = 'KF-32'")).toEqual([]);
  });
});

describe('hostile callers on /admin/orders', () => {
  it('a customer gets 403 on the order page and on every action, and nothing changes', async () => {
    const app = newApp();
    const { order } = await paidOrder(app);
    const customer = await loginAs(app, await createUser());
    expect((await customer.get(`/admin/orders/${order.number}`)).status).toBe(403);
    const _csrf = await csrfFrom(customer, '/track');
    for (const [action, body] of [
      ['confirm', {}],
      ['cancel', { reason: 'Not wanted', method: 'cash' }],
      ['refund', { amount: '5.00', reason: 'Scratched', method: 'cash' }],
    ] as const) {
      const res = await customer
        .post(`/admin/orders/${order.number}/${action}`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ ...body, _csrf });
      expect(res.status, action).toBe(403);
    }
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', refunded_amount: '0.00' });
    expect(await refundRows(order.id)).toEqual([]);
  });

  it.each(['urlencoded', 'json'])(
    'POST /admin/orders/:n/refund and /cancel — no CSRF token (%s) — 403, nothing changed',
    async (kind) => {
      const app = newApp();
      const { order, variantId } = await paidOrder(app);
      const admin = await loginAs(app, await createUser({ role: 'admin' }));
      for (const [action, body] of [
        ['refund', { amount: '5.00', reason: 'Scratched box', method: 'cash' }],
        ['cancel', { reason: 'Not wanted', method: 'cash' }],
      ] as const) {
        const req = admin.post(`/admin/orders/${order.number}/${action}`).set('Accept', 'text/html');
        const res = await (kind === 'json' ? req.type('json').send(body) : req.type('form').send(body));
        expect(res.status, action).toBe(403);
      }
      expect(await orderRow(order.id)).toMatchObject({ status: 'paid', refunded_amount: '0.00' });
      expect(await refundRows(order.id)).toEqual([]);
      expect(await stockAndLedger(variantId)).toEqual({ stock: 3, ledger: 3 });
    },
  );

  it.each([
    ['a quote and SQL', "CS-1'%20OR%201=1"],
    ['300 characters', 'x'.repeat(300)],
    ['an emoji', '%F0%9F%92%A5'],
    ['well formed but unknown', 'CS-000000-000000'],
  ])('GET and POST /admin/orders/:n — %s as the number — 404, nothing written', async (_label, number) => {
    const app = newApp();
    await paidOrder(app);
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    expect((await admin.get(`/admin/orders/${number}`)).status).toBe(404);
    const _csrf = await csrfFrom(admin, '/admin/orders');
    expect((await admin.post(`/admin/orders/${number}/confirm`).type('form').send({ _csrf })).status).toBe(404);
    expect(
      (
        await admin
          .post(`/admin/orders/${number}/refund`)
          .type('form')
          .send({ _csrf, amount: '1.00', reason: 'Test run', method: 'cash' })
      ).status,
    ).toBe(404);
    expect(await query('SELECT id FROM refunds')).toEqual([]);
  });

  it.each([
    ['confirm', {}, 'processing'],
    ['ship', { courier: 'J&T Express', tracking: 'JT8800112233' }, 'shipped'],
  ] as const)(
    'POST /admin/orders/:n/%s — 10 parallel identical requests — one status log row, the rest 409',
    async (action, body, to) => {
      const app = newApp();
      const { order } = await paidOrder(app);
      const staff = await loginAs(app, await createUser({ role: 'staff' }));
      const page = `/admin/orders/${order.number}`;
      const res = await parallel(
        staff,
        `${page}/${action}`,
        Array.from({ length: 10 }, () => ({ ...body })),
        page,
      );
      const codes = res.map((r) => r.status);
      expect(codes.filter((c) => c === 303)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(9);
      expect((await orderRow(order.id)).status).toBe(to);
      expect((await logRows(order.id)).filter((l) => l.to_status === to)).toHaveLength(1);
    },
  );

  it('POST /admin/orders/:n/ship — a courier or tracking number longer than the column — 422, not a 500', async () => {
    const app = newApp();
    const { order } = await paidOrder(app);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const res = await postForm(
      staff,
      `/admin/orders/${order.number}/ship`,
      { courier: 'J&T Express', tracking: 'T'.repeat(200) },
      `/admin/orders/${order.number}`,
    );
    expect(res.status).toBe(422);
    expect((await orderRow(order.id)).status).toBe('paid');
  });
});
