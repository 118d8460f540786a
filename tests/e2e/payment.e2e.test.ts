import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import jsQR from 'jsqr';
import { decodeKhqr } from '../../src/lib/khqr/khqr.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { deskPage, expectAccessibleAndFits, phonePage, useShop } from '../helpers/browser.js';
import { createUser } from '../helpers/http.js';
import { mailbox } from '../helpers/mailbox.js';
import { query } from '../helpers/db.js';

const shop = useShop();

describe('paying by KHQR with a screenshot', () => {
  it(
    'customer places an order and scans a valid KHQR; uploads a screenshot; staff approve; ' +
      'customer sees paid and gets the receipt',
    async () => {
      const cat = await createCategory({ name: 'Storage', slug: 'storage' });
      const ssd = await createProduct({
        name: 'Samsung 990 PRO 1TB',
        categoryId: cat.id,
        variants: [{ sku: 'SAM-990P-1T', price: '109.00', stock: 4 }],
      });
      const staffUser = await createUser({ role: 'staff', email: 'cashier@shop.test', password: 'counter-pass-2026' });

      const page = await phonePage(shop.browser);
      await page.goto(`${shop.server.baseUrl}/p/${ssd.slug}`);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('1');
      await page.goto(`${shop.server.baseUrl}/checkout`);
      await page.getByLabel('Full name').fill('Vanna Sok');
      await page.getByLabel('Email').fill('vanna@example.com');
      await page.getByLabel('Phone number').fill('092 555 111');
      await page.getByLabel('Pick up at the shop (free)').check();
      await page.getByRole('button', { name: 'Continue to review' }).click();
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.waitForURL(/\/pay$/);
      await expectAccessibleAndFits(page);

      const [order] = await query<{ id: number; number: string }>('SELECT id, number FROM orders');
      // Read the QR code off the page as a phone camera would, then check it with the SDK.
      const src = await page.locator('img[data-khqr]').getAttribute('src');
      const png = Buffer.from(src!.replace(/^data:image\/png;base64,/, ''), 'base64');
      const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const decode = jsQR as unknown as (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
      const code = decode(new Uint8ClampedArray(data), info.width, info.height);
      expect(code).not.toBeNull();
      expect(decodeKhqr(code!.data)).toMatchObject({
        accountId: 'computer_shop@devb',
        currency: 'USD',
        amount: '109',
        billNumber: order!.number,
      });
      expect(await page.locator('[data-countdown]').textContent()).toMatch(/\(\d+:\d\d\)/);

      const screenshot = await sharp({ create: { width: 360, height: 720, channels: 3, background: '#eef' } })
        .png()
        .toBuffer();
      await page
        .getByLabel('Screenshot of the payment')
        .setInputFiles({ name: 'aba.png', mimeType: 'image/png', buffer: screenshot });
      await page.getByLabel('Transaction reference (optional)').fill('ABA 1234 5678');
      await page.getByRole('button', { name: 'Send screenshot' }).click();
      await page.waitForURL(`**/orders/${order!.number}`);
      expect(await page.locator('.status').first().textContent()).toBe('Payment submitted');

      const staff = await deskPage(
        shop,
        { email: 'cashier@shop.test', password: 'counter-pass-2026' },
        '/admin/payments',
      );
      expect(await staff.locator('.proof').textContent()).toContain('ABA 1234 5678');
      // Lazy-loaded below the fold on a slow machine: wait for the picture to decode, then check it has pixels.
      const img = staff.locator('.proof img');
      await img.scrollIntoViewIfNeeded();
      await staff.waitForFunction(
        () => {
          const el = document.querySelector<HTMLImageElement>('.proof img');
          return el?.complete === true;
        },
        undefined,
        { timeout: 10_000 },
      );
      expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth > 0)).toBe(true);
      await expectAccessibleAndFits(staff);
      await staff.getByRole('button', { name: `Approve payment for ${order!.number}` }).click();
      await staff.waitForURL('**/admin/payments');
      expect(await staff.getByText(`Order ${order!.number} is paid`).isVisible()).toBe(true);
      expect((await query<{ reviewed_by: number }>('SELECT reviewed_by FROM payment_proofs'))[0]!.reviewed_by).toBe(
        staffUser.id,
      );

      await page.reload();
      expect(await page.locator('.status').first().textContent()).toBe('Paid');
      const receipt = await mailbox.waitFor('vanna@example.com', 2);
      expect(receipt.subject).toBe(`Payment received for order ${order!.number}`);
      expect(receipt.text).toContain('$109.00');
    },
  );
});
