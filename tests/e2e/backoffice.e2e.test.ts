import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { deskPage, expectAccessibleAndFits, useShop } from '../helpers/browser.js';
import { createUser } from '../helpers/http.js';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';

const shop = useShop();

describe('the counter', () => {
  it('a cashier scans two barcodes, takes cash and prints the receipt', async () => {
    const cat = await createCategory({ name: 'Accessories', slug: 'accessories' });
    await createProduct({
      name: 'Logitech K120 Keyboard',
      categoryId: cat.id,
      variants: [{ sku: 'LOG-K120', barcode: '5099206020742', price: '9.50', stock: 5 }],
    });
    await createProduct({
      name: 'SanDisk Ultra 64GB USB',
      categoryId: cat.id,
      variants: [{ sku: 'SDK-U64', barcode: '0619659155988', price: '7.25', stock: 5 }],
    });
    await createUser({ role: 'staff', email: 'till@shop.test', password: 'counter-till-2026', name: 'Dara Till' });
    const page = await deskPage(shop, { email: 'till@shop.test', password: 'counter-till-2026' }, '/pos');
    await expectAccessibleAndFits(page);
    // A barcode scanner types the digits and presses Enter into the focused box.
    await page.keyboard.type('5099206020742');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.pos-lines tbody').textContent()).toContain('LOG-K120');
    await page.keyboard.type('0619659155988'); // the box has the focus again after each scan
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.pos-lines tbody').textContent()).toContain('SDK-U64');
    expect(await page.locator('.pos-lines tbody tr').count()).toBe(2);
    expect(await page.locator('[data-pos-total]').textContent()).toContain('$16.75');
    await page.getByLabel('Cash received in US dollars').fill('20');
    // $3.25 back at 4,100 ៛/$: $3 and 1,025 ៛, given as 1,000 ៛ (riel rounded to 100 ៛; the shop keeps 25 ៛)
    await expect.poll(() => page.locator('[data-pos-change]').textContent()).toBe('Change: $3 + 1,000 ៛');
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await page.waitForURL(/\/pos\/receipt\/CS-/);
    expect(await page.locator('[data-receipt-change]').textContent()).toBe('$3 + 1,000 ៛');
    expect(await page.locator('[data-receipt-rounding]').textContent()).toBe('+25 ៛');
    expect(await page.locator('.receipt').textContent()).toContain('Dara Till');
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    await expectAccessibleAndFits(page);
    const [order] = await query<{ channel: string; status: string; grand_total: string }>(
      'SELECT channel, status, grand_total, change_usd, change_khr, cash_rounding_khr FROM orders',
    );
    expect(order).toEqual({
      channel: 'counter',
      status: 'completed',
      grand_total: '16.75',
      change_usd: '3.00',
      change_khr: 1000,
      cash_rounding_khr: 25,
    });
    // The receipt prints on 80 mm paper: Chromium takes the page size from the receipt's own CSS.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Number(box?.[1])).toBeCloseTo((80 / 25.4) * 72, 0); // 80 mm in points, not A4's 595
  });
});

describe('shipping an order', () => {
  it('an admin ships a paid order with a tracking number and the customer receives the email', async () => {
    const res =
      (await query(`INSERT INTO orders (number, channel, status, customer_name, customer_email, customer_phone,
      delivery_method, delivery_zone, ship_name, ship_phone, ship_street, ship_commune, ship_district, ship_province,
      subtotal, grand_total, khr_per_usd, paid_at)
      VALUES ('CS-261123-777001', 'online', 'paid', 'Sokha Chan', 'sokha.ship@example.com', '+85512345678',
      'delivery', 'provinces', 'Sokha Chan', '+85512345678', '#3, St. 1', 'Svay Dangkum', 'Siem Reap', 'Siem Reap',
      '45.00', '48.50', 4100, NOW())`)) as unknown as {
        insertId: number;
      };
    await query(
      'INSERT INTO order_lines (order_id, product_name, sku, unit_price, cost_price, quantity, line_total) ' +
        "VALUES (?, 'TP-Link Archer C6', 'TPL-C6', '45.00', '30.00', 1, '45.00')",
      [res.insertId],
    );
    await createUser({ role: 'admin', email: 'boss@shop.test', password: 'boss-pass-2026' });
    const page = await deskPage(shop, { email: 'boss@shop.test', password: 'boss-pass-2026' }, '/admin/orders');
    await page.getByRole('link', { name: 'CS-261123-777001' }).click();
    await page.waitForURL('**/admin/orders/CS-261123-777001');
    await expectAccessibleAndFits(page);
    await page.getByLabel('Courier').fill('VET Express');
    await page.getByLabel('Tracking number').fill('VET-55501');
    await page.getByRole('button', { name: 'Mark shipped' }).click();
    await page.waitForURL('**/admin/orders/CS-261123-777001');
    expect(await page.getByText('Order CS-261123-777001 is shipped').isVisible()).toBe(true);
    const mail = await mailbox.waitFor('sokha.ship@example.com');
    expect(mail.subject).toBe('Order CS-261123-777001 is on its way');
    expect(mail.text).toContain('VET-55501');
    expect(
      (await query<{ status: string; tracking_number: string }>('SELECT status, tracking_number FROM orders'))[0],
    ).toEqual({ status: 'shipped', tracking_number: 'VET-55501' });
  });
});
