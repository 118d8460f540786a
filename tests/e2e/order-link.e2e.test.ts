import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';

const shop = useShop();

describe("a guest opens the order email's links on another phone or computer", () => {
  it('Pay now from the email works in a fresh browser at 390 and 1280 px; without the link /track is offered', async () => {
    const cat = await createCategory({ name: 'Storage', slug: 'storage' });
    const ssd = await createProduct({
      name: 'Samsung 990 PRO 1TB',
      categoryId: cat.id,
      variants: [{ sku: 'SAM-990P-1T', price: '109.00', stock: 4 }],
    });
    // Ordered on one phone...
    const first = await phonePage(shop.browser);
    await first.goto(`${shop.server.baseUrl}/p/${ssd.slug}`);
    await first.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => first.locator('[data-cart-count]').textContent()).toBe('1');
    await first.goto(`${shop.server.baseUrl}/checkout`);
    await first.getByLabel('Full name').fill('Vanna Sok');
    await first.getByLabel('Email').fill('vanna@example.com');
    await first.getByLabel('Phone number').fill('092 555 111');
    await first.getByLabel('Pick up at the shop (free)').check();
    await first.getByRole('button', { name: 'Continue to review' }).click();
    await first.getByRole('button', { name: 'Place order' }).click();
    await first.waitForURL(/\/pay$/);
    const [order] = await query<{ number: string }>('SELECT number FROM orders');

    // ...the email is opened on another phone and on a computer, neither of which placed it.
    const mail = await mailbox.waitFor('vanna@example.com');
    const payLink = /https?:\/\/\S+\/orders\/\S+\/pay\?k=\S+/.exec(mail.text)![0];
    const pay = new URL(payLink);
    const link = `${shop.server.baseUrl}${pay.pathname}${pay.search}`;

    const other = await phonePage(shop.browser);
    const stranger = await other.goto(`${shop.server.baseUrl}/orders/${order!.number}`);
    expect(stranger!.status()).toBe(404);
    expect(await other.getByRole('link', { name: 'Track an order' }).first().isVisible()).toBe(true);
    await other.goto(link);
    await other.waitForURL(`**/orders/${order!.number}/pay`);
    expect(other.url()).not.toContain('k=');
    expect(await other.getByText('$109.00').first().isVisible()).toBe(true);
    await expectAccessibleAndFits(other);

    const context = await shop.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const desk = await context.newPage();
    await desk.goto(link);
    await desk.waitForURL(`**/orders/${order!.number}/pay`);
    await expectAccessibleAndFits(desk);
    await desk.goto(`${shop.server.baseUrl}/orders/${order!.number}`);
    expect(await desk.locator('h1').textContent()).toContain(order!.number);
  });
});
