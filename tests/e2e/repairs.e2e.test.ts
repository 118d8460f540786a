import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deskPage, expectAccessibleAndFits, phonePage, useShop, toKhmer } from '../helpers/browser.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { createUser } from '../helpers/http.js';

const shop = useShop();

const STAFF = { email: 'bench@shop.test', password: 'bench-pass-2026-long' };

/** With SHOTS_DIR set, keeps a screenshot of the page (for a person to look at; the test does not read it). */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png`, fullPage: true });
}

describe('the repair counter in a browser', () => {
  it('a device taken in at the desk, worked on, and followed by the customer on a phone; both languages fit and pass axe', async () => {
    const cat = await createCategory({ name: 'Parts', slug: 'parts' });
    await createProduct({
      name: 'Samsung 870 EVO 500GB SSD',
      categoryId: cat.id,
      variants: [{ sku: 'SSD-870-500', price: '59.00', stock: 4, costPrice: '41.00' }],
    });
    await createUser({ role: 'staff', name: 'Dara Meas', ...STAFF });

    const desk = await deskPage(shop, STAFF, '/admin/repairs/new', 1100);
    await expectAccessibleAndFits(desk);
    // Nothing filled: every missing field is named at once.
    await desk.getByRole('button', { name: 'Take in the device' }).click();
    await desk.waitForSelector('.form-errors');
    expect(await desk.locator('.field-error').count()).toBeGreaterThanOrEqual(4);
    await desk.getByLabel('Phone').fill('012 345 678');
    await desk.getByLabel('Name', { exact: true }).fill('Sreypich Kim');
    await desk.getByLabel('Brand').fill('Acer');
    await desk.getByLabel('Model').fill('Aspire 5 A515-57');
    await desk.getByLabel('Serial number or IMEI').fill('NXK3TSA00123');
    await desk.getByLabel('Problem').fill('Very slow, clicking noise from the disk');
    await desk.getByLabel('Left with it').fill('Charger');
    await desk.getByLabel('Passcode').fill('0000');
    await desk.getByLabel('Deposit').fill('20');
    await shot(desk, 'repair-intake-1280-en');
    await desk.getByRole('button', { name: 'Take in the device' }).click();
    await desk.waitForURL(/\/admin\/repairs\/\d+$/);
    const ticketUrl = desk.url();
    expect(await desk.locator('[data-repair-status]').textContent()).toBe('Received');

    // The bench: diagnosing, an SSD fitted from stock, labour, then ready.
    await desk.getByLabel('Move to').selectOption('diagnosing');
    await desk.getByRole('button', { name: 'Change status' }).click();
    await desk.waitForURL(ticketUrl);
    await desk.getByLabel('SKU, barcode or serial').fill('SSD-870-500');
    await desk.getByRole('button', { name: 'Add part' }).click();
    await desk.waitForURL(`${ticketUrl}#lines`);
    await desk.getByLabel('Work done').fill('Clone the old disk to the SSD');
    await desk.getByLabel('Price', { exact: true }).fill('15');
    await desk.getByRole('button', { name: 'Add labour' }).click();
    await desk.waitForURL(`${ticketUrl}#lines`);
    expect(await desk.locator('[data-balance]').textContent()).toBe('$54.00');
    expect(await query('SELECT stock FROM variants WHERE sku = ?', ['SSD-870-500'])).toEqual([{ stock: 3 }]);
    await desk.getByLabel('Move to').selectOption('repairing');
    await desk.getByRole('button', { name: 'Change status' }).click();
    await desk.waitForURL(ticketUrl);
    await expectAccessibleAndFits(desk);
    await shot(desk, 'repair-ticket-1280-en');
    await toKhmer(desk);
    expect(await desk.locator('[data-repair-status]').textContent()).toBe('កំពុងជួសជុល');
    await expectAccessibleAndFits(desk);
    await shot(desk, 'repair-ticket-1280-km');

    // The slip, on the 80 mm roll.
    const id = Number(new URL(ticketUrl).pathname.split('/').pop());
    await desk.goto(`${ticketUrl}/slip?size=80`);
    expect(await desk.locator('[data-slip-number]').textContent()).toBe(`R-${String(id).padStart(6, '0')}`);
    await shot(desk, 'repair-slip-80-km');

    // The customer follows it on a phone, by ticket number and phone.
    const phone = await phonePage(shop.browser);
    await phone.goto(`${shop.server.baseUrl}/repair-status`);
    await phone.getByLabel('Ticket number').fill(`r-${id}`);
    await phone.getByLabel('Phone').fill('012345678');
    await phone.getByRole('button', { name: 'Check' }).click();
    await phone.waitForSelector('[data-repair-status]');
    expect(await phone.locator('[data-repair-status]').textContent()).toBe('Repairing');
    expect(await phone.content()).not.toContain('Sreypich');
    await expectAccessibleAndFits(phone);
    await shot(phone, 'repair-status-390-en');

    // The technician on a phone: the ticket fits at 390 px, in Khmer (the staff member's language now).
    const bench = await phonePage(shop.browser);
    await bench.goto(`${shop.server.baseUrl}/login?next=${encodeURIComponent(new URL(ticketUrl).pathname)}`);
    await bench.getByLabel('Email').fill(STAFF.email);
    await bench.getByLabel('Password').fill(STAFF.password);
    await bench.getByRole('button', { name: 'Log in' }).click();
    await bench.waitForURL(ticketUrl);
    await bench.waitForSelector('body.lang-km');
    await expectAccessibleAndFits(bench);
    await shot(bench, 'repair-ticket-390-km');
    await bench.goto(`${shop.server.baseUrl}/admin/repairs`);
    await expectAccessibleAndFits(bench);
    await shot(bench, 'repair-list-390-km');
  });
});
