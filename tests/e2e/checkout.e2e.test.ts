import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';
import { createUser } from '../helpers/http.js';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';

const shop = useShop();

async function twoProducts() {
  const cat = await createCategory({ name: 'Peripherals', slug: 'peripherals' });
  const mouse = await createProduct({
    name: 'Logitech M331 Silent',
    categoryId: cat.id,
    variants: [{ sku: 'LOG-M331', price: '24.00', stock: 6 }],
  });
  const pad = await createProduct({
    name: 'SteelSeries QcK Pad',
    categoryId: cat.id,
    variants: [{ sku: 'SS-QCK', price: '11.50', stock: 4 }],
  });
  return { mouse, pad };
}

describe('shopping on a phone', () => {
  it('a guest adds two products, checks out with delivery, sees the order and its invoice', async () => {
    const { mouse, pad } = await twoProducts();
    const page = await phonePage(shop.browser);
    await page.goto(`${shop.server.baseUrl}/p/${mouse.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.locator('[data-cart-message]').textContent()).toBe('Added to your cart.');
    expect(await page.locator('[data-cart-count]').textContent()).toBe('1');

    await page.goto(`${shop.server.baseUrl}/p/${pad.slug}`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('3');

    await page.getByRole('link', { name: /Cart/ }).click();
    await page.waitForURL('**/cart');
    expect(await page.locator('.cart-line').count()).toBe(2);
    await expectAccessibleAndFits(page);
    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.waitForURL('**/checkout');
    await expectAccessibleAndFits(page);
    await page.getByLabel('Full name').fill('Chan Sokha');
    await page.getByLabel('Email').fill('sokha.buyer@example.com');
    await page.getByLabel('Phone number').fill('012 888 777');
    await page.getByLabel('Recipient name').fill('Chan Sokha');
    await page.getByLabel('Recipient phone').fill('012 888 777');
    await page.getByLabel('House and street').fill('#12, St. 63');
    await page.getByLabel('Sangkat / commune').fill('Boeung Keng Kang 1');
    await page.getByLabel('Khan / district').fill('Boeung Keng Kang');
    await page.getByLabel('Province / city').selectOption('Phnom Penh');
    await page.getByRole('button', { name: 'Continue to review' }).click();

    await page.waitForURL('**/checkout/review');
    await expectAccessibleAndFits(page);
    expect(await page.locator('.totals').textContent()).toContain('$48.50'); // 24 + 23 + 1.50 delivery
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\/CS-\d{6}-\d{6}\/pay$/);
    await expectAccessibleAndFits(page);
    const [order] = await query<{ number: string; grand_total: string; status: string }>(
      'SELECT number, grand_total, status FROM orders',
    );
    expect(order).toMatchObject({ grand_total: '48.50', status: 'pending_payment' });
    expect(await page.locator('.price-usd').textContent()).toBe('$48.50');
    const mail = await mailbox.waitFor('sokha.buyer@example.com');
    expect(mail.subject).toBe(`Order ${order!.number} received`);

    await page.getByRole('link', { name: 'View order' }).click();
    await page.waitForURL(`**/orders/${order!.number}`);
    expect(await page.locator('h1').textContent()).toBe(`Order ${order!.number}`);
    expect(await page.locator('.order-lines').textContent()).toContain('SteelSeries QcK Pad');
    await expectAccessibleAndFits(page);
    await page.getByRole('link', { name: 'Invoice', exact: true }).click();
    await page.waitForURL(`**/orders/${order!.number}/invoice`);
    expect(await page.locator('.invoice').textContent()).toContain('198,850 ៛');
    await expectAccessibleAndFits(page);
    const pdf = await page.request.get(`${shop.server.baseUrl}/orders/${order!.number}/invoice.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it('a guest in Phnom Penh chooses cash on delivery: no pay page, the order page says what happens next', async () => {
    const { mouse } = await twoProducts();
    const page = await phonePage(shop.browser);
    await page.goto(`${shop.server.baseUrl}/p/${mouse.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('1');
    await page.goto(`${shop.server.baseUrl}/checkout`);
    await page.getByLabel('Full name').fill('Keo Dara');
    await page.getByLabel('Email').fill('cod.buyer@example.com');
    await page.getByLabel('Phone number').fill('012 777 666');
    await page.getByLabel('Recipient name').fill('Keo Dara');
    await page.getByLabel('Recipient phone').fill('012 777 666');
    await page.getByLabel('House and street').fill('#8, St. 310');
    await page.getByLabel('Sangkat / commune').fill('Tonle Bassac');
    await page.getByLabel('Khan / district').fill('Chamkar Mon');
    await page.getByLabel('Province / city').selectOption('Phnom Penh');
    await page.getByRole('button', { name: 'Continue to review' }).click();

    await page.waitForURL('**/checkout/review');
    expect(await page.getByLabel(/Pay now with KHQR/).isChecked()).toBe(true);
    await page.getByLabel(/Cash on delivery/).check();
    await expectAccessibleAndFits(page);
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\/CS-\d{6}-\d{6}$/);
    const [order] = await query<{ number: string; status: string; payment_method: string }>(
      'SELECT number, status, payment_method FROM orders',
    );
    expect(order).toMatchObject({ status: 'confirmed', payment_method: 'cod' });
    expect(await page.locator('main').textContent()).toContain('pay $25.50 in cash');
    expect(await page.locator('.status').first().textContent()).toBe('Confirmed, pay later');
    await expectAccessibleAndFits(page);
    const mail = await mailbox.waitFor('cod.buyer@example.com');
    expect(mail.text).toContain('Nothing to pay now');
  });

  it("a registered customer's guest cart merges into their account cart on login", async () => {
    const { mouse, pad } = await twoProducts();
    const user = await createUser({ email: 'merge@example.com', password: 'tonle-sap-2026' });
    const cart = await query<{ insertId: number }>('INSERT INTO carts (user_id) VALUES (?)', [user.id]);
    await query('INSERT INTO cart_items (cart_id, variant_id, quantity, price_when_added) VALUES (?, ?, 1, 24.00)', [
      (cart as unknown as { insertId: number }).insertId,
      mouse.variants[0]!.id,
    ]);

    const page = await phonePage(shop.browser);
    await page.goto(`${shop.server.baseUrl}/p/${pad.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('1');
    await page.goto(`${shop.server.baseUrl}/p/${mouse.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('2');

    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill('merge@example.com');
    await page.getByLabel('Password').fill('tonle-sap-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`**/p/${mouse.slug}`);
    expect(await page.locator('[data-cart-count]').textContent()).toBe('3'); // mouse 1+1, pad 1
    const rows = await query<{ variant_id: number; quantity: number }>(
      'SELECT ci.variant_id, ci.quantity FROM cart_items ci JOIN carts c ON c.id = ci.cart_id ' +
        'WHERE c.user_id = ? ORDER BY ci.variant_id',
      [user.id],
    );
    expect(rows).toEqual(
      [
        { variant_id: mouse.variants[0]!.id, quantity: 2 },
        { variant_id: pad.variants[0]!.id, quantity: 1 },
      ].sort((a, b) => a.variant_id - b.variant_id),
    );
    expect(await query('SELECT id FROM carts')).toHaveLength(1);
  });
});
