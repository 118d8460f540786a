import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createCategory } from '../helpers/catalog.js';
import { deskPage, expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';
import { createUser } from '../helpers/http.js';
import { query } from '../helpers/db.js';

const shop = useShop();

describe('an admin adds a product', () => {
  it('creates it with two variants and an image, and it appears in the storefront', async () => {
    await createCategory({ name: 'Keyboards', slug: 'keyboards' });
    await createUser({ role: 'admin', email: 'cat@shop.test', password: 'catalog-pass-2026' });
    const page = await deskPage(
      shop,
      { email: 'cat@shop.test', password: 'catalog-pass-2026' },
      '/admin/products/new',
      900,
    );
    await expectAccessibleAndFits(page);
    await page.getByLabel('Product name').fill('Keychron K2 Wireless');
    await page.getByLabel('Category').selectOption({ label: 'Keyboards' });
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('SKU').fill('KEY-K2-RED');
    await page.getByLabel('Options').fill('Switch=Red');
    await page.getByLabel('Price (USD)', { exact: true }).fill('79.00');
    await page.getByLabel('Cost price (USD)').fill('58.00');
    await page.getByLabel('Initial stock').fill('6');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/admin\/products\/\d+$/);
    await expectAccessibleAndFits(page);

    const add = page.locator('#new-variant');
    await add.getByLabel('SKU').fill('KEY-K2-BROWN');
    await add.getByLabel('Options').fill('Switch=Brown');
    await add.getByLabel('Price (USD)', { exact: true }).fill('82.00');
    await add.getByLabel('Initial stock').fill('3');
    await add.getByRole('button', { name: 'Add variant' }).click();
    await page.waitForURL(/\/admin\/products\/\d+/);

    const png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#333' } })
      .png()
      .toBuffer();
    await page.getByLabel('Add images').setInputFiles({ name: 'k2.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload images' }).click();
    await page.waitForURL(/\/admin\/products\/\d+/);
    expect(await page.getByText('1 image added.').isVisible()).toBe(true);

    const [p] = await query<{ slug: string; total_stock: number; min_price: string }>(
      "SELECT slug, total_stock, min_price FROM products WHERE name = 'Keychron K2 Wireless'",
    );
    expect(p).toEqual({ slug: 'keychron-k2-wireless', total_stock: 9, min_price: '79.00' });

    const phone = await phonePage(shop.browser);
    await phone.goto(`${shop.server.baseUrl}/p/${p!.slug}`);
    expect(await phone.locator('h1').textContent()).toBe('Keychron K2 Wireless');
    expect(await phone.locator('.gallery-strip img').first().getAttribute('src')).toContain('/media/products/');
    expect(await phone.locator('.variant').count()).toBe(2);
    await expectAccessibleAndFits(phone);
    await phone.goto(`${shop.server.baseUrl}/c/keyboards`);
    expect(await phone.locator('.card-name').allTextContents()).toEqual(['Keychron K2 Wireless']);
  });
});
