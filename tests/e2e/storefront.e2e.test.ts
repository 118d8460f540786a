import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';
import { storeImage } from '../../src/lib/images/image-store.js';
import { query } from '../helpers/db.js';

const shop = useShop({ CATALOG_CACHE_SECONDS: '0', UPLOAD_DIR: process.env.UPLOAD_DIR ?? 'var/uploads' });

async function catalog() {
  const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const gaming = await createCategory({ name: 'Gaming Laptops', slug: 'gaming-laptops', parentId: laptops.id });
  const asus = await createBrand('Asus');
  const msi = await createBrand('MSI');
  const type = await createProductType('laptop', [{ code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' }]);
  const image = await storeImage(
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#0b5cad' } })
      .png()
      .toBuffer(),
  );
  const tuf = await createProduct({
    name: 'ASUS TUF Gaming F15',
    categoryId: gaming.id,
    brandId: asus.id,
    productTypeId: type.id,
    description: 'A sturdy **gaming laptop** with a 144 Hz screen.',
    variants: [
      { sku: 'ASU-F15-16', price: '949.00', compareAtPrice: '1049.00', stock: 8, options: { RAM: '16 GB' } },
      { sku: 'ASU-F15-32', price: '1099.00', stock: 2, lowStockThreshold: 3, options: { RAM: '32 GB' } },
    ],
    specs: [{ attributeId: type.attributes[0]!.id, value: '16', number: '16' }],
  });
  await query(
    'INSERT INTO product_images (product_id, file_key, width, height, alt, position) VALUES (?, ?, ?, ?, ?, 0)',
    [tuf.id, image.key, image.width, image.height, 'ASUS TUF Gaming F15'],
  );
  await query('UPDATE products SET primary_image = ? WHERE id = ?', [image.key, tuf.id]);
  await createProduct({
    name: 'ASUS ROG Zephyrus G14 Gaming',
    categoryId: gaming.id,
    brandId: asus.id,
    variants: [{ price: '1899.00', stock: 3 }],
  });
  await createProduct({
    name: 'MSI Katana 15 Gaming',
    categoryId: gaming.id,
    brandId: msi.id,
    variants: [{ price: '999.00', stock: 5 }],
  });
  return { tuf };
}

describe('a customer on a phone finds a laptop', () => {
  it('searches from the header, filters by brand and price, opens the product and picks a variant', async () => {
    const { tuf } = await catalog();
    const page = await phonePage(shop.browser);
    await page.goto(shop.server.baseUrl + '/');
    await expectAccessibleAndFits(page);

    await page.getByLabel('Search products').fill('gaming');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\?q=gaming/);
    expect(await page.locator('.card-name').count()).toBe(3);
    await expectAccessibleAndFits(page);

    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByRole('checkbox', { name: /Asus/ }).check();
    await page.locator('#filters summary', { hasText: 'Price' }).click();
    await page.getByLabel('Max price (USD)').fill('1500');
    await page.getByRole('button', { name: /^Show \d+ results?$/ }).click();
    await page.waitForURL(/brand=asus/);
    expect(page.url()).toContain('max=1500');
    expect(await page.locator('.card-name').allTextContents()).toEqual(['ASUS TUF Gaming F15']);
    await expectAccessibleAndFits(page);

    // Sorting keeps the filters (with JS the select submits by itself).
    await page.getByLabel('Sort by').selectOption('price_desc');
    await page.waitForURL(/sort=price_desc/);
    expect(page.url()).toContain('brand=asus');

    await page.getByRole('link', { name: 'ASUS TUF Gaming F15' }).click();
    await page.waitForURL(`**/p/${tuf.slug}`);
    expect(await page.locator('h1').textContent()).toBe('ASUS TUF Gaming F15');
    expect(await page.locator('.price-usd').textContent()).toBe('$949.00');
    expect(await page.locator('.price-riel').textContent()).toBe('3,890,900 ៛');
    expect(await page.locator('[data-stock]').textContent()).toBe('In stock');
    const img = page.locator('.gallery-strip img').first();
    expect(await img.getAttribute('src')).toContain('/media/products/');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: /32 GB/ }).click();
    await page.waitForURL(/v=ASU-F15-32/);
    expect(await page.locator('.price-usd').textContent()).toBe('$1,099.00');
    expect(await page.locator('[data-stock]').textContent()).toBe('Only 2 left');
    await expectAccessibleAndFits(page);
  });
});
