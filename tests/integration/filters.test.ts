import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { newApp } from '../helpers/http.js';

const names = (html: string) => [...html.matchAll(/class="card-name">([^<]+)</g)].map((m) => m[1]!).sort();
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#34;/g, '"').replace(/&#39;/g, "'");
/** The active-filter chips: what each says and where its × goes. */
const chips = (html: string) =>
  [...html.matchAll(/<a class="chip" href="([^"]+)"><span class="visually-hidden">[^<]*<\/span>([^<]+) <span/g)].map(
    (m) => ({ text: decode(m[2]!), href: decode(m[1]!) }),
  );
/** A link's query as sorted "key=value" pairs, to compare links whatever their order. */
const pairs = (href: string) => [...new URL(href, 'http://x').searchParams].map(([k, v]) => `${k}=${v}`).sort();
const pathOf = (href: string) => new URL(href, 'http://x').pathname;
/** The select's options of a numeric spec range: [value, label]. */
const options = (html: string, id: string) => {
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
};

let type: Awaited<ReturnType<typeof createProductType>>;
const attr = (code: string) => type.attributes.find((a) => a.code === code)!.id;

/**
 * Five laptops: the Vivobook's RAM is its variants' (8 or 16 GB); the Zenbook says 16 GB but its only
 * variant has 8 GB (the variant wins); the Aspire has 8 GB, and a switched-off 16 GB variant.
 */
beforeEach(async () => {
  const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const gaming = await createCategory({ name: 'Gaming Laptops', slug: 'gaming-laptops', parentId: laptops.id });
  const business = await createCategory({ name: 'Business Laptops', slug: 'business-laptops', parentId: laptops.id });
  const [asus, acer, lenovo] = [await createBrand('ASUS'), await createBrand('Acer'), await createBrand('Lenovo')];
  type = await createProductType('laptop', [
    { code: 'cpu', name: 'Processor' },
    { code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' },
    { code: 'storage', name: 'Storage', dataType: 'number', unit: 'GB' },
  ]);
  const laptop = { productTypeId: type.id };
  await createProduct({
    ...laptop,
    name: 'ASUS Vivobook 15',
    categoryId: business.id,
    brandId: asus.id,
    specs: [
      { attributeId: attr('cpu'), value: 'Core i5-1335U' },
      { attributeId: attr('ram'), value: '8', number: '8' },
      { attributeId: attr('storage'), value: '512', number: '512' },
    ],
    variants: [
      { sku: 'VB-8', price: '549.00', options: { RAM: '8 GB' } },
      { sku: 'VB-16', price: '649.00', options: { RAM: '16 GB' } },
    ],
  });
  await createProduct({
    ...laptop,
    name: 'ASUS Zenbook 14',
    categoryId: business.id,
    brandId: asus.id,
    specs: [
      { attributeId: attr('cpu'), value: 'Core Ultra 5 125H' },
      { attributeId: attr('ram'), value: '16', number: '16' },
    ],
    variants: [{ sku: 'ZB-8', price: '899.00', options: { RAM: '8 GB' } }],
  });
  const aspire = await createProduct({
    ...laptop,
    name: 'Acer Aspire 3',
    categoryId: laptops.id,
    brandId: acer.id,
    specs: [
      { attributeId: attr('cpu'), value: 'Core i3-N305' },
      { attributeId: attr('storage'), value: '1000', number: '1000' },
    ],
    variants: [
      { sku: 'AA3-8', price: '399.00', options: { RAM: '8 GB' } },
      { sku: 'AA3-16', price: '449.00', options: { RAM: '16 GB' } },
    ],
  });
  await query('UPDATE variants SET is_active = 0 WHERE id = ?', [aspire.variants[1]!.id]);
  await createProduct({
    ...laptop,
    name: 'Lenovo Legion 5',
    categoryId: gaming.id,
    brandId: lenovo.id,
    specs: [
      { attributeId: attr('cpu'), value: 'Core i7-14700HX' },
      { attributeId: attr('ram'), value: '32', number: '32' },
      { attributeId: attr('storage'), value: '1000', number: '1000' },
    ],
    variants: [{ sku: 'LL5', price: '1399.00', stock: 0 }],
  });
  await createProduct({
    ...laptop,
    name: 'ASUS ROG Strix G18',
    categoryId: gaming.id,
    brandId: asus.id,
    specs: [
      { attributeId: attr('cpu'), value: 'Core i9-14900HX' },
      { attributeId: attr('ram'), value: '64', number: '64' },
    ],
    variants: [{ sku: 'ROG-18', price: '2599.00' }],
  });
});

const ALL = ['ASUS ROG Strix G18', 'ASUS Vivobook 15', 'ASUS Zenbook 14', 'Acer Aspire 3', 'Lenovo Legion 5'];

describe('numeric specs as ranges (r_<code>_min / r_<code>_max)', () => {
  it('RAM 16–32 GB takes a product by its own value or any active variant’s, never an overridden or inactive one', async () => {
    const res = await request(newApp()).get('/c/laptops?r_ram_min=16&r_ram_max=32');
    expect(res.status).toBe(200);
    // Vivobook: a 16 GB variant; Legion: its own 32 GB. Zenbook says 16 but its variant has 8; the Aspire's
    // 16 GB variant is switched off; the ROG has 64.
    expect(names(res.text)).toEqual(['ASUS Vivobook 15', 'Lenovo Legion 5']);
    expect(res.text).toContain('2 products');
    expect(names((await request(newApp()).get('/c/laptops?r_ram_min=16')).text)).toEqual([
      'ASUS ROG Strix G18',
      'ASUS Vivobook 15',
      'Lenovo Legion 5',
    ]);
    expect(names((await request(newApp()).get('/c/laptops?r_ram_max=8')).text)).toEqual([
      'ASUS Vivobook 15',
      'ASUS Zenbook 14',
      'Acer Aspire 3',
    ]);
    // Ends given the wrong way round are swapped; a 1 TB drive is 1000 GB.
    expect(names((await request(newApp()).get('/c/laptops?r_ram_min=32&r_ram_max=16')).text)).toEqual([
      'ASUS Vivobook 15',
      'Lenovo Legion 5',
    ]);
    expect(names((await request(newApp()).get('/c/laptops?r_storage_min=1000')).text)).toEqual([
      'Acer Aspire 3',
      'Lenovo Legion 5',
    ]);
  });

  it('counts stay right under a range: other groups count the range, RAM’s own values ignore it', async () => {
    const html = (await request(newApp()).get('/c/laptops?r_ram_min=16&r_ram_max=32')).text;
    expect(html).toMatch(/value="asus"> ASUS <span class="count">\(1\)/);
    expect(html).toMatch(/value="lenovo"> Lenovo <span class="count">\(1\)/);
    expect(html).not.toContain('value="acer"');
    expect(html).toMatch(/value="Core i5-1335U"> Core i5-1335U <span class="count">\(1\)/);
    expect(html).toMatch(/href="\/c\/gaming-laptops\?[^"]*">Gaming Laptops<\/a> <span class="count">\(1\)/);
    // RAM: each product once per value (the Vivobook under 8 and 16), numbers in order, the range kept.
    expect(options(html, 'r-ram-min')).toEqual([
      ['', 'Any'],
      ['8', '8 GB (3)'],
      ['16', '16 GB (1)'],
      ['32', '32 GB (1)'],
      ['64', '64 GB (1)'],
    ]);
    expect(html).toMatch(/<option value="16" selected>16 GB \(1\)<\/option>/);
    expect(html).toMatch(/<option value="32" selected>32 GB \(1\)<\/option>/);
    expect(options(html, 'r-storage-max').map((o) => o[1])).toEqual(['Any', '512 GB (1)', '1 TB (1)']);
  });

  it('a text spec and a range combine; a value filter on a number still works', async () => {
    const both = await request(newApp()).get('/c/laptops?r_ram_min=16&s_cpu=Core+i9-14900HX&s_cpu=Core+i5-1335U');
    expect(names(both.text)).toEqual(['ASUS ROG Strix G18', 'ASUS Vivobook 15']);
    expect(names((await request(newApp()).get('/c/laptops?s_ram=16')).text)).toEqual(['ASUS Vivobook 15']);
  });
});

describe('filter groups', () => {
  it('values with the most products first, six shown, the rest behind "Show N more", a chosen one always shown', async () => {
    const laptops = (await query<{ id: number }>("SELECT id FROM categories WHERE slug = 'laptops'"))[0]!;
    for (const [i, cpu] of ['Ryzen 3 7320U', 'Ryzen 5 7530U', 'Ryzen 7 7735HS', 'Celeron N4500'].entries())
      for (let n = 0; n <= i; n++)
        await createProduct({
          name: `Budget ${cpu} ${n}`,
          categoryId: laptops.id,
          productTypeId: type.id,
          specs: [{ attributeId: attr('cpu'), value: cpu }],
          variants: [{ price: `${300 + n}.00` }],
        });
    const html = (await request(newApp()).get('/c/laptops')).text;
    const group = /<legend class="visually-hidden">Processor<\/legend>([\s\S]*?)<\/fieldset>/.exec(html)![1]!;
    const [shown, more] = group.split('<details class="facet-more">');
    const cpus = (part = '') => [...part.matchAll(/name="s_cpu" value="([^"]+)"/g)].map((m) => m[1]);
    expect(cpus(shown)).toEqual([
      'Celeron N4500',
      'Ryzen 7 7735HS',
      'Ryzen 5 7530U',
      'Core i3-N305',
      'Core i5-1335U',
      'Core i7-14700HX',
    ]);
    expect(more).toContain('Show 3 more');
    expect(cpus(more)).toEqual(['Core i9-14900HX', 'Core Ultra 5 125H', 'Ryzen 3 7320U']);
    // Chosen, it moves out from behind "Show more" (checked), and its group is open and marked.
    const chosen = (await request(newApp()).get('/c/laptops?s_cpu=Core+i9-14900HX')).text;
    const chosenGroup = /<legend class="visually-hidden">Processor<\/legend>([\s\S]*?)<\/fieldset>/.exec(chosen)![1]!;
    expect(chosenGroup.split('<details class="facet-more">')[0]).toContain('value="Core i9-14900HX" checked');
    expect(chosen).toMatch(/<details class="facet" open data-selected>\s*<summary><span class="facet-name">Processor/);
  });

  it('the sort select applies on change and still has a submit button for no JavaScript, keeping the filters', async () => {
    const html = (await request(newApp()).get('/c/laptops?brand=asus&r_ram_min=16')).text;
    const sortForm = /<form method="get" action="\/c\/laptops" class="sort-form">([\s\S]*?)<\/form>/.exec(html)![1]!;
    expect(sortForm).toContain('<select id="sort" name="sort" data-autosubmit>');
    expect(sortForm).toMatch(/<button type="submit" class="button small" data-js-hide>Sort<\/button>/);
    expect(sortForm).toContain('<input type="hidden" name="brand" value="asus">');
    expect(sortForm).toContain('<input type="hidden" name="r_ram_min" value="16">');
    expect(html).toContain('<script src="/static/js/filters.js" defer></script>');
  });
});

describe('active filters as chips', () => {
  const url =
    '/c/laptops?brand=asus&brand=lenovo&min=100&max=2000&instock=1&s_cpu=Core+i5-1335U&r_ram_min=16&r_ram_max=32&sort=price_asc';

  it('each chip removes only its own filter; the sort stays; "Clear all" keeps only the sort', async () => {
    const html = (await request(newApp()).get(url)).text;
    const all = pairs(url);
    const found = chips(html);
    expect(found.map((c) => c.text)).toEqual([
      'Brand: ASUS',
      'Brand: Lenovo',
      'Price: $100.00 – $2,000.00',
      'In stock',
      'Processor: Core i5-1335U',
      'RAM: 16–32 GB',
    ]);
    const without = (...gone: string[]) => all.filter((p) => !gone.includes(p));
    expect(found.map((c) => pairs(c.href))).toEqual([
      without('brand=asus'),
      without('brand=lenovo'),
      without('min=100', 'max=2000'),
      without('instock=1'),
      without('s_cpu=Core i5-1335U'),
      without('r_ram_min=16', 'r_ram_max=32'),
    ]);
    for (const c of found) expect(pathOf(c.href)).toBe('/c/laptops');
    expect(html).toContain('<a class="chip-clear" href="/c/laptops?sort=price_asc">Clear all</a>');
    expect(html).toContain('Filters (6)');
    // Following a chip's link really drops that filter.
    const noRange = await request(newApp()).get(found[5]!.href);
    expect(chips(noRange.text).map((c) => c.text)).not.toContain('RAM: 16–32 GB');
  });

  it('open-ended ranges and prices read as such; no filters, no chips', async () => {
    const html = (await request(newApp()).get('/c/laptops?r_ram_min=16&max=700&r_storage_max=1000')).text;
    expect(chips(html).map((c) => c.text)).toEqual([
      'Price: Under $700.00',
      'RAM: 16 GB or more',
      'Storage: Up to 1 TB',
    ]);
    const plain = (await request(newApp()).get('/c/laptops')).text;
    expect(chips(plain)).toEqual([]);
    expect(plain).not.toContain('class="chips"');
    expect(plain).toMatch(/data-filter-open>Filters<\/a>/);
  });

  it('a filter that finds nothing still shows its chips, so it can be taken off', async () => {
    const html = (await request(newApp()).get('/c/laptops?brand=acer&r_ram_min=64')).text;
    expect(html).toContain('No products match these filters.');
    expect(chips(html).map((c) => pairs(c.href))).toEqual([['r_ram_min=64'], ['brand=acer']]);
  });

  it('Khmer pages name the chips in Khmer', async () => {
    const html = (await request(newApp()).get('/c/laptops?instock=1&r_ram_min=16').set('Cookie', 'lang=km')).text;
    expect(chips(html).map((c) => c.text)).toEqual(['មានក្នុងស្តុក', 'RAM៖ 16 GB ឬច្រើនជាងនេះ']);
  });
});

describe('subcategory links keep the filters', () => {
  it('brand, price, stock, specs, ranges and sort carry over; the page goes back to 1', async () => {
    const html = (
      await request(newApp()).get(
        '/c/laptops?brand=asus&min=100&max=3000&instock=1&s_cpu=Core+i9-14900HX&r_ram_min=16&sort=price_desc&page=2',
      )
    ).text;
    const link = /<a href="(\/c\/gaming-laptops[^"]*)">Gaming Laptops<\/a>/.exec(html);
    expect(link).not.toBeNull();
    expect(pairs(decode(link![1]!))).toEqual(
      [
        'brand=asus',
        'min=100',
        'max=3000',
        'instock=1',
        's_cpu=Core i9-14900HX',
        'r_ram_min=16',
        'sort=price_desc',
      ].sort(),
    );
    const followed = await request(newApp()).get(decode(link![1]!));
    expect(names(followed.text)).toEqual(['ASUS ROG Strix G18']);
    expect(chips(followed.text)).toHaveLength(5);
  });
});

describe('bad filter input is ignored, never a 500', () => {
  it.each([
    ['a word', '?r_ram_min=abc'],
    ['a repeated bound', '?r_ram_min=16&r_ram_min=32'],
    ['a bracketed key', '?r_ram_min[]=16&s_cpu[x]=1'],
    ['a huge number', `?r_ram_max=${'9'.repeat(30)}&r_ram_min=1e400`],
    ['a negative number', '?r_ram_min=-5'],
    ['an unknown spec', '?r_nope_min=1&s_nope=x&s_=1&r__min=2'],
    ['a range on a text spec', '?r_cpu_min=1'],
    ['many unknown specs', `?${Array.from({ length: 200 }, (_, i) => `s_x${i}=1&r_y${i}_min=1`).join('&')}`],
  ])('%s', async (_, qs) => {
    const res = await request(newApp()).get(`/c/laptops${qs}`);
    expect(res.status).toBe(200);
    expect(names(res.text)).toEqual(ALL);
    expect(chips(res.text)).toEqual([]);
    const count = await request(newApp()).get(`/c/laptops/count${qs}`);
    expect(count.status).toBe(200);
    expect(count.body.total).toBe(5);
  });
});

describe('GET /c/:slug/count and /search/count (the "Show N results" button)', () => {
  it('returns the same total as the page would show, with the button’s words, for anyone', async () => {
    for (const qs of [
      '',
      '?r_ram_min=16&r_ram_max=32',
      '?brand=asus',
      '?instock=1&r_ram_max=8',
      '?brand=acer&s_cpu=x',
    ]) {
      const page = await request(newApp()).get(`/c/laptops${qs}`);
      const count = await request(newApp()).get(`/c/laptops/count${qs}`);
      expect(count.status).toBe(200);
      expect(count.headers['content-type']).toMatch(/application\/json/);
      const shown = Number(/(\d+) products?</.exec(page.text)?.[1] ?? 0);
      expect(count.body.total, qs).toBe(shown);
      expect(count.body.label).toBe(shown === 1 ? 'Show 1 result' : `Show ${shown} results`);
    }
    expect((await request(newApp()).get('/c/nope/count')).status).toBe(404);
    const km = await request(newApp()).get('/c/laptops/count?brand=asus').set('Cookie', 'lang=km');
    expect(km.body).toEqual({ total: 3, label: 'បង្ហាញលទ្ធផល 3' });
  });

  it('answers ten requests at once', async () => {
    const app = newApp();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => request(app).get(`/c/laptops/count?r_ram_min=${i % 2 ? 16 : 8}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.map((a) => a.body.total)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? 3 : 5)));
  });

  it('search results take the same filters and count', async () => {
    const page = await request(newApp()).get('/search?q=asus&r_ram_min=16');
    expect(page.status).toBe(200);
    expect(names(page.text)).toEqual(['ASUS ROG Strix G18', 'ASUS Vivobook 15']);
    expect(chips(page.text).map((c) => pairs(c.href))).toEqual([['q=asus']]);
    // Its category links keep the search words and the filters.
    expect(page.text).toMatch(/href="\/c\/laptops\?q=asus&amp;r_ram_min=16">Laptops<\/a>/);
    const count = await request(newApp()).get('/search/count?q=asus&r_ram_min=16');
    expect(count.body.total).toBe(2);
    expect((await request(newApp()).get('/search/count')).body.total).toBe(0);
  });
});
