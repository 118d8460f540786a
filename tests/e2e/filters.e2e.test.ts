import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';

const shop = useShop({ CATALOG_CACHE_SECONDS: '0' });

/** Nine laptops in three brands, RAM 8 to 64 GB (the Vivobook's comes from its variants). */
async function laptops() {
  const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const [asus, acer, lenovo] = [await createBrand('ASUS'), await createBrand('Acer'), await createBrand('Lenovo')];
  const type = await createProductType('laptop', [
    { code: 'cpu', name: 'Processor' },
    { code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' },
  ]);
  const [cpu, ram] = type.attributes;
  const add = (name: string, brandId: number, gb: number, price: string) =>
    createProduct({
      name,
      categoryId: laptops.id,
      brandId,
      productTypeId: type.id,
      specs: [
        { attributeId: cpu!.id, value: `Core i${(gb % 7) + 3}` },
        { attributeId: ram!.id, value: String(gb), number: String(gb) },
      ],
      variants: [{ price }],
    });
  await createProduct({
    name: 'ASUS Vivobook 15',
    categoryId: laptops.id,
    brandId: asus.id,
    productTypeId: type.id,
    specs: [{ attributeId: ram!.id, value: '8', number: '8' }],
    variants: [
      { price: '549.00', options: { RAM: '8 GB' } },
      { price: '649.00', options: { RAM: '16 GB' } },
    ],
  });
  await add('ASUS Zenbook 14', asus.id, 32, '999.00');
  await add('ASUS ROG Strix G18', asus.id, 64, '2599.00');
  await add('ASUS ExpertBook B1', asus.id, 8, '499.00');
  await add('Acer Swift Go 14', acer.id, 16, '849.00');
  await add('Acer Aspire 3', acer.id, 8, '399.00');
  await add('Lenovo Legion 5', lenovo.id, 32, '1399.00');
  await add('Lenovo IdeaPad Slim 3', lenovo.id, 16, '479.00');
  await add('Lenovo ThinkPad E14', lenovo.id, 8, '699.00');
}

const cards = (page: Page) => page.locator('.card-name').allTextContents();
const chipTexts = async (page: Page) =>
  (await page.locator('a.chip').allTextContents()).map((t) => t.replace(/^Remove filter:\s*/, '').replace(/\s*×$/, ''));

describe('shopper filters (1280 px)', () => {
  it('a brand and a RAM range, chips to take one off, sort on change', async () => {
    await laptops();
    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${shop.server.baseUrl}/c/laptops`);
    await expectAccessibleAndFits(page);
    // The sort button is for no JavaScript; here the select applies by itself.
    expect(await page.getByRole('button', { name: 'Sort', exact: true }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /^Filters/ }).isVisible()).toBe(false);

    await page.getByRole('checkbox', { name: /ASUS/ }).check();
    await page.locator('#filters summary', { hasText: 'RAM' }).click();
    await page.getByLabel('From', { exact: true }).selectOption('16');
    await page.getByLabel('To', { exact: true }).selectOption('32');
    const show = page.locator('[data-show-results]');
    await expect.poll(() => show.textContent()).toBe('Show 2 results');
    // The apply button stays in reach at the bottom of the screen.
    const box = await show.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    await show.click();
    await page.waitForURL(/r_ram_max=32/);
    const url = new URL(page.url());
    expect([...url.searchParams].sort()).toEqual([
      ['brand', 'asus'],
      ['r_ram_max', '32'],
      ['r_ram_min', '16'],
    ]);
    expect((await cards(page)).sort()).toEqual(['ASUS Vivobook 15', 'ASUS Zenbook 14']);
    expect(await chipTexts(page)).toEqual(['Brand: ASUS', 'RAM: 16–32 GB']);
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: 'Remove filter: Brand: ASUS' }).click();
    await page.waitForURL((u) => !u.searchParams.has('brand'));
    expect(await chipTexts(page)).toEqual(['RAM: 16–32 GB']);
    expect((await cards(page)).sort()).toEqual([
      'ASUS Vivobook 15',
      'ASUS Zenbook 14',
      'Acer Swift Go 14',
      'Lenovo IdeaPad Slim 3',
      'Lenovo Legion 5',
    ]);

    await page.getByLabel('Sort by').selectOption('price_desc');
    await page.waitForURL(/sort=price_desc/);
    expect(page.url()).toContain('r_ram_min=16');
    expect(await cards(page)).toEqual([
      'Lenovo Legion 5',
      'ASUS Zenbook 14',
      'Acer Swift Go 14',
      'ASUS Vivobook 15',
      'Lenovo IdeaPad Slim 3',
    ]);
    await expectAccessibleAndFits(page);
    await context.close();
  });
});

describe('shopper filters (390 px)', () => {
  it('the drawer: focus goes in, Escape closes it, "Show N results" applies and shows the results', async () => {
    await laptops();
    const page = await phonePage(shop.browser);
    await page.goto(`${shop.server.baseUrl}/c/laptops`);
    const panel = page.locator('#filters');
    expect(await panel.isVisible()).toBe(false);
    await expectAccessibleAndFits(page);

    const opener = page.getByRole('button', { name: 'Filters' });
    await opener.click();
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.getElementById('filters')!.contains(document.activeElement))).toBe(true);
    await expectAccessibleAndFits(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-filter-open'))).toBe(true);

    await opener.click();
    await page.getByRole('checkbox', { name: /ASUS/ }).check();
    await page.locator('#filters summary', { hasText: 'RAM' }).click();
    await page.getByLabel('From', { exact: true }).selectOption('16');
    const show = page.getByRole('button', { name: /^Show \d+ results?$/ });
    await expect.poll(() => show.textContent()).toBe('Show 3 results');
    // Sticky at the bottom of the drawer, whatever is open above it.
    const box = await show.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await expectAccessibleAndFits(page);
    await show.click();
    await page.waitForURL(/r_ram_min=16/);
    expect(await panel.isVisible()).toBe(false);
    expect((await cards(page)).sort()).toEqual(['ASUS ROG Strix G18', 'ASUS Vivobook 15', 'ASUS Zenbook 14']);
    expect(await chipTexts(page)).toEqual(['Brand: ASUS', 'RAM: 16 GB or more']);
    expect(await page.getByRole('button', { name: 'Filters (2)' }).isVisible()).toBe(true);
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: 'Remove filter: RAM: 16 GB or more' }).click();
    await page.waitForURL((u) => !u.searchParams.has('r_ram_min'));
    expect(await chipTexts(page)).toEqual(['Brand: ASUS']);
    await page.getByLabel('Sort by').selectOption('price_asc');
    await page.waitForURL(/sort=price_asc/);
    expect(await cards(page)).toEqual([
      'ASUS ExpertBook B1',
      'ASUS Vivobook 15',
      'ASUS Zenbook 14',
      'ASUS ROG Strix G18',
    ]);
    await expectAccessibleAndFits(page);
  });

  it('without JavaScript the drawer opens through #filters and "Show results" submits', async () => {
    await laptops();
    const context = await shop.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      javaScriptEnabled: false,
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${shop.server.baseUrl}/c/laptops`);
    await page.getByRole('link', { name: 'Filters' }).click();
    await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: /Lenovo/ }).check();
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/brand=lenovo/);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect((await cards(page)).sort()).toEqual(['Lenovo IdeaPad Slim 3', 'Lenovo Legion 5', 'Lenovo ThinkPad E14']);
    // The sort has its own button.
    await page.getByLabel('Sort by').selectOption('price_asc');
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    await page.waitForURL(/sort=price_asc/);
    expect(await cards(page)).toEqual(['Lenovo IdeaPad Slim 3', 'Lenovo ThinkPad E14', 'Lenovo Legion 5']);
    await context.close();
  });
});
