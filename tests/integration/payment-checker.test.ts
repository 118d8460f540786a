import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBakongClient } from '../../src/lib/khqr/bakong-client.js';
import { runPaymentRound, settle } from '../../src/modules/payments/payment-checker.js';
import { useFakeBakong } from '../helpers/fake-bakong.js';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { newApp } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

const { bakong, client } = useFakeBakong();
type PaymentRow = {
  id: number;
  md5: string;
  amount: string;
  currency: string;
  status: string;
  transaction_hash: string | null;
  payer_account: string | null;
  flag_reason: string | null;
  check_attempts: number;
  next_check_at: Date;
};

/** A placed order whose USD KHQR was shown on the pay page. */
async function orderWithKhqr(currency: 'USD' | 'KHR' = 'USD') {
  const { variantIds } = await shopWith([{ price: '20.00', stock: 5 }]);
  const agent = request.agent(newApp());
  await addToCart(agent, variantIds[0]!, 2);
  const { token, csrf } = await checkoutToReview(agent, { ...guestDetails, deliveryMethod: 'pickup' });
  await placeOrder(agent, token, csrf);
  const [order] = await query<{ id: number; number: string; status: string }>(
    'SELECT id, number, status FROM orders ORDER BY id DESC LIMIT 1',
  );
  expect((await agent.get(`/orders/${order!.number}/pay?currency=${currency}`)).status).toBe(200);
  const [payment] = await query<PaymentRow>('SELECT * FROM payments WHERE order_id = ? AND currency = ?', [
    order!.id,
    currency,
  ]);
  return { order: order!, payment: payment!, variantId: variantIds[0]! };
}
const orderStatus = async (id: number) =>
  (await query<{ status: string }>('SELECT status FROM orders WHERE id = ?', [id]))[0]!.status;
const paymentRow = async (id: number) => (await query<PaymentRow>('SELECT * FROM payments WHERE id = ?', [id]))[0]!;

describe('automatic confirmation through the Bakong API (fake server on loopback)', () => {
  it('a matching payment marks the order paid once, stores hash and payer, and emails the receipt', async () => {
    const { order, payment } = await orderWithKhqr();
    bakong.answers.set(payment.md5, {
      kind: 'found',
      amount: 40,
      currency: 'USD',
      toAccountId: 'computer_shop@devb',
      hash: 'abc123hash',
      fromAccountId: 'dara_kim@wing',
    });
    const summary = await runPaymentRound({ client: client() });
    expect(summary).toMatchObject({ locked: true, checked: 1, paid: 1, flagged: 0 });
    expect(bakong.requests[0]).toEqual({ md5: payment.md5, authorization: 'Bearer test-token' });
    expect(await orderStatus(order.id)).toBe('paid');
    expect(await paymentRow(payment.id)).toMatchObject({
      status: 'paid',
      transaction_hash: 'abc123hash',
      payer_account: 'dara_kim@wing',
    });
    const receipt = await mailbox.waitFor(guestDetails.email, 2);
    expect(receipt.subject).toBe(`Payment received for order ${order.number}`);
    // The same answer again changes nothing.
    await runPaymentRound({ client: client(), now: new Date(Date.now() + 60_000) });
    expect(await query("SELECT id FROM order_status_log WHERE to_status = 'paid'")).toHaveLength(1);
  });

  it('riel payments compare whole riel', async () => {
    const { order, payment } = await orderWithKhqr('KHR');
    expect(payment.amount).toBe('164000.00'); // 40 USD × 4100
    bakong.answers.set(payment.md5, {
      kind: 'found',
      amount: 164000,
      currency: 'KHR',
      toAccountId: 'computer_shop@devb',
    });
    await runPaymentRound({ client: client() });
    expect(await orderStatus(order.id)).toBe('paid');
  });

  it('not found: nothing changes and the next check is scheduled', async () => {
    const { order, payment } = await orderWithKhqr();
    await runPaymentRound({ client: client() });
    expect(await orderStatus(order.id)).toBe('pending_payment');
    const row = await paymentRow(payment.id);
    expect(row.status).toBe('pending');
    expect(row.next_check_at.getTime()).toBeGreaterThan(Date.now());
  });

  it.each([
    ['a wrong amount', { amount: 39.99, currency: 'USD', toAccountId: 'computer_shop@devb' }, /amount 39.99/],
    [
      'a wrong receiving account',
      { amount: 40, currency: 'USD', toAccountId: 'someone_else@aba' },
      /paid to someone_else@aba/,
    ],
    ['a wrong currency', { amount: 40, currency: 'KHR', toAccountId: 'computer_shop@devb' }, /currency KHR/],
  ])('%s is flagged for staff, never paid', async (_label, answer, reason) => {
    const { order, payment } = await orderWithKhqr();
    bakong.answers.set(payment.md5, { kind: 'found', ...answer });
    const summary = await runPaymentRound({ client: client() });
    expect(summary.flagged).toBe(1);
    expect(await orderStatus(order.id)).toBe('pending_payment');
    const row = await paymentRow(payment.id);
    expect(row.status).toBe('flagged');
    expect(row.flag_reason).toMatch(reason);
  });

  it.each([
    ['401 (bad token)', 'bad-token', { kind: 'not_found' as const }],
    ['500', 'test-token', { kind: 'status' as const, status: 500 }],
    ['a slow answer (timeout)', 'test-token', { kind: 'slow' as const, ms: 1500 }],
  ])('%s: logged, backed off, and the order is untouched', async (_label, token, answer) => {
    const { order, payment } = await orderWithKhqr();
    bakong.answers.set(payment.md5, answer);
    const c = createBakongClient({ baseUrl: bakong.url, token, timeoutMs: 300 });
    const summary = await runPaymentRound({ client: c });
    expect(summary.errors).toBe(1);
    expect(await orderStatus(order.id)).toBe('pending_payment');
    const row = await paymentRow(payment.id);
    expect(row).toMatchObject({ status: 'pending', check_attempts: 1 });
    expect(row.next_check_at.getTime()).toBeGreaterThan(Date.now() + 10_000); // 10 s × 2¹ backoff
  });

  it('two pollers at once: only one runs (MySQL named lock) and the order is paid once', async () => {
    const { order, payment } = await orderWithKhqr();
    bakong.answers.set(payment.md5, { kind: 'found', amount: 40, currency: 'USD', toAccountId: 'computer_shop@devb' });
    const [a, b] = await Promise.all([runPaymentRound({ client: client() }), runPaymentRound({ client: client() })]);
    expect([a.locked, b.locked].filter(Boolean)).toHaveLength(1);
    expect(await orderStatus(order.id)).toBe('paid');
    expect(await query("SELECT id FROM order_status_log WHERE to_status = 'paid'")).toHaveLength(1);
  });

  it('concurrent settlements of the same transaction pay once', async () => {
    const { order, payment } = await orderWithKhqr();
    const [row] = await query<Record<string, unknown>>('SELECT * FROM payments WHERE id = ?', [payment.id]);
    const p = { id: payment.id, orderId: order.id, md5: payment.md5 } as never;
    const tx = { hash: 'h1', fromAccountId: 'x@aba', toAccountId: 'computer_shop@devb', currency: 'USD', amount: 40 };
    const outcomes = await Promise.all([
      settle(p, tx, new Date()),
      settle(p, tx, new Date()),
      settle(p, tx, new Date()),
    ]);
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(2);
    expect(row).toBeDefined();
    expect(await query("SELECT id FROM order_status_log WHERE to_status = 'paid'")).toHaveLength(1);
  });
});

describe('payment deadline', () => {
  it('an unpaid order past its deadline is cancelled and its stock released through the ledger', async () => {
    const { order, payment, variantId } = await orderWithKhqr();
    expect((await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock).toBe(3);
    const later = new Date(Date.now() + 31 * 60_000);
    const summary = await runPaymentRound({ now: later });
    expect(summary.expired).toBe(1);
    expect(await orderStatus(order.id)).toBe('cancelled');
    expect((await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock).toBe(5);
    expect(await query("SELECT delta FROM stock_movements WHERE reason = 'order_cancelled'")).toEqual([{ delta: 2 }]);
    expect((await paymentRow(payment.id)).status).toBe('expired');
    expect(
      (await query<{ note: string }>("SELECT note FROM order_status_log WHERE to_status = 'cancelled'"))[0]!.note,
    ).toContain('statusNotes.windowExpired');
  });

  it('a payment that arrives after the order expired is flagged for staff, not paid', async () => {
    const { order, payment } = await orderWithKhqr();
    await runPaymentRound({ now: new Date(Date.now() + 31 * 60_000) });
    bakong.answers.set(payment.md5, { kind: 'found', amount: 40, currency: 'USD', toAccountId: 'computer_shop@devb' });
    await runPaymentRound({ client: client(), now: new Date(Date.now() + 32 * 60_000) });
    expect(await orderStatus(order.id)).toBe('cancelled');
    const row = await paymentRow(payment.id);
    expect(row.status).toBe('flagged');
    expect(row.flag_reason).toMatch(/after the order was cancelled/);
  });
});
