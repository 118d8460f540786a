import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { deskPage, expectAccessibleAndFits, phonePage, useShop, type Shop } from '../helpers/browser.js';
import { createUser } from '../helpers/http.js';
import { query } from '../helpers/db.js';

const shop = useShop();
// Screenshots of the till and the end of day, to look at (not compared by the test).
const SHOTS = process.env.POS_SHOTS_DIR ?? '/tmp/h5till';
fs.mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

async function stockTheShelf() {
  const net = await createCategory({ name: 'Networking', slug: 'networking' });
  const acc = await createCategory({ name: 'Accessories', slug: 'accessories' });
  await createProduct({
    name: 'TP-Link Archer C6 Router',
    categoryId: net.id,
    variants: [{ sku: 'TPL-C6', barcode: '6935364085483', price: '38.80', stock: 5 }],
  });
  await createProduct({
    name: 'UGREEN Cat6 Cable 2m',
    categoryId: acc.id,
    variants: [{ sku: 'UGR-CAT6-2M', barcode: '6957303811190', price: '12.30', stock: 8 }],
  });
  await createProduct({
    name: 'Logitech M185 Wireless Mouse',
    categoryId: acc.id,
    variants: [{ sku: 'LOG-M185', barcode: '5099206027291', price: '12.50', stock: 3 }],
  });
}

/** A phone-sized page signed in through the login form, on `next`. */
async function phoneAs(s: Shop, user: { email: string; password: string }, next: string): Promise<Page> {
  const page = await phonePage(s.browser);
  await page.goto(`${s.server.baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`**${next}`);
  return page;
}

const keys = async (page: Page, digits: string) => {
  for (const d of digits) await page.locator(`[data-keypad] button[data-key="${d}"]`).click();
};

describe('the till at the desk (1280 px)', () => {
  it('own layout, F2 search, keypad cash with "$11 + 800 ៛" change, F4, Esc; KHQR panel; then the end-of-day count', async () => {
    await stockTheShelf();
    await createUser({ role: 'staff', email: 'till@shop.test', password: 'counter-till-2026', name: 'Dara Till' });
    const page = await deskPage(shop, { email: 'till@shop.test', password: 'counter-till-2026' }, '/pos');
    // The till's own bar, not the storefront's header and search.
    expect(await page.locator('.site-header').count()).toBe(0);
    expect(await page.locator('#header-search').count()).toBe(0);
    expect(await page.locator('.pos-bar').textContent()).toContain('Dara Till');
    // F2 brings the search back from anywhere.
    await page.locator('.pos-bar .pos-brand').focus();
    await page.keyboard.press('F2');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pos-code');
    // Esc clears what was typed in the search.
    await page.keyboard.type('cable');
    await page.keyboard.press('Escape');
    expect(await page.locator('#pos-code').inputValue()).toBe('');
    // A category tile lists its products; a tile adds one.
    await page.getByRole('link', { name: 'Networking' }).click();
    await page.waitForURL(/cat=/);
    await page.getByRole('button', { name: /TP-Link Archer C6 Router/ }).click();
    await expect.poll(() => page.locator('.pos-lines tbody').textContent()).toContain('TPL-C6');
    expect(await page.locator('[data-pos-total]').textContent()).toContain('$38.80');
    // Esc on a category list goes back to the favourites (the sale stays).
    await page.locator('.pos-bar .pos-brand').focus();
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/pos' && u.search === '');
    expect(await page.locator('.pos-lines tbody').textContent()).toContain('TPL-C6');
    // F4 goes to the payment; the keypad types $50 into the dollars field.
    await page.keyboard.press('F4');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('tenderedUsd');
    await keys(page, '50');
    expect(await page.getByLabel('Cash received in US dollars').inputValue()).toBe('50');
    await expect.poll(() => page.locator('[data-pos-change]').textContent()).toBe('Change: $11 + 800 ៛');
    await expectAccessibleAndFits(page);
    await shot(page, 'till-1280-en');
    // The KHQR: a big code for the customer, "KHQR" chosen, a customer display link.
    await page.getByRole('link', { name: 'Show KHQR for the total' }).click();
    await page.waitForURL(/pay=khqr/);
    expect(await page.locator('input[name=method][value=khqr]').isChecked()).toBe(true);
    const qr = await page.locator('.pos-khqr-panel img').boundingBox();
    expect(qr!.width).toBeGreaterThanOrEqual(300);
    expect(await page.getByRole('link', { name: 'Customer display' }).getAttribute('href')).toBe('/pos/display');
    await expectAccessibleAndFits(page);
    await shot(page, 'till-khqr-1280-en');
    const display = await page.context().newPage();
    await display.goto(`${shop.server.baseUrl}/pos/display`);
    expect(await display.locator('.display-khqr img').count()).toBe(1);
    expect(await display.locator('.display-total').textContent()).toContain('$38.80');
    await shot(display, 'display-1280-en');
    await display.close();
    // Back to cash: the sale is completed with the keypad's amount.
    await page.goto(`${shop.server.baseUrl}/pos`);
    await page.locator('[data-keypad] button[data-key="clear"]').click();
    await keys(page, '50');
    await expect.poll(() => page.locator('[data-pos-change]').textContent()).toBe('Change: $11 + 800 ៛');
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await page.waitForURL(/\/pos\/receipt\/CS-/);
    expect(await page.locator('[data-receipt-change]').textContent()).toBe('$11 + 800 ៛');

    // End of day: count the drawer ($39 and −800 ៛ expected), live totals, then saved and compared.
    await page.goto(`${shop.server.baseUrl}/pos/end-of-day`);
    expect(await page.locator('.site-header').count()).toBe(0);
    await page.getByLabel('$20', { exact: true }).fill('1');
    await page.getByLabel('$10', { exact: true }).fill('1');
    await page.getByLabel('$5', { exact: true }).fill('1');
    await page.getByLabel('$2', { exact: true }).fill('2');
    await expect
      .poll(() => page.locator('[data-eod-live]').textContent())
      .toBe('Counted: $39.00 · 0 ៛ — Difference $0.00 · +800 ៛');
    await expectAccessibleAndFits(page);
    await page.getByRole('button', { name: 'Save the count' }).click();
    await page.waitForURL(/cashier=/);
    expect(await page.locator('[data-diff-usd]').textContent()).toBe('$0.00');
    expect(await page.locator('[data-diff-khr]').textContent()).toBe('+800 ៛');
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    await expectAccessibleAndFits(page);
    await shot(page, 'eod-1280-en');
    // Printed: the count sheet on A4 (not the receipt's 80 mm roll), without the till's bar and forms.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.pos-bar').isVisible()).toBe(false);
    expect(await page.locator('form[data-eod-count]').isVisible()).toBe(false);
    expect(await page.locator('#count-result').isVisible()).toBe(true);
    await shot(page, 'eod-print-en');
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Number(box?.[1])).toBeCloseTo(595, -1); // A4 width in points
    const [row] = await query<{ counted_usd: string; expected_khr: number }>(
      'SELECT counted_usd, expected_khr FROM drawer_counts',
    );
    expect(row).toEqual({ counted_usd: '39.00', expected_khr: -800 });
    // In Khmer.
    await page.locator('.pos-bar .lang-switch button').click();
    await page.waitForURL('**/pos/end-of-day*');
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    await expectAccessibleAndFits(page);
    await shot(page, 'eod-1280-km');
    await page.goto(`${shop.server.baseUrl}/pos`);
    await page.locator('#pos-code').fill('UGR-CAT6-2M');
    await page.locator('#pos-code').press('Enter');
    await expect.poll(() => page.locator('.pos-lines tbody').textContent()).toContain('UGR-CAT6-2M');
    await page.locator('[data-keypad] button[data-key="exact"]').click();
    await expectAccessibleAndFits(page);
    await shot(page, 'till-1280-km');
  });
});

describe('the till on a phone (390 px)', () => {
  it('stacked, no sideways scroll, keypad change in dollars and riel; the end-of-day count too', async () => {
    await stockTheShelf();
    await createUser({ role: 'staff', email: 'phone@shop.test', password: 'counter-till-2026', name: 'Sokha Till' });
    const page = await phoneAs(shop, { email: 'phone@shop.test', password: 'counter-till-2026' }, '/pos');
    expect(await page.locator('.site-header').count()).toBe(0);
    await page.locator('#pos-code').fill('6957303811190');
    await page.locator('#pos-code').press('Enter');
    await expect.poll(() => page.locator('.pos-lines tbody').textContent()).toContain('UGR-CAT6-2M');
    // $12.30 paid with $10 and 10,000 ៛: 41,000 + 10,000 − 50,430 = 570 ៛ back, given as 600 ៛.
    await page.getByLabel('Cash received in US dollars').focus();
    await keys(page, '10');
    await page.getByLabel('Cash received in riel').focus();
    await keys(page, '100');
    await page.locator('[data-keypad] button[data-key="00"]').click();
    expect(await page.getByLabel('Cash received in riel').inputValue()).toBe('10000');
    await expect.poll(() => page.locator('[data-pos-change]').textContent()).toBe('Change: 600 ៛');
    await expectAccessibleAndFits(page);
    await shot(page, 'till-390-en');
    await page.goto(`${shop.server.baseUrl}/pos/returns`);
    expect(await page.locator('.site-header').count()).toBe(0);
    await expectAccessibleAndFits(page);
    await page.goto(`${shop.server.baseUrl}/pos/end-of-day`);
    await page.getByLabel('$100', { exact: true }).fill('x');
    await page.getByRole('button', { name: 'Save the count' }).click();
    await expect.poll(() => page.locator('#n-usd100').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#n-usd100').inputValue()).toBe('x');
    await expectAccessibleAndFits(page);
    await shot(page, 'eod-390-en');
    await page.locator('.pos-bar .lang-switch button').click();
    await page.waitForURL('**/pos/end-of-day');
    await expectAccessibleAndFits(page);
    await shot(page, 'eod-390-km');
    await page.goto(`${shop.server.baseUrl}/pos`);
    await expectAccessibleAndFits(page);
    await shot(page, 'till-390-km');
  });
});
