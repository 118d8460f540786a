import { describe, expect, it } from 'vitest';
import { createBrand, createCategory, createProduct } from '../helpers/catalog.js';
import { expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';

const shop = useShop({ CATALOG_CACHE_SECONDS: '0' });

describe('the search box suggests as you type (phone, keyboard only)', () => {
  it('arrows move through the suggestions, Escape closes them, Enter opens the chosen one', async () => {
    const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const asus = await createBrand('ASUS');
    await createProduct({ name: 'ASUS Vivobook 15', categoryId: laptops.id, brandId: asus.id });
    await createProduct({ name: 'ASUS Vivobook Go 14', categoryId: laptops.id, brandId: asus.id });
    await createProduct({ name: 'Lenovo ThinkPad E14', categoryId: laptops.id });

    const page = await phonePage(shop.browser);
    await page.goto(`${shop.server.baseUrl}/`);
    const box = page.getByRole('combobox', { name: 'Search products' });
    await box.focus();
    await page.keyboard.type('vivo');
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBe(2);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.locator('[data-suggest-status]').textContent()).toContain('Suggestions shown: 2');
    await expectAccessibleAndFits(page);

    await page.keyboard.press('ArrowDown');
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await options.nth(0).getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // wraps to the first
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp'); // wraps to the last
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('listbox').isVisible()).toBe(false);
    expect(await box.inputValue()).toBe('vivo');

    await page.keyboard.press('ArrowDown'); // reopens
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    const chosen = (await options.nth(0).locator('.suggest-name').textContent()) ?? '';
    expect(chosen).toMatch(/ASUS Vivobook/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/p\//);
    expect(await page.locator('h1').textContent()).toBe(chosen);
  });

  it('Enter without choosing submits the search; a typo shows the corrected results', async () => {
    const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
    await createProduct({ name: 'ASUS Vivobook 15', categoryId: laptops.id });
    const page = await phonePage(shop.browser);
    await page.goto(`${shop.server.baseUrl}/`);
    await page.getByLabel('Search products').fill('vivobok');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=vivobok/);
    expect(await page.locator('.search-correction').textContent()).toContain('Showing results for vivobook');
    expect(await page.locator('.card-name').allTextContents()).toEqual(['ASUS Vivobook 15']);
    await expectAccessibleAndFits(page);
  });
});
