import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { deskPage, expectAccessibleAndFits, phonePage, useShop, toKhmer } from '../helpers/browser.js';
import { createUser } from '../helpers/http.js';
import { query } from '../helpers/db.js';

const shop = useShop();

const ADMIN = { email: 'owner@shop.test', password: 'owner-pass-2026-long' };
const PAGES = ['/admin', '/admin/orders', '/admin/products', '/admin/inventory'];

/** A few products and two orders, so the lists have rows (long Khmer-free names, riel and dollars). */
async function someShop() {
  const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
  await createProduct({
    name: 'Acer TravelMate P2 TMP214-55 Core i5-1335U 16GB 512GB SSD 14" FHD',
    categoryId: cat.id,
    variants: [
      { sku: 'ACER-TMP214-55-I5', price: '689.00', stock: 2 },
      { sku: 'ACER-TMP214-55-I7', price: '899.00', stock: 0 },
    ],
  });
  // enough inventory rows for the stock table to scroll inside its region (it has a hidden label per row)
  await createProduct({
    name: 'Kingston Fury Beast DDR5',
    categoryId: cat.id,
    variants: Array.from({ length: 30 }, (_, i) => ({
      sku: `KF-DDR5-${i}`,
      price: `${40 + i}.00`,
      stock: i,
      options: { Size: `${8 + i} GB` },
    })),
  });
  await createProduct({
    name: 'Logitech M90',
    categoryId: cat.id,
    variants: [{ sku: 'LOG-M90', price: '5.00', stock: 40 }],
  });
  for (const [number, status, total] of [
    ['CS-261201-000101', 'paid', '1234.50'],
    ['CS-261201-000102', 'pending_payment', '5.00'],
  ] as const) {
    await query(
      `INSERT INTO orders (number, channel, status, customer_name, customer_email, customer_phone, delivery_method,
        delivery_zone, subtotal, grand_total, khr_per_usd, placed_at)
       VALUES (?, 'online', ?, 'Chan Sreyneang Sokunthearith', 'sokha@example.com', '+85512345678', 'pickup',
        'phnom_penh', ?, ?, 4100, NOW())`,
      [number, status, total, total],
    );
  }
  await createUser({ role: 'admin', name: 'Dara Meas', ...ADMIN });
}

/** A phone (390 px) signed in through the login form. */
async function signedInPhone(next: string): Promise<Page> {
  const page = await phonePage(shop.browser);
  await page.goto(`${shop.server.baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`**${next}`);
  return page;
}

async function checkPages(page: Page, locale: 'en' | 'km') {
  for (const path of PAGES) {
    await page.goto(`${shop.server.baseUrl}${path}`);
    expect(await page.locator('body').getAttribute('class'), path).toBe(`lang-${locale} admin`);
    expect(await page.locator('.site-header, .site-footer, form[role="search"]').count(), path).toBe(0);
    expect(await page.locator('.bo-nav [aria-current="page"]').getAttribute('href'), path).toBe(path);
    await expectAccessibleAndFits(page);
    // nothing inside a table's scroll region (its hidden labels) stretches the page below its content
    const below = await page.evaluate(
      () =>
        document.documentElement.scrollHeight -
        Math.max(
          window.innerHeight,
          document.querySelector('.bo-shell')!.getBoundingClientRect().bottom + window.scrollY,
        ),
    );
    expect(below, path).toBeLessThanOrEqual(1);
  }
}

describe('the back office layout', () => {
  it('on a desk: side navigation always shown, no menu button, tables keep their header in view', async () => {
    await someShop();
    const page = await deskPage(shop, ADMIN, '/admin');
    expect(await page.locator('.bo-nav').isVisible()).toBe(true);
    expect(await page.locator('.bo-menu').isVisible()).toBe(false);
    // the side navigation sits left of the page
    const nav = (await page.locator('.bo-nav').boundingBox())!;
    const main = (await page.locator('#main').boundingBox())!;
    expect(nav.x + nav.width).toBeLessThanOrEqual(main.x);
    // four figure cards per row: the first four share one top, the fifth starts a new row
    const tops = await page
      .locator('.stat-grid > li')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(tops).toHaveLength(8);
    expect(new Set(tops.slice(0, 4)).size).toBe(1);
    expect(tops[4]).toBeGreaterThan(tops[0]!);
    expect(tops.slice(4).every((t) => t === tops[4])).toBe(true);
    await checkPages(page, 'en');
    await toKhmer(page);
    await checkPages(page, 'km');

    // a long table scrolls in its own region and its header row stays at the top of it
    for (let i = 0; i < 40; i++) {
      await query(
        `INSERT INTO orders (number, channel, status, customer_name, customer_email, customer_phone, delivery_method,
          delivery_zone, subtotal, grand_total, khr_per_usd, placed_at)
         VALUES (?, 'online', 'paid', 'Sokha', 's@example.com', '+85512345678', 'pickup', 'phnom_penh', '1.00', '1.00', 4100, NOW())`,
        [`CS-261201-1${String(i).padStart(5, '0')}`],
      );
    }
    await page.goto(`${shop.server.baseUrl}/admin/orders`);
    const wrap = page.locator('#main .table-wrap').first();
    const headTop = () =>
      page
        .locator('#main .table-wrap thead th')
        .first()
        .evaluate((e) => e.getBoundingClientRect().top);
    const wrapTop = (await wrap.boundingBox())!.y;
    await wrap.evaluate((e) => e.scrollBy(0, 600));
    expect(await wrap.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
    expect(Math.round(await headTop())).toBe(Math.round(wrapTop + 1)); // below the wrap's 1 px border
  });

  it('on a phone: the Menu button opens the navigation; every page fits 390 px in English and Khmer', async () => {
    await someShop();
    const page = await signedInPhone('/admin');
    const menu = page.locator('.bo-menu summary');
    expect(await menu.textContent()).toBe('Menu');
    expect(await page.locator('.bo-nav').isVisible()).toBe(false);
    await menu.click();
    expect(await page.locator('.bo-nav').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Inventory' }).isVisible()).toBe(true);
    await expectAccessibleAndFits(page); // with the menu open too
    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.waitForURL('**/admin/inventory');
    expect(await page.locator('.bo-nav').isVisible()).toBe(false); // a new page starts with the menu closed
    // figure cards two per row
    const lefts = await page
      .goto(`${shop.server.baseUrl}/admin`)
      .then(() => page.locator('.stat-grid > li').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(2);
    await checkPages(page, 'en');
    await toKhmer(page);
    await checkPages(page, 'km');
    await page.locator('.bo-menu summary').click();
    expect(await page.getByRole('link', { name: 'ស្តុកទំនិញ' }).isVisible()).toBe(true);
  });

  it('without JavaScript the menu still opens', async () => {
    await someShop();
    const context = await shop.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${shop.server.baseUrl}/login?next=%2Fadmin%2Forders`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/admin/orders');
    await page.locator('.bo-menu summary').click();
    expect(await page.locator('.bo-nav').isVisible()).toBe(true);
    expect(await page.locator('.bo-nav [aria-current="page"]').textContent()).toBe('Orders');
    await context.close();
  });
});
