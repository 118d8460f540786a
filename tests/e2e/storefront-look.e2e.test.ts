import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { expectAccessibleAndFits, phonePage, useShop, type Shop } from '../helpers/browser.js';
import { storeImage } from '../../src/lib/images/image-store.js';
import { query } from '../helpers/db.js';

const shop: Shop = useShop({ CATALOG_CACHE_SECONDS: '0', UPLOAD_DIR: process.env.UPLOAD_DIR ?? 'var/uploads' });

const picture = async (width: number, height: number, background: string) =>
  storeImage(
    await sharp({ create: { width, height, channels: 3, background } })
      .png()
      .toBuffer(),
  );

async function lookShop() {
  const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const mice = await createCategory({ name: 'Mice', slug: 'mice' });
  const photos = [
    await picture(800, 600, '#0b5cad'),
    await picture(800, 600, '#11683a'),
    await picture(600, 800, '#8a5a00'),
  ];
  const laptop = await createProduct({
    name: 'Acer TravelMate P2 TMP214-55',
    categoryId: laptops.id,
    featured: true,
    description: 'A light business laptop with a **14-inch** screen.',
    variants: [
      { sku: 'ACR-P2-8', price: '669.00', compareAtPrice: '749.00', stock: 8, options: { RAM: '8 GB' } },
      { sku: 'ACR-P2-16', price: '713.00', stock: 3, options: { RAM: '16 GB' } },
    ],
  });
  await query('UPDATE products SET name_km = ? WHERE id = ?', ['កុំព្យូទ័រយួរដៃ Acer TravelMate P2 TMP214-55', laptop.id]);
  for (const [i, img] of photos.entries())
    await query(
      'INSERT INTO product_images (product_id, file_key, width, height, alt, position) VALUES (?, ?, ?, ?, ?, ?)',
      [laptop.id, img.key, img.width, img.height, `Acer TravelMate P2, view ${i + 1}`, i],
    );
  await query('UPDATE products SET primary_image = ? WHERE id = ?', [photos[0]!.key, laptop.id]);
  const mouse = await createProduct({
    name: 'Logitech MX Master 3S',
    categoryId: mice.id,
    featured: true,
    variants: [{ price: '99.00', stock: 12 }],
  });
  await query('UPDATE products SET primary_image = ? WHERE id = ?', [photos[2]!.key, mouse.id]);
  const banner = await picture(1280, 400, '#f5a623');
  await query(
    `INSERT INTO banners (title, title_km, subtitle, subtitle_km, image_key, link_url, position)
     VALUES ('Back to school', 'ត្រឡប់ទៅសាលារៀនវិញ', 'Laptops from $399', 'កុំព្យូទ័រយួរដៃចាប់ពី $399', ?, '/c/laptops', 0),
            ('Gaming week', 'សប្តាហ៍ហ្គេម', NULL, NULL, ?, '/c/mice', 1)`,
    [banner.key, photos[1]!.key],
  );
  return { laptop, mouse };
}

async function deskPage(): Promise<Page> {
  const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** With SHOTS_DIR set, full-page screenshots for a person to look at (not part of the assertions). */
async function shot(page: Page, name: string) {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png`, fullPage: true });
}

async function inKhmer(page: Page) {
  await page.goto(`${shop.server.baseUrl}/lang/km?next=/`);
}

describe('the storefront look at 1280 and 390 px, in English and Khmer', () => {
  it('home, product and cart are axe-clean and never scroll sideways; gallery, lightbox and sticky bar work', async () => {
    const { laptop, mouse } = await lookShop();
    for (const width of [1280, 390]) {
      for (const lang of ['en', 'km']) {
        const page = width === 390 ? await phonePage(shop.browser) : await deskPage();
        if (lang === 'km') await inKhmer(page);
        const where = `${width} ${lang}`;

        await page.goto(`${shop.server.baseUrl}/`);
        expect(await page.locator('.hero-slide').count(), where).toBe(2);
        expect(await page.locator('.category-tiles img').count(), where).toBe(2);
        await expectAccessibleAndFits(page);
        await shot(page, `home-${width}-${lang}`);
        if (width === 390) {
          // The first products start within the first screen and a half.
          const top = await page
            .locator('.product-card')
            .first()
            .evaluate((el) => el.getBoundingClientRect().top);
          expect(top, where).toBeLessThan(1000);
        }

        await page.goto(`${shop.server.baseUrl}/p/${laptop.slug}`);
        await expectAccessibleAndFits(page);
        await shot(page, `product-${width}-${lang}`);
        // A thumbnail shows its photo inside the strip.
        await page.locator('[data-thumb]').nth(1).click();
        await expect.poll(() => page.locator('[data-thumb]').nth(1).getAttribute('aria-current')).toBe('true');
        await expect
          .poll(() => page.locator('.gallery-stage').evaluate((el) => Math.round(el.scrollLeft / el.clientWidth)))
          .toBe(1);
        // The photo opens in a lightbox that Escape closes, giving focus back to the photo.
        const zoom = page.locator('[data-zoom]').nth(1);
        await zoom.click();
        const dialog = page.locator('dialog.lightbox');
        await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
        expect(await dialog.locator('img').getAttribute('src')).toMatch(/-lg\.webp$/);
        await expectAccessibleAndFits(page);
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
        expect(await zoom.evaluate((el) => el === document.activeElement)).toBe(true);
        await zoom.click();
        await page.locator('.lightbox-close').click();
        await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);

        const bar = page.locator('[data-sticky-buy]');
        if (width === 390) {
          // While the form is below the first screen the bar is there with the price and a working button;
          // once the form is on screen the bar steps aside. The page has room at the bottom for it.
          await page.evaluate(() => window.scrollTo(0, 0));
          await expect.poll(() => bar.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
          await expect
            .poll(async () => {
              const b = await bar.boundingBox();
              return b ? Math.round(b.y + b.height) : 0;
            })
            .toBe(844);
          const box = (await bar.boundingBox())!;
          expect(await bar.textContent()).toContain('$669.00');
          const padding = await page.evaluate(() => parseFloat(getComputedStyle(document.body).paddingBottom));
          expect(padding).toBeGreaterThanOrEqual(box.height);
          await bar.getByRole('button').click();
          await expect.poll(() => page.locator('[data-cart-count]').first().textContent()).toBe('1');
          await page.locator('#buy-form button[type=submit]').scrollIntoViewIfNeeded();
          await expect.poll(() => bar.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
        } else {
          expect(await bar.isVisible()).toBe(false);
          await page.locator('#buy-form button[type=submit]').click();
          await expect.poll(() => page.locator('[data-cart-count]').first().textContent()).toBe('1');
        }
        await page.goto(`${shop.server.baseUrl}/p/${mouse.slug}`);
        await page.locator('#buy-form button[type=submit]').click();
        await expect.poll(() => page.locator('[data-cart-count]').first().textContent()).toBe('2');

        await page.goto(`${shop.server.baseUrl}/cart`);
        expect(await page.locator('.cart-line').count(), where).toBe(2);
        await expectAccessibleAndFits(page);
        await shot(page, `cart-${width}-${lang}`);
        const summary = (await page.locator('.cart-summary').boundingBox())!;
        const lines = (await page.locator('.cart-lines').boundingBox())!;
        if (width === 1280) expect(summary.x, where).toBeGreaterThan(lines.x + lines.width - 1);
        else expect(summary.y, where).toBeGreaterThan(lines.y + lines.height - 1);
        // The + button, then one "Update cart" for all lines.
        await page.locator('.stepper button').nth(1).click();
        await page.locator('.cart-form-actions button[type=submit]').click();
        await page.waitForURL('**/cart');
        expect(await page.locator('.cart-line input.qty').first().inputValue()).toBe('2');
        await page.context().close();
        await query('DELETE FROM cart_items');
      }
    }
  }, 180_000);
});
