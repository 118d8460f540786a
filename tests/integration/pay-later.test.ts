import request from 'supertest';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { describe as describeProduct, describeKm } from '../../src/db/seed/describe.js';
import { randFor } from '../../src/db/seed/random.js';
import { loadDashboard } from '../../src/modules/dashboard/dashboard.queries.js';
import { enforceDeadlines } from '../../src/modules/payments/payment-checker.js';
import { getSettings } from '../../src/modules/settings/settings.service.js';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, shopWith } from '../helpers/shop.js';

type OrderRow = {
  id: number;
  number: string;
  status: string;
  payment_method: string | null;
  payment_deadline: Date | null;
  placed_at: Date;
  paid_at: Date | null;
  invoice_number: string | null;
  grand_total: string;
  courier: string | null;
  tracking_number: string | null;
};

const pickup = { ...guestDetails, deliveryMethod: 'pickup' };
const province = { ...guestDetails, province: 'Siem Reap' };

const orders = () => query<OrderRow>('SELECT * FROM orders ORDER BY id');
const orderById = async (id: number) => (await query<OrderRow>('SELECT * FROM orders WHERE id = ?', [id]))[0]!;
const stockOf = async (variantId: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock;
const paymentsOf = (orderId: number) =>
  query<{ method: string; amount: string; status: string; currency: string; transaction_hash: string | null }>(
    'SELECT method, amount, status, currency, transaction_hash FROM payments WHERE order_id = ? ORDER BY id',
    [orderId],
  );
const logOf = (orderId: number) =>
  query<{ from_status: string | null; to_status: string; note: string | null }>(
    'SELECT from_status, to_status, note FROM order_status_log WHERE order_id = ? ORDER BY id',
    [orderId],
  );

/** Places an order from the review page with a payment choice, as the browser posts it. */
function placeWith(agent: Agent, token: string, csrf: string, payment?: string) {
  return agent
    .post('/checkout/place')
    .type('form')
    .set('Accept', 'text/html')
    .send({ token, _csrf: csrf, ...(payment === undefined ? {} : { payment }) });
}

/** A guest with `qty` of one $30 item (stock 5) in the cart, at the review step. */
async function atReview(app: Express, details: Record<string, string> = guestDetails, qty = 1, email?: string) {
  const { variantIds } = await shopWith([{ price: '30.00', stock: 5, name: 'Logitech K120' }]);
  const agent = request.agent(app);
  await addToCart(agent, variantIds[0]!, qty);
  const review = await checkoutToReview(agent, email ? { ...details, email } : details);
  return { agent, variantId: variantIds[0]!, ...review };
}

async function placed(app: Express, payment: 'cod' | 'at_pickup', email = 'dara@example.com') {
  const r = await atReview(app, payment === 'cod' ? guestDetails : pickup, 1, email);
  const res = await placeWith(r.agent, r.token, r.csrf, payment);
  if (res.status !== 303) throw new Error(`not placed: ${res.status} ${res.text.slice(0, 500)}`);
  const [order] = await query<OrderRow>('SELECT * FROM orders ORDER BY id DESC LIMIT 1');
  return { ...r, order: order!, res };
}

async function staffAgent(app: Express) {
  return loginAs(app, await createUser({ role: 'staff' }));
}

/** Posts a back-office action with the CSRF token of the order's page. */
function act(agent: Agent, number: string, action: string, body: Record<string, string> = {}) {
  return postForm(agent, `/admin/orders/${number}/${action}`, body, `/admin/orders/${number}`);
}

describe('cash on delivery at checkout', () => {
  it('in an allowed zone: order confirmed, stock reserved, no payment, email says pay the driver, order page', async () => {
    const app = newApp();
    const { agent, variantId, token, csrf, review } = await atReview(app);
    expect(review.text).toContain('Cash on delivery');
    expect(review.text).toContain('value="cod"');
    expect(review.text).not.toContain('value="at_pickup"');
    mailbox.clear();
    const res = await placeWith(agent, token, csrf, 'cod');
    expect(res.status).toBe(303);
    const [order] = await orders();
    expect(res.headers.location).toBe(`/orders/${order!.number}`);
    expect(order).toMatchObject({ status: 'confirmed', payment_method: 'cod', payment_deadline: null, paid_at: null });
    expect(await stockOf(variantId)).toBe(4);
    expect(
      await query("SELECT delta, reason, order_id FROM stock_movements WHERE variant_id = ? AND reason = 'sale'", [
        variantId,
      ]),
    ).toEqual([{ delta: -1, reason: 'sale', order_id: order!.id }]);
    expect(await paymentsOf(order!.id)).toEqual([]);
    expect(await logOf(order!.id)).toEqual([{ from_status: null, to_status: 'confirmed', note: null }]);

    const mail = await mailbox.waitFor('dara@example.com');
    expect(mail.subject).toBe(`Order ${order!.number} received`);
    expect(mail.text).toContain('Nothing to pay now: pay $31.50 in cash');
    expect(mail.text).not.toContain('/pay');
    expect(mail.html).not.toContain('Pay now');

    const page = await agent.get(res.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Thank you! Order');
    expect(page.text).toContain('Confirmed, pay later');
    expect(page.text).toContain('pay $31.50 in cash');
    // A second submit of the same form lands on the same order page, nothing doubled.
    const again = await placeWith(agent, token, csrf, 'cod');
    expect(again.headers.location).toBe(`/orders/${order!.number}`);
    expect(await orders()).toHaveLength(1);
  });

  it('to a zone not allowed, over the cap, for pickup or with an unknown choice: 422, nothing created', async () => {
    const app = newApp();
    const prov = await atReview(app, province);
    expect(prov.review.text).not.toContain('value="cod"');
    expect(prov.review.text).toContain('Cash on delivery is not available for this delivery address.');
    const refusedZone = await placeWith(prov.agent, prov.token, prov.csrf, 'cod');
    expect(refusedZone.status).toBe(422);
    expect(refusedZone.text).toContain('Cash on delivery is not available for this delivery address');
    expect(await stockOf(prov.variantId)).toBe(5);

    // The zone may be allowed in settings; then the cap applies.
    await query("INSERT INTO settings (`key`, value) VALUES ('codZones', 'phnom_penh,provinces'), ('codMaxUsd', '50')");
    const big = await atReview(app, province, 2, 'big@example.com');
    expect(big.review.text).toContain('Cash on delivery is available for orders up to $50.00.');
    const overCap = await placeWith(big.agent, big.token, big.csrf, 'cod');
    expect(overCap.status).toBe(422);
    expect(overCap.text).toContain('Cash on delivery is available for orders up to $50.00');
    expect(await stockOf(big.variantId)).toBe(5);

    const pick = await atReview(app, pickup, 1, 'pick@example.com');
    const codPickup = await placeWith(pick.agent, pick.token, pick.csrf, 'cod');
    expect(codPickup.status).toBe(422);
    expect(codPickup.text).toContain('Cash on delivery is only for orders we deliver');
    const atPickupDelivered = await placeWith(prov.agent, prov.token, prov.csrf, 'at_pickup');
    expect(atPickupDelivered.status).toBe(422);
    expect(atPickupDelivered.text).toContain('Paying at the shop is only for orders you pick up');
    const bogus = await placeWith(pick.agent, pick.token, pick.csrf, 'card');
    expect(bogus.status).toBe(422);
    expect(bogus.text).toContain('Choose how you want to pay.');
    expect(await orders()).toEqual([]);
    expect(await query("SELECT id FROM stock_movements WHERE reason = 'sale'")).toEqual([]);

    // Under the cap in an allowed province: accepted. Then no COD at all ("none" ticked).
    const small = await atReview(app, province, 1, 'small@example.com');
    expect((await placeWith(small.agent, small.token, small.csrf, 'cod')).status).toBe(303);
    await query("UPDATE settings SET value = '' WHERE `key` = 'codZones'");
    expect((await getSettings()).codZones).toEqual([]);
    const none = await atReview(app, guestDetails, 1, 'none@example.com');
    expect((await placeWith(none.agent, none.token, none.csrf, 'cod')).status).toBe(422);
    expect((await orders()).map((o) => o.payment_method)).toEqual(['cod']);
  });

  it('pay at pickup: confirmed and held for the set number of days, shown in Phnom Penh time', async () => {
    await query("INSERT INTO settings (`key`, value) VALUES ('pickupHoldDays', '4')");
    const app = newApp();
    const r = await atReview(app, pickup);
    expect(r.review.text).toContain('Pay at the shop when you pick up');
    expect(r.review.text).toContain('We hold your items for 4 days.');
    expect(r.review.text).not.toContain('value="cod"');
    mailbox.clear();
    const res = await placeWith(r.agent, r.token, r.csrf, 'at_pickup');
    const [order] = await orders();
    expect(res.headers.location).toBe(`/orders/${order!.number}`);
    expect(order).toMatchObject({ status: 'confirmed', payment_method: 'at_pickup' });
    expect(order!.payment_deadline!.getTime() - order!.placed_at.getTime()).toBe(4 * 24 * 3600 * 1000);
    expect(await stockOf(r.variantId)).toBe(4);
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Phnom_Penh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(order!.payment_deadline!)
      .replace(',', '');
    const page = await r.agent.get(`/orders/${order!.number}`);
    expect(page.text).toContain(`Held until ${local} (Phnom Penh)`);
    const mail = await mailbox.waitFor('dara@example.com');
    expect(mail.text).toContain(`we hold your items at the shop until ${local} (Phnom Penh)`);
    expect(mail.text).not.toContain('/pay');
  });

  it('pay-later orders count as open orders (maxOpenOrders still enforced)', async () => {
    await query("INSERT INTO settings (`key`, value) VALUES ('maxOpenOrders', '1')");
    const app = newApp();
    await placed(app, 'cod');
    const second = await atReview(app, guestDetails);
    const res = await placeWith(second.agent, second.token, second.csrf, 'cod');
    expect(res.status).toBe(409);
    expect(res.text).toContain('You already have 1 order waiting for payment');
    expect(await orders()).toHaveLength(1);
  });
});

describe('the back office settles orders paid later', () => {
  it('cash on delivery: out for delivery, cash collected (payment, paid_at, invoice number, counted in sales)', async () => {
    const app = newApp();
    const { order } = await placed(app, 'cod');
    const staff = await staffAgent(app);
    const queue = await staff.get('/admin/orders?queue=cod');
    expect(queue.text).toContain(order.number);
    expect(queue.text).toContain('To collect: cash on delivery (1)');
    expect((await staff.get('/admin/orders?queue=pickup')).text).not.toContain(order.number);
    const show = await staff.get(`/admin/orders/${order.number}`);
    expect(show.text).toContain('Out for delivery');
    expect(show.text).not.toContain(`/admin/orders/${order.number}/collect`);

    mailbox.clear();
    const out = await act(staff, order.number, 'dispatch', { courier: 'Grab', tracking: '' });
    expect(out.status).toBe(303);
    expect(await orderById(order.id)).toMatchObject({
      status: 'out_for_delivery',
      courier: 'Grab',
      tracking_number: null,
      paid_at: null,
    });
    expect((await mailbox.waitFor('dara@example.com')).text).toContain('Please have $31.50 ready in cash');
    expect(await paymentsOf(order.id)).toEqual([]);
    expect((await loadDashboard()).last7).toBe('0.00');

    const collected = await act(staff, order.number, 'collect');
    expect(collected.status).toBe(303);
    const done = await orderById(order.id);
    expect(done.status).toBe('completed');
    expect(done.paid_at).not.toBeNull();
    expect(done.invoice_number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(await paymentsOf(order.id)).toEqual([
      { method: 'cash', amount: '31.50', status: 'paid', currency: 'USD', transaction_hash: null },
    ]);
    expect((await logOf(order.id)).map((l) => l.to_status)).toEqual(['confirmed', 'out_for_delivery', 'completed']);
    expect((await loadDashboard()).last7).toBe('31.50');
    // The customer sees the cash payment and the state in words.
    const page = await staff.get(`/admin/orders/${order.number}`);
    expect(page.text).toContain('CASH · USD 31.50');
    expect(page.text).toContain('Cash collected: $31.50');
  });

  it('refused at the door: cancelled with the reason, stock back, nothing paid', async () => {
    const app = newApp();
    const { order, variantId } = await placed(app, 'cod');
    const staff = await staffAgent(app);
    await act(staff, order.number, 'dispatch');
    expect(await stockOf(variantId)).toBe(4);
    const noReason = await act(staff, order.number, 'refuse', { reason: '' });
    expect(noReason.status).toBe(422);
    expect((await orderById(order.id)).status).toBe('out_for_delivery');
    const res = await act(staff, order.number, 'refuse', { reason: 'Customer refused the parcel' });
    expect(res.status).toBe(303);
    expect((await orderById(order.id)).status).toBe('cancelled');
    expect(await stockOf(variantId)).toBe(5);
    expect(
      await query("SELECT delta FROM stock_movements WHERE order_id = ? AND reason = 'order_cancelled'", [order.id]),
    ).toEqual([{ delta: 1 }]);
    expect(await paymentsOf(order.id)).toEqual([]);
    const page = await staff.get(`/admin/orders/${order.number}`);
    expect(page.text).toContain('Refused or returned: Customer refused the parcel');
  });

  it('pay at pickup: ready (email), paid by KHQR with its reference and collected', async () => {
    const app = newApp();
    const { order } = await placed(app, 'at_pickup');
    const staff = await staffAgent(app);
    expect((await staff.get('/admin/orders?queue=pickup')).text).toContain(order.number);
    mailbox.clear();
    expect((await act(staff, order.number, 'hold')).status).toBe(303);
    expect((await orderById(order.id)).status).toBe('held_for_pickup');
    const mail = await mailbox.waitFor('dara@example.com');
    expect(mail.subject).toBe(`Order ${order.number} is ready for pickup`);
    expect(mail.text).toContain('is ready at the shop');
    expect(mail.text).toContain('Pay $30.00 in cash or by KHQR at the counter');

    const noRef = await act(staff, order.number, 'handover', { method: 'khqr', reference: '' });
    expect(noRef.status).toBe(422);
    expect(noRef.text).toContain('Enter the KHQR reference from the customer&#39;s banking app.');
    const badMethod = await act(staff, order.number, 'handover', { method: 'card' });
    expect(badMethod.status).toBe(422);
    expect(await paymentsOf(order.id)).toEqual([]);
    const ok = await act(staff, order.number, 'handover', { method: 'khqr', reference: 'ABA-55120033' });
    expect(ok.status).toBe(303);
    const done = await orderById(order.id);
    expect(done).toMatchObject({ status: 'completed' });
    expect(done.invoice_number).toMatch(/^INV-/);
    expect(await paymentsOf(order.id)).toEqual([
      { method: 'khqr', amount: '30.00', status: 'paid', currency: 'USD', transaction_hash: 'ABA-55120033' },
    ]);
  });

  it('a pickup not collected in time is cancelled by the deadlines job (stock back, note, email); COD is not', async () => {
    const app = newApp();
    const held = await placed(app, 'at_pickup', 'held@example.com');
    const waiting = await placed(app, 'at_pickup', 'waiting@example.com');
    const cod = await placed(app, 'cod', 'cod@example.com');
    const staff = await staffAgent(app);
    await act(staff, held.order.number, 'hold');
    // Before the hold ends nothing happens.
    await enforceDeadlines(new Date(Date.now() + 2 * 24 * 3600 * 1000));
    expect((await orderById(held.order.id)).status).toBe('held_for_pickup');
    mailbox.clear();
    const summary = await enforceDeadlines(new Date(Date.now() + 4 * 24 * 3600 * 1000));
    expect(summary.expired).toBe(2);
    for (const o of [held, waiting]) {
      expect((await orderById(o.order.id)).status).toBe('cancelled');
      expect(await stockOf(o.variantId)).toBe(5);
      expect((await logOf(o.order.id)).at(-1)?.note).toContain('statusNotes.pickupExpired');
    }
    expect((await mailbox.waitFor('held@example.com')).text).toContain('It was not collected by');
    expect((await orderById(cod.order.id)).status).toBe('confirmed');
    expect(await stockOf(cod.variantId)).toBe(4);
    const page = await staff.get(`/admin/orders/${held.order.number}`);
    expect(page.text).toContain('Not collected within the hold time: order cancelled');
  });

  it('staff only, CSRF checked, malformed input is 4xx, and 10 parallel "Cash collected" record one payment', async () => {
    const app = newApp();
    const { order } = await placed(app, 'cod');
    const customer = await loginAs(app, await createUser());
    const customerCsrf = await csrfFrom(customer, '/track');
    const asCustomer = await customer
      .post(`/admin/orders/${order.number}/dispatch`)
      .type('form')
      .send({ courier: 'Grab', _csrf: customerCsrf });
    expect(asCustomer.status).toBe(403);
    const staff = await staffAgent(app);
    const noCsrf = await staff.post(`/admin/orders/${order.number}/dispatch`).type('form').send({ courier: 'Grab' });
    expect(noCsrf.status).toBe(403);
    expect((await orderById(order.id)).status).toBe('confirmed');
    // Actions that the state does not allow are 409; unknown actions and numbers are 404; long text is 422.
    expect((await act(staff, order.number, 'collect')).status).toBe(409);
    expect((await act(staff, order.number, 'handover', { method: 'cash' })).status).toBe(409);
    const csrf = await csrfFrom(staff, `/admin/orders/${order.number}`);
    const post = (path: string, body: Record<string, string> = {}) =>
      staff
        .post(path)
        .type('form')
        .set('Accept', 'text/html')
        .send({ ...body, _csrf: csrf });
    expect((await post(`/admin/orders/${order.number}/teleport`)).status).toBe(404);
    expect((await post('/admin/orders/CS-1e99%00/collect')).status).toBe(404);
    expect((await post('/admin/orders/CS-999999-999999/collect')).status).toBe(404);
    expect((await post(`/admin/orders/${order.number}/dispatch`, { courier: 'x'.repeat(500) })).status).toBe(422);
    expect((await orderById(order.id)).status).toBe('confirmed');

    expect((await post(`/admin/orders/${order.number}/dispatch`)).status).toBe(303);
    const results = await Promise.all(Array.from({ length: 10 }, () => post(`/admin/orders/${order.number}/collect`)));
    const codes = results.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 303)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(9);
    expect(results.find((r) => r.status === 409)?.text).toContain('This order cannot change to that status now.');
    expect(await paymentsOf(order.id)).toHaveLength(1);
    expect((await logOf(order.id)).filter((l) => l.to_status === 'completed')).toHaveLength(1);
    // A replay after the fact changes nothing either.
    expect((await post(`/admin/orders/${order.number}/collect`)).status).toBe(409);
    expect((await post(`/admin/orders/${order.number}/refuse`, { reason: 'Too late now' })).status).toBe(409);
    expect(await paymentsOf(order.id)).toHaveLength(1);
    expect((await orderById(order.id)).status).toBe('completed');
  });
});

describe('seed copy', () => {
  it('promises only what the shop takes: KHQR, cash on delivery in Phnom Penh (the default zone), pay at pickup', async () => {
    const text = describeProduct(
      { name: 'Logitech K120', type: 'keyboard', specs: {}, short: '', warranty: 12, options: [] },
      randFor('pay-later-copy'),
    );
    expect(text).not.toMatch(/\bcard\b/i);
    expect(text).toContain('KHQR');
    expect(text).toContain('cash on delivery in Phnom Penh');
    expect(text).toContain('pick up at the shop');
    expect((await getSettings()).codZones).toEqual(['phnom_penh']);
    expect(describeKm('ក្ដារចុច', 'keyboard', 12)).toContain('បង់ប្រាក់ពេលទទួលទំនិញក្នុងរាជធានីភ្នំពេញ');
  });

  it('the customer may cancel a cash-on-delivery order before it leaves the shop, not after', async () => {
    const app = newApp();
    const { agent, order, variantId } = await placed(app, 'cod');
    expect(await stockOf(variantId)).toBe(4);
    const page = await agent.get(`/orders/${order.number}`);
    expect(page.text).toContain(`action="/orders/${order.number}/cancel"`);
    const res = await postForm(agent, `/orders/${order.number}/cancel`, {}, `/orders/${order.number}`);
    expect(res.status).toBe(303);
    expect((await orderById(order.id)).status).toBe('cancelled');
    expect(await stockOf(variantId)).toBe(5);

    const second = await placed(app, 'cod', 'sokha@example.com');
    await query("UPDATE orders SET status = 'out_for_delivery' WHERE id = ?", [second.order.id]);
    const late = await postForm(
      second.agent,
      `/orders/${second.order.number}/cancel`,
      {},
      `/orders/${second.order.number}`,
    );
    expect(late.status).toBe(409);
    expect((await orderById(second.order.id)).status).toBe('out_for_delivery');
  });
});
