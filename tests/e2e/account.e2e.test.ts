import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addToWishlist } from '../../src/modules/wishlist/wishlist.service.js';
import { expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { createUser } from '../helpers/http.js';

const shop = useShop();

/** The account tabs show every section and mark only the page shown. */
async function expectTabs(page: Page, current: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Your account' });
  for (const name of ['Orders', 'Wishlist', 'Addresses', 'Profile', 'Security'])
    expect(await nav.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
  expect(await nav.locator('[aria-current="page"]').allTextContents()).toEqual([current]);
  await expectAccessibleAndFits(page);
}

async function goToTab(page: Page, name: string, path: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name, exact: true }).click();
  await page.waitForURL(`**${path}`);
  await expectTabs(page, name);
}

async function fillAddress(page: Page, a: { name: string; phone: string; street: string; province: string }) {
  await page.getByLabel('Recipient name').fill(a.name);
  await page.getByLabel('Recipient phone').fill(a.phone);
  await page.getByLabel('House and street').fill(a.street);
  await page.getByLabel('Sangkat / commune').fill('Boeung Keng Kang 1');
  await page.getByLabel('Khan / district').fill('Chamkarmon');
  await page.getByLabel('Province / city').selectOption(a.province);
}

for (const width of [1280, 390]) {
  describe(`the customer account area at ${width} px`, () => {
    it('a customer signs in and walks orders → wishlist → addresses (adds, sets default) → profile → security', async () => {
      const email = `walk-${width}@example.com`;
      const user = await createUser({ email, password: 'mekong-river-2026', name: 'Sokha Chan' });
      const cat = await createCategory({ name: 'Accessories', slug: `accessories-${width}` });
      const product = await createProduct({
        name: 'Logitech K120 Keyboard',
        categoryId: cat.id,
        variants: [{ sku: `LOG-K120-${width}`, price: '9.50', stock: 5 }],
      });
      await addToWishlist(user.id, product.id);

      const page =
        width === 390
          ? await phonePage(shop.browser)
          : await (await shop.browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true })).newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${shop.server.baseUrl}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('mekong-river-2026');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${shop.server.baseUrl}/`);

      await page.goto(`${shop.server.baseUrl}/orders`);
      await expectTabs(page, 'Orders');
      expect(await page.getByText('You have no orders yet.').isVisible()).toBe(true);

      await goToTab(page, 'Wishlist', '/wishlist');
      expect(await page.getByText('Logitech K120 Keyboard').first().isVisible()).toBe(true);

      await goToTab(page, 'Addresses', '/account/addresses');
      expect(await page.getByText('You have no saved addresses yet.').isVisible()).toBe(true);

      // The first address: the form keeps what was typed and says what is wrong, then saves.
      await page.getByRole('link', { name: 'Add an address' }).click();
      await page.waitForURL('**/account/addresses/new');
      await expectTabs(page, 'Addresses');
      await fillAddress(page, { name: 'Sokha Chan', phone: '12', street: '#25, St. 271', province: 'Phnom Penh' });
      await page.getByRole('button', { name: 'Save address' }).click();
      await expect.poll(() => page.getByText('Enter a Cambodian phone number').isVisible()).toBe(true);
      await expectAccessibleAndFits(page);
      expect(await page.getByLabel('House and street').inputValue()).toBe('#25, St. 271');
      await page.getByLabel('Recipient phone').fill('012 345 678');
      await page.getByRole('button', { name: 'Save address' }).click();
      await page.waitForURL('**/account/addresses');
      await expect.poll(() => page.getByText('The address was added.').isVisible()).toBe(true);
      await expectTabs(page, 'Addresses');

      // A second address, then it becomes the default.
      await page.getByRole('link', { name: 'Add an address' }).click();
      await fillAddress(page, { name: 'Dara Kim', phone: '097 123 4567', street: 'St. 2004', province: 'Siem Reap' });
      await page.getByRole('button', { name: 'Save address' }).click();
      await page.waitForURL('**/account/addresses');
      await expect.poll(() => page.locator('.address-card').count()).toBe(2);
      await page.getByRole('button', { name: /^Make default\W+address of Dara Kim$/ }).click();
      await expect.poll(() => page.getByText('The address of Dara Kim is now your default.').isVisible()).toBe(true);
      expect(await page.locator('.address-card').first().locator('h3').textContent()).toMatch(/Dara Kim\s+Default/);
      await expectTabs(page, 'Addresses');
      const rows = await query<{ recipient_name: string; phone: string; is_default: number }>(
        'SELECT recipient_name, phone, is_default FROM addresses WHERE user_id = ? ORDER BY id',
        [user.id],
      );
      expect(rows.map((r) => [r.recipient_name, r.phone, Number(r.is_default)])).toEqual([
        ['Sokha Chan', '+85512345678', 0],
        ['Dara Kim', '+855971234567', 1],
      ]);

      // Delete asks first (no script needed): the box opens, the real button needs the tick.
      await page.locator('summary', { hasText: /^Delete\W+address of Sokha Chan$/ }).click();
      await expectAccessibleAndFits(page);
      await page.getByLabel('Yes, delete the address of Sokha Chan. This cannot be undone.').check();
      await page.getByRole('button', { name: 'Delete address' }).first().click();
      await expect.poll(() => page.getByText('The address was deleted.').isVisible()).toBe(true);
      expect(await query('SELECT id FROM addresses WHERE user_id = ?', [user.id])).toHaveLength(1);

      await goToTab(page, 'Profile', '/account');
      expect(await page.getByLabel('Full name').inputValue()).toBe('Sokha Chan');

      await goToTab(page, 'Security', '/account/security');
      expect(await page.getByLabel('Current password').isVisible()).toBe(true);
      await page.context().close();
    }, 180_000);
  });
}
