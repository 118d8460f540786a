import { describe, expect, it } from 'vitest';
import { expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';

const shop = useShop({});

describe('a customer on a phone', () => {
  it('registers, confirms the emailed code, logs out, logs in and switches to Khmer', async () => {
    const page = await phonePage(shop.browser);
    await page.goto(shop.server.baseUrl + '/');
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: 'Create account' }).click();
    await expectAccessibleAndFits(page);
    await page.getByLabel('Full name').fill('Sokha Chan');
    await page.getByLabel('Email').fill('sokha.e2e@example.com');
    await page.getByLabel('Phone number').fill('012 345 678');
    await page.getByLabel('Password').fill('mekong-river-2026');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL('**/verify');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Confirm your email');
    await expectAccessibleAndFits(page);
    const code = await mailbox.codeFor('sokha.e2e@example.com');
    await page.getByLabel('6-digit code').fill(code);
    await page.getByRole('button', { name: 'Confirm email' }).click();

    await page.waitForURL('**/account');
    await expect.poll(() => page.getByText('Your email is confirmed').isVisible()).toBe(true);
    await expectAccessibleAndFits(page);
    const [user] = await query<{ email_verified_at: Date | null; phone: string }>(
      'SELECT email_verified_at, phone FROM users WHERE email = ?',
      ['sokha.e2e@example.com'],
    );
    expect(user!.email_verified_at).toBeInstanceOf(Date);
    expect(user!.phone).toBe('+85512345678');

    await page.locator('details.menu summary').click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(shop.server.baseUrl + '/');
    expect(await page.getByRole('link', { name: 'Log in' }).isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Log in' }).click();
    await expectAccessibleAndFits(page);
    await page.getByLabel('Email').fill('sokha.e2e@example.com');
    await page.getByLabel('Password').fill('mekong-river-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(shop.server.baseUrl + '/');
    expect(await page.locator('details.menu summary').textContent()).toContain('Hi, Sokha');

    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    expect(await page.locator('.search button').textContent()).toBe('ស្វែងរក');
    await expectAccessibleAndFits(page);
    const [after] = await query<{ locale: string }>('SELECT locale FROM users WHERE email = ?', [
      'sokha.e2e@example.com',
    ]);
    expect(after!.locale).toBe('km');
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Noto Sans Khmer"', 'ខ្មែរ');
    });
    expect(fontLoaded).toBe(true);
  });
});
