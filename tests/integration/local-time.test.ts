import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/db.js';
import { mailbox } from '../helpers/mailbox.js';
import { sendOrderEmail } from '../../src/modules/orders/order-emails.js';
import { findLines, findOrderById } from '../../src/modules/orders/orders.queries.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';

/** An unpaid online order placed at 02:33 UTC (09:33 in Phnom Penh), due at 02:33 UTC in 2030. */
async function orderAtFixedClock() {
  await query(`INSERT INTO orders (number, channel, status, customer_name, customer_email, customer_phone,
    delivery_method, subtotal, grand_total, khr_per_usd, placed_at, payment_deadline)
    VALUES ('CS-261202-000933', 'online', 'pending_payment', 'Sokha Chan', 'sokha@example.com', '+85512345678',
    'pickup', '10.00', '10.00', 4100, '2026-12-02 02:33:00', '2030-01-01 02:33:00')`);
  return 'CS-261202-000933';
}

describe('times people read are Phnom Penh time', () => {
  it('the order page, the pay page and the back office show 09:33 (Phnom Penh) for 02:33 UTC', async () => {
    const number = await orderAtFixedClock();
    const app = newApp();
    const guest = request.agent(app);
    expect((await postForm(guest, '/track', { number, contact: 'sokha@example.com' }, '/track')).status).toBe(303);
    const page = await guest.get(`/orders/${number}`);
    expect(page.text).toContain('Placed 2026-12-02 09:33 (Phnom Penh)');
    expect(page.text).not.toContain('02:33');
    const pay = await guest.get(`/orders/${number}/pay`);
    expect(pay.text).toContain('2030-01-01 09:33 (Phnom Penh)');
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const admin = await staff.get(`/admin/orders/${number}`);
    expect(admin.text).toContain('2026-12-02 09:33 (Phnom Penh)');
    const csv = await staff.get('/admin/orders/export.csv');
    expect(csv.text).toContain('placed_at_phnom_penh');
    expect(csv.text).toContain('CS-261202-000933,2026-12-02 09:33');
    const list = await staff.get('/admin/orders');
    expect(list.text).toContain('2026-12-02 09:33');
    expect(list.text).not.toContain('UTC');
  });

  it('in Khmer the label is Khmer', async () => {
    const number = await orderAtFixedClock();
    const guest = request.agent(newApp());
    await postForm(guest, '/track', { number, contact: 'sokha@example.com' }, '/track');
    await postForm(guest, '/lang', { locale: 'km', next: '/' }, '/track');
    const page = await guest.get(`/orders/${number}`);
    expect(page.text).toContain('2026-12-02 09:33 (ម៉ោងភ្នំពេញ)');
  });

  it('the order email says when it was placed and when to pay by, in Phnom Penh time, in its language', async () => {
    const number = await orderAtFixedClock();
    const [row] = await query<{ id: number }>('SELECT id FROM orders WHERE number = ?', [number]);
    const order = (await findOrderById(row!.id))!;
    await sendOrderEmail('pending_payment', order, await findLines(order.id));
    const mail = await mailbox.waitFor('sokha@example.com');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Placed 2026-12-02 09:33 (Phnom Penh)');
      expect(body).toContain('before 2030-01-01 09:33 (Phnom Penh)');
      expect(body).not.toMatch(/02:33|UTC/);
    }
    await query("UPDATE orders SET locale = 'km' WHERE id = ?", [order.id]);
    await sendOrderEmail('pending_payment', (await findOrderById(order.id))!, await findLines(order.id));
    const km = await mailbox.waitFor('sokha@example.com', 2);
    expect(km.text).toContain('មុន 2030-01-01 09:33 (ម៉ោងភ្នំពេញ)');
  });
});
