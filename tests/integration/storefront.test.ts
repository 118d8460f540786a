import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { createUser, loginAs, newApp } from '../helpers/http.js';
import { query } from '../helpers/db.js';

let laptops: Awaited<ReturnType<typeof createCategory>>;
let gaming: Awaited<ReturnType<typeof createCategory>>;
let memory: Awaited<ReturnType<typeof createCategory>>;
let asus: Awaited<ReturnType<typeof createBrand>>;
let lenovo: Awaited<ReturnType<typeof createBrand>>;
let laptopType: Awaited<ReturnType<typeof createProductType>>;

beforeEach(async () => {
  laptops = await createCategory({ name: 'Laptops', slug: 'laptops', position: 1 });
  gaming = await createCategory({ name: 'Gaming Laptops', slug: 'gaming-laptops', parentId: laptops.id });
  memory = await createCategory({ name: 'Memory', slug: 'memory', position: 2 });
  asus = await createBrand('Asus');
  lenovo = await createBrand('Lenovo');
  laptopType = await createProductType('laptop', [
    { code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' },
    { code: 'cpu', name: 'CPU' },
  ]);
});

const ram = () => laptopType.attributes.find((a) => a.code === 'ram')!.id;
const cpu = () => laptopType.attributes.find((a) => a.code === 'cpu')!.id;
const names = (html: string) => [...html.matchAll(/class="card-name">([^<]+)</g)].map((m) => m[1]);

async function laptopsFixture() {
  const tuf = await createProduct({
    name: 'ASUS TUF Gaming A15',
    categoryId: gaming.id,
    brandId: asus.id,
    productTypeId: laptopType.id,
    featured: true,
    variants: [
      {
        sku: 'ASU-TUF-A15-16',
        price: '899.00',
        compareAtPrice: '999.00',
        stock: 2,
        lowStockThreshold: 3,
        options: { RAM: '16 GB' },
      },
      { sku: 'ASU-TUF-A15-32', price: '1049.00', stock: 10, options: { RAM: '32 GB' } },
    ],
    specs: [
      { attributeId: ram(), value: '16', number: '16' },
      { attributeId: cpu(), value: 'Ryzen 7 7735HS' },
    ],
  });
  const legion = await createProduct({
    name: 'Lenovo Legion 5',
    categoryId: gaming.id,
    brandId: lenovo.id,
    productTypeId: laptopType.id,
    variants: [{ sku: 'LEN-LEG5', price: '1399.00', stock: 0 }],
    specs: [
      { attributeId: ram(), value: '32', number: '32' },
      { attributeId: cpu(), value: 'Core i7-13700H' },
    ],
  });
  const ideapad = await createProduct({
    name: 'Lenovo IdeaPad Slim 3',
    categoryId: laptops.id,
    brandId: lenovo.id,
    productTypeId: laptopType.id,
    variants: [{ sku: 'LEN-IP3', price: '479.00', stock: 20 }],
    specs: [
      { attributeId: ram(), value: '8', number: '8' },
      { attributeId: cpu(), value: 'Core i5-1235U' },
    ],
  });
  const draft = await createProduct({
    name: 'Secret Prototype Laptop',
    categoryId: laptops.id,
    brandId: asus.id,
    status: 'draft',
    variants: [{ sku: 'DRAFT-1', price: '5.00' }],
  });
  const ramStick = await createProduct({
    name: 'Kingston FURY Beast 16GB DDR5',
    categoryId: memory.id,
    variants: [{ sku: 'KF556C40BB-16', barcode: '0740617330960', price: '59.00', stock: 30 }],
  });
  return { tuf, legion, ideapad, draft, ramStick };
}

describe('GET / (home)', () => {
  it('shows top categories, featured products, deals and new arrivals — never drafts', async () => {
    await laptopsFixture();
    const res = await request(newApp()).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/c/laptops"');
    // Featured and on sale: shown once, in the deals row (which comes first).
    const section = (id: string) => names(res.text.split(`id="${id}"`)[1]?.split('</section>')[0] ?? '');
    expect(section('h-deals')).toContain('ASUS TUF Gaming A15');
    expect(section('h-featured')).not.toContain('ASUS TUF Gaming A15');
    expect(res.text).toContain('Kingston FURY Beast 16GB DDR5');
    expect(res.text).not.toContain('Secret Prototype');
  });

  it('does not offer a category with nothing to sell in it (its page still answers)', async () => {
    await laptopsFixture();
    await createCategory({ name: 'Fax Machines', slug: 'fax-machines' });
    const home = await request(newApp()).get('/');
    expect(home.text).toContain('href="/c/laptops"');
    expect(home.text).not.toContain('href="/c/fax-machines"');
    expect((await request(newApp()).get('/c/fax-machines')).status).toBe(200);
  });
});

describe('GET /c/:slug (category listing)', () => {
  it('lists the whole subtree, counts subcategories, and hides drafts and other categories', async () => {
    await laptopsFixture();
    const res = await request(newApp()).get('/c/laptops');
    expect(res.status).toBe(200);
    expect(names(res.text).sort()).toEqual(['ASUS TUF Gaming A15', 'Lenovo IdeaPad Slim 3', 'Lenovo Legion 5']);
    expect(res.text).toContain('3 products');
    expect(res.text).toMatch(/href="\/c\/gaming-laptops">Gaming Laptops<\/a> <span class="count">\(2\)/);
    expect(res.text).toMatch(/value="lenovo"> Lenovo <span class="count">\(2\)/);
    expect(res.text).toMatch(/value="asus"> Asus <span class="count">\(1\)/);
  });

  it('filters by brand and price range together; brand counts ignore the brand filter itself', async () => {
    await laptopsFixture();
    const res = await request(newApp()).get('/c/laptops?brand=lenovo&min=400&max=1000');
    expect(names(res.text)).toEqual(['Lenovo IdeaPad Slim 3']);
    expect(res.text).toMatch(/value="asus"> Asus <span class="count">\(1\)/);
    expect(res.text).toMatch(/value="lenovo" checked> Lenovo <span class="count">\(1\)/);
  });

  it('filters in-stock only, and by a spec value with counts', async () => {
    await laptopsFixture();
    const stock = await request(newApp()).get('/c/gaming-laptops?instock=1');
    expect(names(stock.text)).toEqual(['ASUS TUF Gaming A15']);
    // The TUF comes with 16 or 32 GB (its variants' RAM), the Legion with 32 GB.
    const spec = await request(newApp()).get('/c/laptops?s_ram=32');
    expect(names(spec.text).sort()).toEqual(['ASUS TUF Gaming A15', 'Lenovo Legion 5']);
    // RAM values keep their counts under their own filter, ordered numerically (RAM is a from–to range)
    expect(spec.text).toMatch(
      /<select id="r-ram-min" name="r_ram_min">\s*<option value="">Any<\/option>\s*<option value="8">8 GB \(1\)<\/option><option value="16">16 GB \(1\)<\/option><option value="32">32 GB \(2\)<\/option>/,
    );
    // The chosen value shows as a chip (and stays in the form)
    expect(spec.text).toContain('<input type="hidden" name="s_ram" value="32">');
    expect(spec.text).toContain('RAM: 32 GB <span class="chip-x"');
    expect(names((await request(newApp()).get('/c/laptops?s_ram=16')).text)).toEqual(['ASUS TUF Gaming A15']);
  });

  it('sorts by price both ways and by newest', async () => {
    await laptopsFixture();
    expect(names((await request(newApp()).get('/c/laptops?sort=price_asc')).text)).toEqual([
      'Lenovo IdeaPad Slim 3',
      'ASUS TUF Gaming A15',
      'Lenovo Legion 5',
    ]);
    expect(names((await request(newApp()).get('/c/laptops?sort=price_desc')).text)).toEqual([
      'Lenovo Legion 5',
      'ASUS TUF Gaming A15',
      'Lenovo IdeaPad Slim 3',
    ]);
    await query("UPDATE products SET created_at = NOW() + INTERVAL 1 DAY WHERE name = 'Lenovo Legion 5'");
    expect(names((await request(newApp()).get('/c/laptops?sort=newest')).text)[0]).toBe('Lenovo Legion 5');
  });

  it('paginates 24 per page and keeps the filters in the page links', async () => {
    for (let i = 0; i < 26; i++)
      await createProduct({
        name: `Budget Laptop ${i}`,
        categoryId: laptops.id,
        brandId: lenovo.id,
        variants: [{ price: `${300 + i}.00` }],
      });
    const first = await request(newApp()).get('/c/laptops?brand=lenovo&sort=price_asc');
    expect(names(first.text)).toHaveLength(24);
    expect(first.text).toContain('href="/c/laptops?brand=lenovo&amp;sort=price_asc&amp;page=2"');
    const second = await request(newApp()).get('/c/laptops?brand=lenovo&sort=price_asc&page=2');
    expect(names(second.text)).toEqual(['Budget Laptop 24', 'Budget Laptop 25']);
  });

  it('ignores malformed filter values instead of failing', async () => {
    await laptopsFixture();
    const res = await request(newApp()).get('/c/laptops?min=abc&page=-4&sort=evil&brand=');
    expect(res.status).toBe(200);
    expect(names(res.text)).toHaveLength(3);
  });

  it('an unknown or deactivated category is a 404', async () => {
    expect((await request(newApp()).get('/c/nope')).status).toBe(404);
    await query('UPDATE categories SET is_active = 0 WHERE id = ?', [laptops.id]);
    expect((await request(newApp()).get('/c/gaming-laptops')).status).toBe(404);
  });
});

describe('GET /search', () => {
  it('a SKU finds its product first', async () => {
    await laptopsFixture();
    await createProduct({
      name: 'Laptop sleeve for LEN-IP3 owners',
      categoryId: memory.id,
      variants: [{ price: '9.00' }],
    });
    const res = await request(newApp()).get('/search?q=LEN-IP3');
    expect(names(res.text)[0]).toBe('Lenovo IdeaPad Slim 3');
    const barcode = await request(newApp()).get('/search?q=0740617330960');
    expect(names(barcode.text)).toEqual(['Kingston FURY Beast 16GB DDR5']);
  });

  it('ranks name matches, finds partial words and brand names, and never drafts', async () => {
    await laptopsFixture();
    const res = await request(newApp()).get('/search?q=gaming+laptop');
    expect(names(res.text)).toContain('ASUS TUF Gaming A15');
    expect(res.text).not.toContain('Secret Prototype');
    expect(names((await request(newApp()).get('/search?q=gam')).text)).toContain('ASUS TUF Gaming A15');
    expect(names((await request(newApp()).get('/search?q=lenovo')).text).sort()).toEqual([
      'Lenovo IdeaPad Slim 3',
      'Lenovo Legion 5',
    ]);
  });

  it('finds short tokens (i7) and spec values', async () => {
    await laptopsFixture();
    expect(names((await request(newApp()).get('/search?q=i7')).text)).toEqual(['Lenovo Legion 5']);
    expect(names((await request(newApp()).get('/search?q=ryzen')).text)).toEqual(['ASUS TUF Gaming A15']);
  });

  it('with no results — says so and suggests categories', async () => {
    await laptopsFixture();
    const res = await request(newApp()).get('/search?q=espresso+machine');
    expect(res.status).toBe(200);
    expect(res.text).toContain('No products found for “espresso machine”');
    expect(res.text).toContain('Browse our categories');
    expect(res.text).toContain('href="/c/laptops"');
  });
});

describe('GET /p/:slug (product page)', () => {
  it('shows price in USD and riel, discount, variants, stock, specs, breadcrumbs and SEO tags', async () => {
    const { tuf } = await laptopsFixture();
    const res = await request(newApp()).get(`/p/${tuf.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>ASUS TUF Gaming A15</h1>');
    expect(res.text).toContain('$899.00');
    expect(res.text).toContain('3,685,900 ៛'); // 899 × 4100
    expect(res.text).toContain('Save 10%');
    expect(res.text).toContain('Only 2 left');
    expect(res.text).toMatch(/<th scope="row">RAM<\/th><td>16 GB<\/td>/);
    expect(res.text).toMatch(
      /<nav class="breadcrumbs"[\s\S]*href="\/c\/laptops">Laptops[\s\S]*href="\/c\/gaming-laptops">Gaming Laptops/,
    );
    expect(res.text).toContain(`<link rel="canonical" href="http://shop.test/p/${tuf.slug}">`);
    expect(res.text).toContain('<meta property="og:type" content="product">');
    expect(res.text).toContain('<title>ASUS TUF Gaming A15 · Computer Shop</title>');
    expect(res.text).toContain('Lenovo Legion 5'); // related, same category
  });

  it('?v=<sku> picks that variant', async () => {
    const { tuf } = await laptopsFixture();
    const res = await request(newApp()).get(`/p/${tuf.slug}?v=ASU-TUF-A15-32`);
    expect(res.text).toContain('<strong class="price-usd">$1,049.00</strong>');
    expect(res.text).toContain('In stock');
    expect(res.text).toMatch(/class="variant selected"[^>]*aria-current="true"><span>32 GB/);
  });

  it('an out-of-stock product says so', async () => {
    const { legion } = await laptopsFixture();
    expect((await request(newApp()).get(`/p/${legion.slug}`)).text).toContain('Out of stock');
  });

  it('a draft is 404 for visitors and customers, visible to staff with a preview note', async () => {
    const { draft } = await laptopsFixture();
    expect((await request(newApp()).get(`/p/${draft.slug}`)).status).toBe(404);
    const app = newApp();
    const customer = await loginAs(app, await createUser());
    expect((await customer.get(`/p/${draft.slug}`)).status).toBe(404);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const page = await staff.get(`/p/${draft.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Staff preview');
    expect(page.text).toContain('<meta name="robots" content="noindex">');
  });

  it('renders the Markdown description safely', async () => {
    const p = await createProduct({
      name: 'Risky',
      categoryId: laptops.id,
      description: '**Bold** <script>alert(1)</script> [x](javascript:alert(1))',
    });
    const res = await request(newApp()).get(`/p/${p.slug}`);
    expect(res.text).toContain('<strong>Bold</strong>');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;');
    expect(res.text).not.toContain('href="javascript:');
  });

  it('in Khmer, shows the Khmer name and riel', async () => {
    const { tuf } = await laptopsFixture();
    await query('UPDATE products SET name_km = ? WHERE id = ?', ['កុំព្យូទ័រ ASUS TUF', tuf.id]);
    const agent = request.agent(newApp());
    await agent.get('/lang/km');
    const res = await agent.get(`/p/${tuf.slug}`);
    expect(res.text).toContain('<h1>កុំព្យូទ័រ ASUS TUF</h1>');
    expect(res.text).toContain('នៅសល់តែ 2');
  });
});

describe('sitemap and robots', () => {
  it('/sitemap.xml indexes category and product sitemaps; products list only active ones', async () => {
    const { tuf, draft } = await laptopsFixture();
    const index = await request(newApp()).get('/sitemap.xml');
    expect(index.headers['content-type']).toContain('application/xml');
    expect(index.text).toContain('<loc>http://shop.test/sitemap-products-1.xml</loc>');
    const products = await request(newApp()).get('/sitemap-products-1.xml');
    expect(products.text).toContain(`<loc>http://shop.test/p/${tuf.slug}</loc>`);
    expect(products.text).not.toContain(draft.slug);
    const cats = await request(newApp()).get('/sitemap-categories.xml');
    expect(cats.text).toContain('<loc>http://shop.test/c/gaming-laptops</loc>');
  });

  it('/robots.txt keeps crawlers out of private pages and names the sitemap', async () => {
    const res = await request(newApp()).get('/robots.txt');
    expect(res.text).toContain('Disallow: /admin');
    expect(res.text).toContain('Sitemap: http://shop.test/sitemap.xml');
  });
});
