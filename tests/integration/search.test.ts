import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { refreshProductSummary } from '../../src/modules/catalog/product-summary.service.js';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { newApp } from '../helpers/http.js';

const names = (html: string) => [...html.matchAll(/class="card-name">([^<]+)</g)].map((m) => m[1]);
const search = (q: string, lang = 'en') => request(newApp()).get('/search').query({ q }).set('Accept-Language', lang);
const found = async (q: string) => names((await search(q)).text);

/** A product with a Khmer name (the factory has none): set it, then recompute the search words. */
async function withKhmerName(p: { id: number }, nameKm: string) {
  await query('UPDATE products SET name_km = ? WHERE id = ?', [nameKm, p.id]);
  await refreshProductSummary(p.id);
}

let laptops: Awaited<ReturnType<typeof createCategory>>;
let accessories: Awaited<ReturnType<typeof createCategory>>;

beforeEach(async () => {
  laptops = await createCategory({ name: 'Laptops', slug: 'laptops', position: 1 });
  accessories = await createCategory({ name: 'Accessories', slug: 'accessories', position: 2 });
  await query('UPDATE categories SET name_km = ? WHERE id = ?', ['កុំព្យូទ័រយួរដៃ', laptops.id]);
  await query('UPDATE categories SET name_km = ? WHERE id = ?', ['គ្រឿងប្រើប្រាស់', accessories.id]);
});

async function khmerFixture() {
  const asus = await createBrand('ASUS');
  const sreypich = await createProduct({ name: 'Sreypich 14', categoryId: laptops.id, brandId: asus.id });
  await withKhmerName(sreypich, 'កុំព្យូទ័រយួរដៃ ស្រីពេជ្រ');
  // Shares letters with ស្រីពេជ្រ (ស ្ រ ី ព េ ជ ...) but not a word.
  const glue = await createProduct({ name: 'Cloud glue', categoryId: accessories.id });
  await withKhmerName(glue, 'ជ័រ សេរី ពពក');
  const gamepad = await createProduct({ name: 'Gamepad Pro', categoryId: accessories.id });
  await withKhmerName(gamepad, 'ដៃកាន់ហ្គេម');
  const lenovo = await createProduct({ name: 'Lenovo IdeaPad 1', categoryId: laptops.id });
  return { sreypich, glue, gamepad, lenovo };
}

describe('GET /search — Khmer', () => {
  it('a Khmer word of a name finds that product, not products that merely share its letters', async () => {
    await khmerFixture();
    expect(await found('ស្រីពេជ្រ')).toEqual(['Sreypich 14']);
    expect(await found('សេរី')).toEqual(['Cloud glue']);
    const km = await search('ស្រីពេជ្រ', 'km');
    expect(names(km.text)).toEqual(['កុំព្យូទ័រយួរដៃ ស្រីពេជ្រ']);
  });

  it('a compound query is segmented like the name; names rank above category matches', async () => {
    await khmerFixture();
    // Both laptops are in the Laptops category (កុំព្យូទ័រយួរដៃ); the one whose name says it comes first.
    expect(await found('កុំព្យូទ័រយួរដៃ')).toEqual(['Sreypich 14', 'Lenovo IdeaPad 1']);
    expect(await found('កុំព្យូទ័រ')).toEqual(['Sreypich 14', 'Lenovo IdeaPad 1']);
  });

  it('mixed Khmer and Latin queries need both words', async () => {
    await khmerFixture();
    expect(await found('ASUS កុំព្យូទ័រ')).toEqual(['Sreypich 14']);
    expect(await found('lenovo កុំព្យូទ័រ')).toEqual(['Lenovo IdeaPad 1']);
  });

  it('a Khmer word shorter than the index minimum (ដៃ, 2 code points) is found whole', async () => {
    await khmerFixture();
    expect(await found('ដៃ')).toEqual(['Gamepad Pro']);
    expect(await found('ដៃកាន់ហ្គេម')).toEqual(['Gamepad Pro']);
  });
});

async function specsFixture() {
  const type = await createProductType('laptop', [
    { code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' },
    { code: 'storage', name: 'Storage', dataType: 'number', unit: 'GB' },
    { code: 'cpu', name: 'Processor' },
    { code: 'refresh', name: 'Refresh rate', dataType: 'number', unit: 'Hz' },
  ]);
  const attr = (code: string) => type.attributes.find((a) => a.code === code)!.id;
  const asus = await createBrand('ASUS');
  const lenovo = await createBrand('Lenovo');
  const make = (name: string, brandId: number, ram: string, cpu: string, extra: { storage?: string; hz?: string }) =>
    createProduct({
      name,
      categoryId: laptops.id,
      brandId,
      productTypeId: type.id,
      variants: [{ price: '900.00', options: extra.storage ? { Storage: extra.storage } : {} }],
      specs: [
        { attributeId: attr('ram'), value: ram, number: ram },
        { attributeId: attr('cpu'), value: cpu },
        ...(extra.hz ? [{ attributeId: attr('refresh'), value: extra.hz, number: extra.hz }] : []),
      ],
    });
  await make('ASUS Vivobook 15 X1504VA', asus.id, '16', 'Intel Core i7-1355U', { storage: '1 TB' });
  await make('ASUS TUF Gaming A15', asus.id, '16', 'AMD Ryzen 7 7735HS', { hz: '144' });
  await make('Lenovo ThinkPad E14', lenovo.id, '8', 'Intel Core i7-1355U', { storage: '512 GB' });
  await make('Lenovo IdeaPad Slim 5', lenovo.id, '32', 'AMD Ryzen 5 7530U', {});
}

describe('GET /search — specs and CPUs', () => {
  it('a number with a unit matches spec values and variant options, however it is written', async () => {
    await specsFixture();
    const sixteen = ['ASUS TUF Gaming A15', 'ASUS Vivobook 15 X1504VA'];
    expect((await found('16gb')).sort()).toEqual(sixteen);
    expect((await found('16 gb')).sort()).toEqual(sixteen);
    expect((await found('16GB RAM')).sort()).toEqual(sixteen);
    expect(await found('1tb')).toEqual(['ASUS Vivobook 15 X1504VA']);
    expect(await found('144hz')).toEqual(['ASUS TUF Gaming A15']);
  });

  it('CPU families and models match: i7, ryzen 5, i7 16gb', async () => {
    await specsFixture();
    expect((await found('i7')).sort()).toEqual(['ASUS Vivobook 15 X1504VA', 'Lenovo ThinkPad E14']);
    expect(await found('i7 16gb')).toEqual(['ASUS Vivobook 15 X1504VA']);
    expect(await found('ryzen 5')).toEqual(['Lenovo IdeaPad Slim 5']);
    expect(await found('ryzen 7')).toEqual(['ASUS TUF Gaming A15']);
    expect(await found('1355u')).toHaveLength(2);
  });
});

describe('GET /search — typos', () => {
  it('a misspelt series finds nothing, so the corrected search is shown with a way back', async () => {
    await specsFixture();
    const res = await search('vivobok');
    expect(res.status).toBe(200);
    expect(names(res.text)).toEqual(['ASUS Vivobook 15 X1504VA']);
    expect(res.text).toContain('data-corrected-query="vivobook"');
    expect(res.text).toContain('Showing results for');
    expect(res.text).toContain('href="/search?q=vivobok&amp;exact=1"');
    expect(await found('thinkpd')).toEqual(['Lenovo ThinkPad E14']);
    expect(await found('lenvo thinkpad')).toEqual(['Lenovo ThinkPad E14']);
  });

  it('in Khmer, the message is in Khmer', async () => {
    await specsFixture();
    const res = await search('vivobok', 'km');
    expect(res.text).toContain('កំពុងបង្ហាញលទ្ធផលសម្រាប់');
    expect(res.text).toContain('ស្វែងរកតាមពាក្យដែលអ្នកបានវាយវិញ');
  });

  it('"Search instead for" (exact=1) searches as typed, and known words are never corrected', async () => {
    await specsFixture();
    const exact = await request(newApp()).get('/search?q=vivobok&exact=1').set('Accept-Language', 'en');
    expect(names(exact.text)).toEqual([]);
    expect(exact.text).toContain('No products found for “vivobok”');
    expect(exact.text).not.toContain('data-corrected-query');
    const plain = await search('lenovo');
    expect(plain.text).not.toContain('search-correction');
    const nothing = await search('xylophone');
    expect(nothing.text).toContain('No products found for “xylophone”');
  });
});

describe('GET /search — odd queries', () => {
  it('stopwords only, punctuation only, SQL-ish or operator characters: a page, never a 500', async () => {
    await specsFixture();
    for (const q of ['the', '%%%', '+-<>()~*"@', "' OR 1=1 --", '"unclosed', 'a'.repeat(300), '\u0000', '*']) {
      const res = await search(q);
      expect(res.status, q).toBe(200);
    }
    expect(await found("x'; DROP TABLE products; --")).toEqual([]);
    expect(await query('SELECT id FROM products')).toHaveLength(4);
  });
});

describe('GET /search/suggest', () => {
  it('suggests categories and products while typing, with price, link and picture, in the visitor’s language', async () => {
    await khmerFixture();
    const res = await request(newApp()).get('/search/suggest?q=sreyp').set('Accept-Language', 'en');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    expect(res.body).toEqual({
      q: 'sreyp',
      items: [
        { kind: 'product', name: 'Sreypich 14', url: expect.stringMatching(/^\/p\//), price: '$10.00', image: null },
      ],
    });
    const km = await request(newApp()).get('/search/suggest').query({ q: 'ស្រី' }).set('Accept-Language', 'km');
    expect(km.body.items.map((i: { name: string }) => i.name)).toEqual(['កុំព្យូទ័រយួរដៃ ស្រីពេជ្រ']);
    const cats = await request(newApp()).get('/search/suggest').query({ q: 'lap' }).set('Accept-Language', 'km');
    expect(cats.body.items[0]).toEqual({ kind: 'category', name: 'កុំព្យូទ័រយួរដៃ', url: '/c/laptops' });
  });

  it('a short unfinished last word is a prefix; a typo still gets suggestions', async () => {
    await specsFixture();
    const get = (q: string) => request(newApp()).get('/search/suggest').query({ q });
    const names = async (q: string) => (await get(q)).body.items.map((i: { name: string }) => i.name);
    expect(await names('lenovo th')).toEqual(['Lenovo ThinkPad E14']);
    expect(await names('vivobok')).toEqual(['ASUS Vivobook 15 X1504VA']);
  });

  it('gives at most eight items, and none for an empty query', async () => {
    for (let i = 0; i < 12; i++) await createProduct({ name: `Laptop stand ${i + 1}`, categoryId: accessories.id });
    const many = await request(newApp()).get('/search/suggest?q=laptop');
    expect(many.body.items.length).toBe(8);
    expect(many.body.items[0]).toMatchObject({ kind: 'category', url: '/c/laptops' });
    expect((await request(newApp()).get('/search/suggest?q=')).body).toEqual({ q: '', items: [] });
    expect((await request(newApp()).get('/search/suggest')).body).toEqual({ q: '', items: [] });
  });

  it('hostile input — arrays, huge, punctuation, SQL-ish, control characters — is a 2xx, never a 500', async () => {
    await specsFixture();
    const paths = [
      '/search/suggest?q[]=a',
      '/search/suggest?q=a&q=b',
      '/search/suggest?q[x]=1',
      `/search/suggest?q=${'x'.repeat(5000)}`,
      '/search/suggest?q=%25%00',
      '/search/suggest?q=%27%20OR%201%3D1%20--',
      '/search/suggest?q=%2B%2D%3C%3E%28%29%7E%2A%22%40',
      '/search/suggest?q=%E0%A4',
    ];
    for (const path of paths) {
      const res = await request(newApp()).get(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.status, path).toBe(200);
      expect(res.body.items.length, path).toBeLessThanOrEqual(8);
    }
    const long = await request(newApp()).get(`/search/suggest?q=${'vivobook '.repeat(40)}`);
    expect(long.body.q.length).toBeLessThanOrEqual(100);
  });

  it('10 parallel requests all answer', async () => {
    await specsFixture();
    const app = newApp();
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(app)
          .get('/search/suggest')
          .query({ q: i % 2 ? 'asus' : 'i7 16' }),
      ),
    );
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(all[1]!.body.items.length).toBeGreaterThan(0);
  });
});
