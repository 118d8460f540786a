import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { deskPage, expectAccessibleAndFits, phonePage, useShop, toKhmer } from '../helpers/browser.js';
import { createUser } from '../helpers/http.js';
import { query } from '../helpers/db.js';

const shop = useShop();

const ADMIN = { email: 'owner@shop.test', password: 'owner-pass-2026-long' };
const STAFF = { email: 'stock@shop.test', password: 'stock-pass-2026-long' };

describe('purchasing in a browser', () => {
  it('an admin orders at the desk; the stock keeper receives on a phone; both languages fit and pass axe', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const lap = await createProduct({
      name: 'Lenovo ThinkPad E14 Gen 5 Core i7-1355U 16GB 512GB',
      categoryId: cat.id,
      variants: [{ sku: 'TP-E14-G5-I7', barcode: '0197532123456', price: '989.00', stock: 1, costPrice: '800.00' }],
    });
    await createUser({ role: 'admin', name: 'Dara Meas', ...ADMIN });
    await createUser({ role: 'staff', name: 'Sokha Chan', ...STAFF });

    const desk = await deskPage(shop, ADMIN, '/admin/suppliers');
    await desk.getByLabel('Name').fill('Shenzhen Notebook Trading');
    await desk.getByLabel('Phone').fill('+86 755 1234 5678');
    await desk.getByLabel('Telegram').fill('@sz_notebooks');
    // The form posts to the page it is on: the URL does not change, so wait for the saved page's message.
    await Promise.all([
      desk.waitForResponse((r) => r.url().endsWith('/admin/suppliers') && r.request().method() === 'GET'),
      desk.getByRole('button', { name: 'Save supplier' }).click(),
    ]);
    await desk.getByRole('status').filter({ hasText: 'Shenzhen Notebook Trading' }).first().waitFor();
    await expectAccessibleAndFits(desk);

    await desk.goto(`${shop.server.baseUrl}/admin/purchase-orders`);
    await desk.getByLabel('Supplier').selectOption({ label: 'Shenzhen Notebook Trading' });
    await desk.getByRole('button', { name: 'Create draft order' }).click();
    await desk.waitForURL(/\/admin\/purchase-orders\/\d+$/);
    const orderUrl = desk.url();
    // The barcode scanner types into the SKU field.
    await desk.getByLabel('SKU or barcode').fill('0197532123456');
    await desk.getByLabel('Quantity').fill('3');
    await desk.getByLabel('Unit cost (USD)').fill('860');
    await desk.getByRole('button', { name: 'Add line' }).click();
    await desk.waitForURL(orderUrl);
    expect(await desk.locator('tbody tr').first().textContent()).toContain('TP-E14-G5-I7');
    await desk.getByRole('button', { name: 'Mark as ordered' }).click();
    await desk.waitForURL(orderUrl);
    expect(await desk.locator('[data-po-status]').textContent()).toBe('Ordered');
    await expectAccessibleAndFits(desk);
    await toKhmer(desk);
    expect(await desk.locator('[data-po-status]').textContent()).toBe('បានបញ្ជាទិញ');
    await expectAccessibleAndFits(desk);

    // The stock keeper on a phone: no costs, receives 2 of 3.
    const phone = await phonePage(shop.browser);
    await phone.goto(`${shop.server.baseUrl}/login?next=${encodeURIComponent(new URL(orderUrl).pathname)}`);
    await phone.getByLabel('Email').fill(STAFF.email);
    await phone.getByLabel('Password').fill(STAFF.password);
    await phone.getByRole('button', { name: 'Log in' }).click();
    await phone.waitForURL(orderUrl);
    expect(await phone.locator('main').textContent()).not.toContain('860');
    await expectAccessibleAndFits(phone);
    await phone.getByLabel('Units of TP-E14-G5-I7 received now').fill('2');
    await phone.getByRole('button', { name: 'Receive goods' }).click();
    await phone.waitForURL(orderUrl);
    expect(await phone.locator('[data-po-status]').textContent()).toBe('Partly received');
    await toKhmer(phone);
    await expectAccessibleAndFits(phone);
    await phone.goto(`${shop.server.baseUrl}/admin/purchase-orders`);
    await expectAccessibleAndFits(phone);

    const [v] = await query<{ stock: number; cost_price: string }>(
      'SELECT stock, cost_price FROM variants WHERE id = ?',
      [lap.variants[0]!.id],
    );
    expect(v).toEqual({ stock: 3, cost_price: '840.00' }); // (1 × 800 + 2 × 860) / 3

    // The admin's receipt without an order, in Khmer, on the desk.
    await desk.goto(`${shop.server.baseUrl}/admin/receipts/new`);
    await expectAccessibleAndFits(desk);
  });
});
