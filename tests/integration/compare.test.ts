import request from 'supertest';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { config } from '../../src/config/env.js';
import { formatRielFromUsd } from '../../src/domain/money.js';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { type Agent, csrfFrom, newApp } from '../helpers/http.js';

/** Every stored session's compare list (the list lives in the session row, in MySQL). */
async function storedLists(): Promise<number[][]> {
  const rows = await query<{ data: string }>('SELECT data FROM sessions');
  return rows.flatMap((r) => {
    const data = JSON.parse(r.data) as { compare?: number[] };
    return data.compare ? [data.compare] : [];
  });
}

/** Adds as the product page's form does: with the token once a session exists, without one before. */
async function add(agent: Agent, productId: number | string, opts: { token?: boolean; json?: boolean } = {}) {
  const _csrf = opts.token === false ? undefined : await csrfFrom(agent, '/track');
  return agent
    .post('/compare/items')
    .type('form')
    .set('Accept', opts.json ? 'application/json' : 'text/html')
    .send({ productId: String(productId), returnTo: '/compare', ...(_csrf ? { _csrf } : {}) });
}

async function post(agent: Agent, path: string, body: Record<string, string> = {}) {
  const _csrf = await csrfFrom(agent, '/track');
  return agent
    .post(path)
    .type('form')
    .set('Accept', 'text/html')
    .send({ ...body, _csrf });
}

/** A compare row by its label: whether it is marked as differing, and its cells' text. */
function row(html: string, label: string): { differs: boolean; cells: string[] } | undefined {
  const m = new RegExp(`<tr class="(differs)?">\\s*<th scope="row">${label}[\\s\\S]*?</tr>`).exec(html);
  if (!m) return undefined;
  const cells = [...m[0].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
    c[1]!
      .replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return { differs: m[1] === 'differs', cells };
}

const groupHeads = (html: string) => [...html.matchAll(/<th scope="colgroup"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);

/** Two laptops and a monitor (a different type), with Khmer names for the type and spec names. */
async function compareShop() {
  const category = await createCategory({ name: 'Computers', slug: 'computers' });
  const laptop = await createProductType('laptop', [
    { code: 'cpu', name: 'Processor' },
    { code: 'ram', name: 'Memory', dataType: 'number', unit: 'GB' },
    { code: 'screen', name: 'Screen size', dataType: 'number', unit: 'in' },
    { code: 'backlit', name: 'Backlit keyboard', dataType: 'boolean' },
  ]);
  // Another code, the same name and unit: the same row as the laptops' screen size.
  const monitor = await createProductType('monitor', [
    { code: 'size', name: 'Screen size', dataType: 'number', unit: 'in' },
    { code: 'refresh', name: 'Refresh rate', dataType: 'number', unit: 'Hz' },
  ]);
  await query("UPDATE product_types SET name = 'Laptop', name_km = 'កុំព្យូទ័រយួរដៃ' WHERE id = ?", [laptop.id]);
  await query("UPDATE product_types SET name = 'Monitor', name_km = 'អេក្រង់' WHERE id = ?", [monitor.id]);
  for (const [code, km] of [
    ['cpu', 'ខួរក្បាល'],
    ['ram', 'អង្គចងចាំ'],
    ['screen', 'ទំហំអេក្រង់'],
    ['size', 'ទំហំអេក្រង់'],
    ['backlit', 'ក្ដារចុចមានភ្លើង'],
    ['refresh', 'អត្រាធ្វើឱ្យស្រស់'],
  ])
    await query('UPDATE spec_attributes SET name_km = ? WHERE code = ?', [km, code]);
  const [lc, lr, ls, lb] = laptop.attributes.map((a) => a.id);
  const [ms, mr] = monitor.attributes.map((a) => a.id);
  const asus = await createBrand('ASUS');
  const dell = await createBrand('Dell');
  const a = await createProduct({
    name: 'ASUS Vivobook 15',
    categoryId: category.id,
    brandId: asus.id,
    productTypeId: laptop.id,
    variants: [{ sku: 'VIVO-15', price: '649.00', compareAtPrice: '699.00', stock: 8 }],
    specs: [
      { attributeId: lc!, value: 'Core i5' },
      { attributeId: lr!, value: '16', number: '16' },
      { attributeId: ls!, value: '15.6', number: '15.6' },
      { attributeId: lb!, value: '1' },
    ],
  });
  const b = await createProduct({
    name: 'Dell Latitude 14',
    categoryId: category.id,
    brandId: dell.id,
    productTypeId: laptop.id,
    variants: [{ sku: 'LAT-14', price: '899.00', stock: 2, lowStockThreshold: 3 }],
    specs: [
      { attributeId: lc!, value: 'Core i7' },
      { attributeId: lr!, value: '16.0', number: '16' },
      { attributeId: ls!, value: '14', number: '14' },
    ],
  });
  const c = await createProduct({
    name: 'Dell P2723 Monitor',
    categoryId: category.id,
    brandId: dell.id,
    productTypeId: monitor.id,
    variants: [{ sku: 'P2723', price: '289.50', stock: 0 }],
    specs: [
      { attributeId: ms!, value: '27', number: '27' },
      { attributeId: mr!, value: '144', number: '144' },
    ],
  });
  return { category, a, b, c };
}

const validator = new HtmlValidate({
  extends: ['html-validate:document'],
  rules: { 'require-sri': 'off', 'no-trailing-whitespace': 'off', 'long-title': 'off' },
});

describe('compare', () => {
  it(
    'POST /compare/items — a visitor with no session adds without a token; the list lives in the session; ' +
      'once it exists, a POST without the token is refused (403) and the list stays as it was',
    async () => {
      const { a, b } = await compareShop();
      const agent = request.agent(newApp());
      const first = await add(agent, a.id, { token: false });
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/compare');
      expect(await storedLists()).toEqual([[a.id]]);
      const page = await agent.get('/compare');
      expect(page.text).toContain('Added to compare (1 of 4).');
      expect(page.text).toContain('ASUS Vivobook 15');

      const noToken = await add(agent, b.id, { token: false });
      expect(noToken.status).toBe(403);
      expect(await storedLists()).toEqual([[a.id]]);

      expect((await add(agent, b.id)).status).toBe(303);
      expect(await storedLists()).toEqual([[a.id, b.id]]);
      // Adding the same product again keeps one copy, and says so.
      await add(agent, b.id);
      expect(await storedLists()).toEqual([[a.id, b.id]]);
      expect((await agent.get('/compare')).text).toContain('already in your comparison');
    },
  );

  it('POST /compare/items — a first add from a foreign Origin is refused (403) and starts no list', async () => {
    const { a } = await compareShop();
    const res = await request(newApp())
      .post('/compare/items')
      .type('form')
      .set('Origin', 'https://evil.example')
      .send({ productId: String(a.id) });
    expect(res.status).toBe(403);
    expect(await storedLists()).toEqual([]);
    const crossSite = await request(newApp())
      .post('/compare/items')
      .type('form')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ productId: String(a.id) });
    expect(crossSite.status).toBe(403);
    expect(await storedLists()).toEqual([]);
  });

  it('remove and clear change only the list in this session (another visitor keeps theirs)', async () => {
    const { a, b, c } = await compareShop();
    const app = newApp();
    const mine = request.agent(app);
    const theirs = request.agent(app);
    for (const id of [a.id, b.id, c.id]) await add(mine, id);
    for (const id of [a.id, c.id]) await add(theirs, id);

    const removed = await post(mine, `/compare/items/${b.id}/remove`, { returnTo: '/compare' });
    expect(removed.status).toBe(303);
    expect((await storedLists()).sort((x, y) => x.length - y.length)).toEqual([
      [a.id, c.id],
      [a.id, c.id],
    ]);
    expect((await mine.get('/compare')).text).toContain('Removed from the comparison.');

    expect((await post(mine, '/compare/clear')).status).toBe(303);
    expect((await storedLists()).sort((x, y) => x.length - y.length)).toEqual([[], [a.id, c.id]]);
    const empty = await mine.get('/compare');
    expect(empty.text).toContain('Your comparison is now empty.');
    expect(empty.text).toContain('Nothing to compare yet.');
    const other = await theirs.get('/compare');
    expect(other.text).toContain('ASUS Vivobook 15');
    expect(other.text).toContain('Dell P2723 Monitor');

    // An emptied list still counts as a session: a POST without the token is refused.
    const noToken = await mine
      .post('/compare/items')
      .type('form')
      .send({ productId: String(a.id) });
    expect(noToken.status).toBe(403);
  });

  it(
    'GET /compare — specs grouped by product type, a shared attribute on one row, "—" where a product lacks it, ' +
      'differing rows marked, prices in USD and riel, stock, image and product links',
    async () => {
      const { a, b, c } = await compareShop();
      const agent = request.agent(newApp());
      for (const id of [a.id, b.id, c.id]) await add(agent, id);
      const html = (await agent.get('/compare')).text;

      expect(groupHeads(html)).toEqual(['Overview', 'Laptop', 'Monitor']);
      expect(row(html, 'Processor')).toEqual({ differs: true, cells: ['Core i5', 'Core i7', '—'] });
      // "16" and "16.0" are the same 16 GB; the monitor has no memory, which is no difference.
      expect(row(html, 'Memory')).toEqual({ differs: false, cells: ['16 GB', '16 GB', '—'] });
      // The laptops' and the monitor's screen sizes share one row, in the first group.
      expect(html.match(/<th scope="row">Screen size/g)).toHaveLength(1);
      expect(row(html, 'Screen size')).toEqual({ differs: true, cells: ['15.6 in', '14 in', '27 in'] });
      expect(row(html, 'Refresh rate')).toEqual({ differs: false, cells: ['—', '—', '144 Hz'] });
      expect(row(html, 'Backlit keyboard')).toEqual({ differs: false, cells: ['Yes', '—', '—'] });
      expect(row(html, 'Product type')).toEqual({ differs: true, cells: ['Laptop', 'Laptop', 'Monitor'] });

      const riel = (usd: string) => formatRielFromUsd(usd, config.KHR_PER_USD);
      expect(row(html, 'Price')!.cells).toEqual([
        `$649.00 $699.00 ${riel('649.00')}`,
        `$899.00 ${riel('899.00')}`,
        `$289.50 ${riel('289.50')}`,
      ]);
      expect(row(html, 'Availability')!.cells).toEqual(['In stock', 'Only 2 left', 'Out of stock']);
      expect(row(html, 'Brand')).toEqual({ differs: true, cells: ['ASUS', 'Dell', 'Dell'] });
      expect(row(html, 'Warranty')).toEqual({ differs: false, cells: ['12 months', '12 months', '12 months'] });
      for (const p of [a, b, c]) {
        expect(html).toContain(`href="/p/${p.slug}"`);
        expect(html).toContain(`action="/compare/items/${p.id}/remove"`);
      }
      expect(html).toContain('action="/compare/clear"');
      expect(await validator.validateString(html)).toMatchObject({ valid: true });
    },
  );

  it('GET /compare?only=differences — rows where every product agrees are left out', async () => {
    const { a, b } = await compareShop();
    const agent = request.agent(newApp());
    for (const id of [a.id, b.id]) await add(agent, id);
    const all = (await agent.get('/compare')).text;
    expect(row(all, 'Memory')).toEqual({ differs: false, cells: ['16 GB', '16 GB'] });
    expect(row(all, 'Warranty')!.differs).toBe(false);
    expect(all).toContain('href="/compare?only=differences"');

    const diff = (await agent.get('/compare?only=differences')).text;
    expect(row(diff, 'Memory')).toBeUndefined();
    expect(row(diff, 'Warranty')).toBeUndefined();
    expect(row(diff, 'Processor')).toEqual({ differs: true, cells: ['Core i5', 'Core i7'] });
    expect(row(diff, 'Price')!.differs).toBe(true);
    expect(diff).toContain('Show all rows');
    // An unknown option is ignored, never an error.
    expect((await agent.get('/compare?only=%3Cscript%3E')).status).toBe(200);
  });

  it('a fifth product is refused with a clear message and the list keeps its four', async () => {
    const { category, a, b, c } = await compareShop();
    const d = await createProduct({ name: 'Fourth', categoryId: category.id });
    const e = await createProduct({ name: 'Fifth', categoryId: category.id });
    const agent = request.agent(newApp());
    for (const p of [a, b, c, d]) expect((await add(agent, p.id)).status).toBe(303);
    expect((await agent.get('/compare')).text).toContain('Added to compare (4 of 4).');

    const fifth = await add(agent, e.id);
    expect(fifth.status).toBe(303);
    expect(await storedLists()).toEqual([[a.id, b.id, c.id, d.id]]);
    const page = (await agent.get('/compare')).text;
    expect(page).toContain('You can compare up to 4 products. Remove one from the comparison to add another.');
    expect(page).not.toContain('>Fifth<');

    const json = await add(agent, e.id, { json: true });
    expect(json.status).toBe(409);
    expect(json.body).toMatchObject({ count: 4, message: expect.stringContaining('up to 4 products') });

    // Once one leaves, the fifth fits.
    await post(agent, `/compare/items/${a.id}/remove`);
    expect((await add(agent, e.id)).status).toBe(303);
    expect(await storedLists()).toEqual([[b.id, c.id, d.id, e.id]]);
  });

  it('JSON clients get the message, the new count and a fresh token for the next request', async () => {
    const { a, b } = await compareShop();
    const agent = request.agent(newApp());
    const res = await add(agent, a.id, { token: false, json: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Added to compare (1 of 4).', count: 1, csrf: expect.any(String) });
    const next = await agent
      .post('/compare/items')
      .type('form')
      .set('Accept', 'application/json')
      .send({ productId: String(b.id), _csrf: res.body.csrf as string });
    expect(next.body).toMatchObject({ count: 2 });
    expect(await storedLists()).toEqual([[a.id, b.id]]);
  });

  it('an unknown, draft or archived product is refused with a message; one archived later leaves the list', async () => {
    const { category, a, b } = await compareShop();
    const draft = await createProduct({ name: 'Draft Laptop', categoryId: category.id, status: 'draft' });
    const agent = request.agent(newApp());
    await add(agent, a.id);
    for (const id of [999999, draft.id]) {
      const res = await add(agent, id);
      expect(res.status).toBe(303);
      expect((await agent.get('/compare')).text).toContain('This product can&#39;t be compared: it is not for sale.');
    }
    expect(await storedLists()).toEqual([[a.id]]);
    const json = await add(agent, 999999, { json: true });
    expect(json.status).toBe(404);
    expect(json.body.message).toBe("This product can't be compared: it is not for sale.");

    await add(agent, b.id);
    await query("UPDATE products SET status = 'archived' WHERE id = ?", [b.id]);
    const page = (await agent.get('/compare')).text;
    expect(page).toContain('No longer sold, so taken off your comparison: Dell Latitude 14.');
    expect(page).not.toContain(`href="/p/${b.slug}"`);
    expect(await storedLists()).toEqual([[a.id]]);
    await add(agent, b.id); // archived: refused
    expect(await storedLists()).toEqual([[a.id]]);
  });

  it('a malformed id is a 400, never a 500, and changes nothing', async () => {
    const { a } = await compareShop();
    const agent = request.agent(newApp());
    await add(agent, a.id);
    for (const bad of ['abc', '0', '-1', '1e3', '0x10', ' 7', '', '99999999999999999999', '1.5']) {
      const res = await add(agent, bad);
      expect(res.status, `productId=${JSON.stringify(bad)}`).toBe(400);
    }
    const array = await agent
      .post('/compare/items')
      .type('form')
      .send(`productId=1&productId=2&_csrf=${await csrfFrom(agent, '/track')}`);
    expect(array.status).toBe(400);
    for (const bad of ['abc', '0', '1e3', '%00']) {
      const res = await post(agent, `/compare/items/${bad}/remove`);
      expect(res.status, bad).toBe(400);
    }
    expect(await storedLists()).toEqual([[a.id]]);
    // A visitor without a session gets the same 400 for a malformed first add.
    expect((await request(newApp()).post('/compare/items').type('form').send({ productId: 'x' })).status).toBe(400);
  });

  it('10 parallel adds of different products never make the list longer than 4', async () => {
    const { category, a } = await compareShop();
    const more = [];
    for (let i = 0; i < 10; i++) more.push(await createProduct({ name: `Parallel ${i}`, categoryId: category.id }));
    const agent = request.agent(newApp());
    await add(agent, a.id);
    const _csrf = await csrfFrom(agent, '/track');
    const results = await Promise.all(
      more.map((p) =>
        agent
          .post('/compare/items')
          .type('form')
          .set('Accept', 'application/json')
          .send({ productId: String(p.id), _csrf }),
      ),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    for (const r of results) expect(r.body.count).toBeLessThanOrEqual(4);
    const [list] = await storedLists();
    expect(list!.length).toBeLessThanOrEqual(4);
    expect(new Set(list).size).toBe(list!.length);
    expect(list![0]).toBe(a.id);
    // And the page never shows more than four columns.
    const page = (await agent.get('/compare')).text;
    expect(page.match(/<th scope="col"/g)!.length).toBeLessThanOrEqual(4);
  });

  it('10 parallel first adds from visitors without a session make 10 separate one-product lists', async () => {
    const { a } = await compareShop();
    const app = newApp();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(app)
          .post('/compare/items')
          .type('form')
          .send({ productId: String(a.id) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(303));
    expect(await storedLists()).toEqual(Array(10).fill([a.id]));
  });

  it('the Khmer page shows Khmer labels, type and spec names', async () => {
    const { a, b, c } = await compareShop();
    const agent = request.agent(newApp());
    await agent.get('/lang/km');
    for (const id of [a.id, b.id, c.id]) await add(agent, id);
    const html = (await agent.get('/compare')).text;
    expect(html).toContain('<html lang="km">');
    expect(html).toContain('ប្រៀបធៀបផលិតផល');
    expect(groupHeads(html)).toEqual(['ទិដ្ឋភាពទូទៅ', 'កុំព្យូទ័រយួរដៃ', 'អេក្រង់']);
    expect(row(html, 'ខួរក្បាល')).toEqual({ differs: true, cells: ['Core i5', 'Core i7', '—'] });
    expect(row(html, 'ក្ដារចុចមានភ្លើង')!.cells[0]).toBe('បាទ/ចាស');
    expect(row(html, 'ស្ថានភាពស្តុក')!.cells).toEqual(['មានក្នុងស្តុក', 'នៅសល់តែ 2', 'អស់ពីស្តុក']);
    expect(html).toContain('សម្អាតការប្រៀបធៀប');
    for (const english of ['Overview', 'Processor', 'Remove', 'Clear comparison', 'Availability', 'In stock'])
      expect(html).not.toContain(`>${english}<`);
    expect(await validator.validateString(html)).toMatchObject({ valid: true });
  });

  it('product pages and cards carry the "Add to compare" form: no token without a session, the token with one', async () => {
    const { a } = await compareShop();
    const guest = await request(newApp()).get(`/p/${a.slug}`);
    const form = /<form method="post" action="\/compare\/items"[\s\S]*?<\/form>/.exec(guest.text)![0];
    expect(form).toContain(`name="productId" value="${a.id}"`);
    expect(form).not.toContain('_csrf');
    expect(guest.text).toContain('src="/static/js/compare.js"');
    const listing = await request(newApp()).get('/c/computers');
    expect(listing.text.match(/action="\/compare\/items"/g)).toHaveLength(3);
    expect(await validator.validateString(guest.text)).toMatchObject({ valid: true });

    const agent = request.agent(newApp());
    await add(agent, a.id, { token: false });
    const withSession = (await agent.get(`/p/${a.slug}`)).text;
    expect(/<form method="post" action="\/compare\/items"[\s\S]*?<\/form>/.exec(withSession)![0]).toContain(
      'name="_csrf"',
    );
  });

  it('GET /compare with nothing chosen explains how to start, and makes no session', async () => {
    const res = await request(newApp()).get('/compare');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Nothing to compare yet.');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('public/js/compare.js is served', async () => {
    const res = await request(newApp()).get('/static/js/compare.js');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-compare-add');
    expect((await request(newApp()).get('/static/css/compare.css')).status).toBe(200);
  });
});
