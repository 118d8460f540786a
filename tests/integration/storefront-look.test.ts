import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { csrfFrom, newApp } from '../helpers/http.js';
import { addToCart } from '../helpers/shop.js';

const names = (html: string) => [...html.matchAll(/class="card-name">([^<]+)</g)].map((m) => m[1]);
const section = (html: string, id: string) => names(html.split(`id="${id}"`)[1]?.split('</section>')[0] ?? '');

async function withImages(productId: number, keys: string[]) {
  for (const [i, key] of keys.entries())
    await query(
      'INSERT INTO product_images (product_id, file_key, width, height, alt, position) VALUES (?, ?, 800, 600, ?, ?)',
      [productId, key, `View ${i + 1}`, i],
    );
  await query('UPDATE products SET primary_image = ? WHERE id = ?', [keys[0], productId]);
}

describe('home page look', () => {
  it('shows category tiles with the best seller picture and never repeats a product between deals and featured', async () => {
    const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const sub = await createCategory({ name: 'Gaming', slug: 'gaming', parentId: laptops.id });
    const mice = await createCategory({ name: 'Mice', slug: 'mice' });
    const best = await createProduct({
      name: 'Best Seller Laptop',
      categoryId: sub.id,
      featured: true,
      variants: [{ price: '500.00', compareAtPrice: '600.00', stock: 4 }],
    });
    const other = await createProduct({ name: 'Quiet Laptop', categoryId: laptops.id, featured: true });
    await createProduct({ name: 'Plain Mouse', categoryId: mice.id });
    await withImages(best.id, ['bestkey']);
    await withImages(other.id, ['otherkey']);
    await query('UPDATE products SET sold_count = 50 WHERE id = ?', [best.id]);
    const res = await request(newApp()).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<a href="\/c\/laptops">\s*<img src="\/media\/products\/bestkey-sm\.webp"/);
    expect(res.text).toMatch(/<span class="tile-name">Laptops<\/span>\s*<span class="tile-count">2 products<\/span>/);
    expect(res.text).toMatch(/<a href="\/c\/mice">\s*<span class="no-image"/);
    const deals = section(res.text, 'h-deals');
    const featured = section(res.text, 'h-featured');
    expect(deals).toEqual(['Best Seller Laptop']);
    expect(featured).toEqual(['Quiet Laptop']);
    expect(deals.filter((n) => featured.includes(n))).toEqual([]);
  });
});

describe('product page look', () => {
  it('has thumbnails linking to each photo, a zoom link to the large size, delivery fees and the shop stock', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const p = await createProduct({
      name: 'Gallery Laptop',
      categoryId: cat.id,
      variants: [{ price: '700.00', stock: 9 }],
    });
    await withImages(p.id, ['aaa111', 'bbb222', 'ccc333']);
    await query(
      "INSERT INTO settings (`key`, value) VALUES ('deliveryFeePhnomPenh', '2.00'), ('deliveryFeeProvinces', '4.50')",
    );
    const res = await request(newApp()).get(`/p/${p.slug}`);
    expect(res.status).toBe(200);
    for (const [i, key] of ['aaa111', 'bbb222', 'ccc333'].entries()) {
      expect(res.text).toMatch(
        new RegExp(
          `<a href="#img-${i + 1}" data-thumb[^>]*><img src="/media/products/${key}-sm\\.webp"[^>]*alt="Photo ${i + 1} of 3"`,
        ),
      );
      expect(res.text).toContain(`<li id="img-${i + 1}">`);
      expect(res.text).toContain(`<a class="zoom" href="/media/products/${key}-lg.webp" data-zoom>`);
    }
    expect(res.text).toMatch(
      /class="gallery-stage" role="region" tabindex="0" aria-label="Photos of Gallery Laptop \(3\)"/,
    );
    expect(res.text).not.toContain('Photo 1</a>');
    expect(res.text).toMatch(/Delivery in Phnom Penh<\/dt><dd><strong>\$2\.00<\/strong> · same or next day/);
    expect(res.text).toMatch(/Delivery to the provinces<\/dt><dd><strong>\$4\.50<\/strong> · 2–3 days/);
    expect(res.text).toContain('In stock at the shop (Phnom Penh)');
    expect(res.text).toContain('9 available to order online');
    expect(res.text).toMatch(/<div class="sticky-buy" data-sticky-buy>[\s\S]*\$700\.00[\s\S]*form="buy-form"/);
    expect(res.text).toContain('<script src="/static/js/product.js" defer></script>');
  });

  it('in Khmer: the Khmer name is the heading and the English model name sits below it', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const p = await createProduct({ name: 'Acer Swift Go 14', categoryId: cat.id });
    await query('UPDATE products SET name_km = ? WHERE id = ?', ['កុំព្យូទ័រយួរដៃ Acer Swift Go 14', p.id]);
    const res = await request(newApp()).get(`/p/${p.slug}`).set('Cookie', 'lang=km');
    expect(res.text).toContain('<h1>កុំព្យូទ័រយួរដៃ Acer Swift Go 14</h1>');
    expect(res.text).toContain('<p class="name-en" lang="en">Acer Swift Go 14</p>');
    const en = await request(newApp()).get(`/p/${p.slug}`);
    expect(en.text).not.toContain('class="name-en"');
  });
});

describe('cart look', () => {
  it('"Update cart" saves every quantity in one post (0 removes a line); a bad quantity changes nothing', async () => {
    const cat = await createCategory({ name: 'Parts', slug: 'parts' });
    const a = await createProduct({ name: 'Part A', categoryId: cat.id, variants: [{ price: '10.00', stock: 20 }] });
    const b = await createProduct({ name: 'Part B', categoryId: cat.id, variants: [{ price: '5.00', stock: 20 }] });
    const c = await createProduct({ name: 'Part C', categoryId: cat.id, variants: [{ price: '2.00', stock: 2 }] });
    const agent = request.agent(newApp());
    await addToCart(agent, a.variants[0]!.id, 1);
    await addToCart(agent, b.variants[0]!.id, 1);
    await addToCart(agent, c.variants[0]!.id, 1);
    const items = () =>
      query<{ id: number; variant_id: number; quantity: number }>(
        'SELECT id, variant_id, quantity FROM cart_items ORDER BY id',
      );
    const [ia, ib, ic] = await items();
    const page = await agent.get('/cart');
    expect(page.text).toContain('action="/cart/update"');
    expect(page.text).toContain(`name="qty-${ia!.id}"`);
    expect(page.text).toContain('class="card cart-summary"');
    expect(page.text).toMatch(/Total with delivery in Phnom Penh<\/dt><dd><strong>\$18\.50<\/strong>/); // 17 + 1.50
    const _csrf = await csrfFrom(agent, '/cart');
    const bad = await agent
      .post('/cart/update')
      .type('form')
      .send({ _csrf, [`qty-${ia!.id}`]: '4', [`qty-${ib!.id}`]: 'lots' });
    expect(bad.status).toBe(303);
    expect((await items()).map((i) => i.quantity)).toEqual([1, 1, 1]);
    const res = await agent
      .post('/cart/update')
      .type('form')
      .send({ _csrf, [`qty-${ia!.id}`]: '3', [`qty-${ib!.id}`]: '0', [`qty-${ic!.id}`]: '5' });
    expect(res.status).toBe(303);
    expect(await items()).toMatchObject([
      { id: ia!.id, quantity: 3 },
      { id: ic!.id, quantity: 2 }, // capped by the stock of 2
    ]);
    expect((await agent.get('/cart')).text).toContain('Some quantities were lowered to the stock we have.');
  });
});
