import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeKhqr } from '../../src/lib/khqr/khqr.js';
import { config } from '../../src/config/env.js';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';
import type { Express } from 'express';

type PaymentRow = {
  id: number;
  khqr: string;
  md5: string;
  amount: string;
  currency: string;
  expires_at: Date;
  status: string;
};
type ProofRow = {
  id: number;
  file_key: string;
  status: string;
  reference: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  reject_reason: string | null;
};

async function placed(app: Express) {
  const { variantIds } = await shopWith([{ price: '12.50', stock: 5 }]);
  const agent = request.agent(app);
  await addToCart(agent, variantIds[0]!, 2);
  const { token, csrf } = await checkoutToReview(agent, { ...guestDetails, deliveryMethod: 'pickup' });
  await placeOrder(agent, token, csrf);
  const [order] = await query<{ id: number; number: string; grand_total: string; payment_deadline: Date }>(
    'SELECT * FROM orders ORDER BY id DESC LIMIT 1',
  );
  return { agent, order: order! };
}

const png = () =>
  sharp({ create: { width: 400, height: 800, channels: 3, background: '#2a7' } })
    .png()
    .toBuffer();

async function uploadProof(
  agent: Agent,
  number: string,
  file: Buffer,
  filename = 'paid.png',
  reference = 'ABA-778899',
) {
  const _csrf = await csrfFrom(agent, `/orders/${number}/pay`);
  return agent
    .post(`/orders/${number}/proof`)
    .set('Accept', 'text/html')
    .field('_csrf', _csrf)
    .field('reference', reference)
    .field('currency', 'USD')
    .attach('screenshot', file, filename);
}

describe('GET /orders/:number/pay', () => {
  it('shows a verified KHQR for the exact total, stores it, and reuses it on the next visit', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    const page = await agent.get(`/orders/${order.number}/pay`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<img src="data:image\/png;base64,[^"]+"[^>]*data-khqr/);
    expect(page.text).toContain('$25.00');
    expect(page.text).toContain('102,500 ៛');
    const rows = await query<PaymentRow>('SELECT * FROM payments WHERE order_id = ?', [order.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ currency: 'USD', amount: '25.00', status: 'pending' });
    expect(rows[0]!.expires_at.getTime()).toBe(order.payment_deadline.getTime());
    expect(decodeKhqr(rows[0]!.khqr)).toMatchObject({
      accountId: config.KHQR_ACCOUNT_ID,
      currency: 'USD',
      amount: '25',
      billNumber: order.number,
    });
    await agent.get(`/orders/${order.number}/pay`);
    expect(await query('SELECT id FROM payments WHERE order_id = ?', [order.id])).toHaveLength(1);
  });

  it('in riel: a second code for the riel amount', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    await agent.get(`/orders/${order.number}/pay?currency=KHR`);
    const [row] = await query<PaymentRow>("SELECT * FROM payments WHERE order_id = ? AND currency = 'KHR'", [order.id]);
    expect(row!.amount).toBe('102500.00');
    expect(decodeKhqr(row!.khqr)).toMatchObject({ currency: 'KHR', amount: '102500' });
  });

  it('a stored code that no longer verifies is never shown: "payment temporarily unavailable"', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    await agent.get(`/orders/${order.number}/pay`);
    await query("UPDATE payments SET khqr = REPLACE(khqr, 'Computer Shop', 'Computer Shoq') WHERE order_id = ?", [
      order.id,
    ]);
    const page = await agent.get(`/orders/${order.number}/pay`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Payment is temporarily unavailable');
    expect(page.text).not.toContain('data-khqr');
  });

  it('the QR downloads as a PNG', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    const res = await agent.get(`/orders/${order.number}/pay/qr.png`).buffer(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toContain(`KHQR-${order.number}-USD.png`);
  });
});

describe('payment screenshots', () => {
  it('uploading a screenshot stores it privately, re-encoded, and moves the order to payment_submitted', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    const res = await uploadProof(agent, order.number, await png());
    expect(res.status).toBe(303);
    const [proof] = await query<ProofRow>('SELECT * FROM payment_proofs WHERE order_id = ?', [order.id]);
    expect(proof).toMatchObject({ status: 'submitted', reference: 'ABA-778899' });
    const file = path.join(config.UPLOAD_DIR, 'proofs', proof!.file_key);
    expect((await sharp(file).metadata()).format).toBe('webp');
    expect((await query<{ status: string }>('SELECT status FROM orders WHERE id = ?', [order.id]))[0]!.status).toBe(
      'payment_submitted',
    );
    const own = await agent.get(`/orders/${order.number}/proofs/${proof!.id}`);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('image/webp');
    // Not reachable from a public path.
    expect((await request(app).get(`/media/proofs/${proof!.file_key}`)).status).toBe(404);
  });

  it('another customer cannot fetch the proof image (404); staff can', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    await uploadProof(agent, order.number, await png());
    const [proof] = await query<ProofRow>('SELECT * FROM payment_proofs');
    const other = await loginAs(app, await createUser());
    expect((await other.get(`/orders/${order.number}/proofs/${proof!.id}`)).status).toBe(404);
    expect((await request(app).get(`/admin/payments/proofs/${proof!.id}/image`)).status).toBe(303);
    expect((await other.get(`/admin/payments/proofs/${proof!.id}/image`)).status).toBe(403);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    expect((await staff.get(`/admin/payments/proofs/${proof!.id}/image`)).status).toBe(200);
  });

  it('a renamed text file is refused with a clear message; nothing stored, order unchanged', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    const before = fs.existsSync(path.join(config.UPLOAD_DIR, 'proofs'))
      ? fs.readdirSync(path.join(config.UPLOAD_DIR, 'proofs')).length
      : 0;
    const res = await uploadProof(agent, order.number, Buffer.from('this is not an image at all'), 'receipt.png');
    expect(res.status).toBe(422);
    expect(res.text).toContain('not a JPEG, PNG or WebP image');
    expect(res.text).toContain('value="ABA-778899"');
    expect(await query('SELECT id FROM payment_proofs')).toHaveLength(0);
    expect((await query<{ status: string }>('SELECT status FROM orders WHERE id = ?', [order.id]))[0]!.status).toBe(
      'pending_payment',
    );
    const after = fs.existsSync(path.join(config.UPLOAD_DIR, 'proofs'))
      ? fs.readdirSync(path.join(config.UPLOAD_DIR, 'proofs')).length
      : 0;
    expect(after).toBe(before);
  });

  it('a file over 8 MB is refused (422)', async () => {
    const app = newApp();
    const { agent, order } = await placed(app);
    const big = Buffer.concat([await png(), Buffer.alloc(8 * 1024 * 1024 + 10)]);
    const res = await uploadProof(agent, order.number, big);
    expect(res.status).toBe(422);
    expect(res.text).toContain('larger than 8 MB');
    expect(await query('SELECT id FROM payment_proofs')).toHaveLength(0);
  });
});

describe('/admin/payments', () => {
  async function submitted(app: Express) {
    const p = await placed(app);
    await uploadProof(p.agent, p.order.number, await png());
    const [proof] = await query<ProofRow>('SELECT * FROM payment_proofs ORDER BY id DESC LIMIT 1');
    return { ...p, proof: proof! };
  }

  it('customers get 403; staff see the queue oldest first with total, currency, reference and customer', async () => {
    const app = newApp();
    const first = await submitted(app);
    const second = await submitted(app);
    expect((await (await loginAs(app, await createUser())).get('/admin/payments')).status).toBe(403);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const page = await staff.get('/admin/payments');
    expect(page.status).toBe(200);
    expect(page.text.indexOf(first.order.number)).toBeLessThan(page.text.indexOf(second.order.number));
    expect(page.text).toContain('ABA-778899');
    expect(page.text).toContain('$25.00');
    expect(page.text).toContain('Dara Kim');
  });

  it(
    'approve: order paid, decision recorded, receipt emailed; ' + 'approving again is refused and changes nothing',
    async () => {
      const app = newApp();
      const { order, proof } = await submitted(app);
      const staffUser = await createUser({ role: 'staff' });
      const staff = await loginAs(app, staffUser);
      const res = await postForm(staff, `/admin/payments/proofs/${proof.id}/approve`, {}, '/admin/payments');
      expect(res.status).toBe(303);
      expect(
        (
          await query<{ status: string; paid_at: Date }>('SELECT status, paid_at FROM orders WHERE id = ?', [order.id])
        )[0],
      ).toMatchObject({ status: 'paid', paid_at: expect.any(Date) });
      expect((await query<ProofRow>('SELECT * FROM payment_proofs WHERE id = ?', [proof.id]))[0]).toMatchObject({
        status: 'approved',
        reviewed_by: staffUser.id,
        reviewed_at: expect.any(Date),
      });
      const receipt = await mailbox.waitFor(guestDetails.email, 2);
      expect(receipt.subject).toBe(`Payment received for order ${order.number}`);
      expect(receipt.text).toContain('$25.00');

      // A second approval is a conflict (409), shown on the queue page with the reason.
      const again = await postForm(staff, `/admin/payments/proofs/${proof.id}/approve`, {}, '/admin/payments');
      expect(again.status).toBe(409);
      expect(again.text).toContain('already approved or rejected');
      expect(await query("SELECT id FROM order_status_log WHERE to_status = 'paid'")).toHaveLength(1);
    },
  );

  it('approving a screenshot of a cancelled order is refused', async () => {
    const app = newApp();
    const { order, proof } = await submitted(app);
    await query("UPDATE orders SET status = 'cancelled' WHERE id = ?", [order.id]);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    await postForm(staff, `/admin/payments/proofs/${proof.id}/approve`, {}, '/admin/payments');
    expect((await query<{ status: string }>('SELECT status FROM orders WHERE id = ?', [order.id]))[0]!.status).toBe(
      'cancelled',
    );
    expect((await query<ProofRow>('SELECT status FROM payment_proofs WHERE id = ?', [proof.id]))[0]!.status).toBe(
      'submitted',
    );
  });

  it(
    'reject needs a reason (422); with one, the order awaits payment again, ' +
      'the customer is told why and can upload again',
    async () => {
      const app = newApp();
      const { agent, order, proof } = await submitted(app);
      const staffUser = await createUser({ role: 'staff' });
      const staff = await loginAs(app, staffUser);
      const noReason = await postForm(
        staff,
        `/admin/payments/proofs/${proof.id}/reject`,
        { reason: ' ' },
        '/admin/payments',
      );
      expect(noReason.status).toBe(422);
      expect(noReason.text).toContain('Give the customer a reason');
      expect((await query<ProofRow>('SELECT status FROM payment_proofs WHERE id = ?', [proof.id]))[0]!.status).toBe(
        'submitted',
      );

      const res = await postForm(
        staff,
        `/admin/payments/proofs/${proof.id}/reject`,
        { reason: 'The amount on the screenshot is $2.50' },
        '/admin/payments',
      );
      expect(res.status).toBe(303);
      expect((await query<ProofRow>('SELECT * FROM payment_proofs WHERE id = ?', [proof.id]))[0]).toMatchObject({
        status: 'rejected',
        reviewed_by: staffUser.id,
        reject_reason: 'The amount on the screenshot is $2.50',
      });
      expect((await query<{ status: string }>('SELECT status FROM orders WHERE id = ?', [order.id]))[0]!.status).toBe(
        'pending_payment',
      );
      const mail = await mailbox.waitFor(guestDetails.email, 2);
      expect(mail.subject).toBe(`Payment for order ${order.number} not confirmed`);
      expect(mail.text).toContain('The amount on the screenshot is $2.50');
      expect((await uploadProof(agent, order.number, await png())).status).toBe(303);
      expect(await query('SELECT id FROM payment_proofs WHERE order_id = ?', [order.id])).toHaveLength(2);
    },
  );

  it('a paid order shows its payment on the order page', async () => {
    const app = newApp();
    const { agent, order, proof } = await submitted(app);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    await postForm(staff, `/admin/payments/proofs/${proof.id}/approve`, {}, '/admin/payments');
    const page = await agent.get(`/orders/${order.number}`);
    expect(page.text).toContain('Paid');
    expect(page.text).toContain('approved');
  });
});
