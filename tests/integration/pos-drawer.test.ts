import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { createCategory, createProduct } from '../helpers/catalog.js';

// The test shop's rate is 4,100 ៛/$; the riel rounding step is 100 ៛ (the setting's default).
async function shelf() {
  const net = await createCategory({ name: 'Networking', slug: 'networking' });
  const acc = await createCategory({ name: 'Accessories', slug: 'accessories' });
  const router = await createProduct({
    name: 'TP-Link Archer C6 Router',
    categoryId: net.id,
    variants: [{ sku: 'TPL-C6', barcode: '6935364085483', price: '38.80', costPrice: '30.00', stock: 5 }],
  });
  const cable = await createProduct({
    name: 'UGREEN Cat6 Cable 2m',
    categoryId: acc.id,
    variants: [{ sku: 'UGR-CAT6-2M', barcode: '6957303811190', price: '12.30', costPrice: '6.00', stock: 5 }],
  });
  return { net, acc, router: router.variants[0]!, cable: cable.variants[0]! };
}

async function cashier(app: Express, name = 'Sreymom Till') {
  const user = await createUser({ role: 'staff', name });
  return { user, agent: await loginAs(app, user) };
}

const scan = (agent: Agent, code: string) => postForm(agent, '/pos/scan', { code }, '/pos');
const complete = (agent: Agent, body: Record<string, string>) => postForm(agent, '/pos/complete', body, '/pos');
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const count = (agent: Agent, body: Record<string, string>) =>
  postForm(agent, '/pos/end-of-day', { day: today(), ...body }, '/pos/end-of-day');
type CountRow = {
  shop_day: string;
  cashier_id: number;
  counted_by: number;
  usd_notes: Record<string, number>;
  khr_notes: Record<string, number>;
  counted_usd: string;
  counted_khr: number;
  expected_usd: string;
  expected_khr: number;
  note: string | null;
};
const counts = async () =>
  (
    await query<CountRow & { usd_notes: unknown; khr_notes: unknown }>(
      `SELECT DATE_FORMAT(shop_day, '%Y-%m-%d') AS shop_day, cashier_id, counted_by, usd_notes, khr_notes,
        counted_usd, counted_khr, expected_usd, expected_khr, note FROM drawer_counts ORDER BY id`,
    )
  ).map((r) => ({
    ...r,
    usd_notes: typeof r.usd_notes === 'string' ? JSON.parse(r.usd_notes) : r.usd_notes,
    khr_notes: typeof r.khr_notes === 'string' ? JSON.parse(r.khr_notes) : r.khr_notes,
  })) as CountRow[];

/** Two cash sales through the real till: the drawer should then hold $39 and 49,600 ៛. */
async function sellTwo(agent: Agent) {
  await scan(agent, 'TPL-C6');
  expect((await complete(agent, { method: 'cash', tenderedUsd: '50' })).status).toBe(303); // $11 + 800 ៛ back
  await scan(agent, 'UGR-CAT6-2M');
  expect((await complete(agent, { method: 'cash', tenderedKhr: '50400' })).status).toBe(303); // 50,400 ៛, no change
}

// $20 + $10 + $5 + $2 + 3 × $1 = $40; 2 × 20,000 + 5,000 + 2 × 2,000 + 500 = 49,500 ៛
const NOTES = {
  usd20: '1',
  usd10: '1',
  usd5: '1',
  usd2: '1',
  usd1: '3',
  khr20000: '2',
  khr5000: '1',
  khr2000: '2',
  khr500: '1',
};
const cells = (html: string) => [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);

describe('end of day: counting the drawer', () => {
  it('POST /pos/end-of-day — counted totals from the notes, expected from the day’s sales, the difference; a recount adds a row', async () => {
    await shelf();
    const app = newApp();
    const { user, agent } = await cashier(app);
    await sellTwo(agent);
    const page = (await agent.get('/pos/end-of-day')).text;
    expect(page).toContain('data-expected-usd="3900"');
    expect(page).toContain('data-expected-khr="49600"');
    // Totals are the server's: a forged total field is ignored.
    const res = await count(agent, { ...NOTES, note: 'Float left in the safe', countedUsd: '999' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/pos/end-of-day?date=${today()}&cashier=${user.id}#count-result`);
    expect(await counts()).toEqual([
      {
        shop_day: today(),
        cashier_id: user.id,
        counted_by: user.id,
        usd_notes: { '100': 0, '50': 0, '20': 1, '10': 1, '5': 1, '2': 1, '1': 3 },
        khr_notes: {
          '200000': 0,
          '100000': 0,
          '50000': 0,
          '20000': 2,
          '10000': 0,
          '5000': 1,
          '2000': 2,
          '1000': 0,
          '500': 1,
          '200': 0,
          '100': 0,
        },
        counted_usd: '40.00',
        counted_khr: 49500,
        expected_usd: '39.00',
        expected_khr: 49600,
        note: 'Float left in the safe',
      },
    ]);
    const shown = (await agent.get(res.headers.location!)).text;
    expect(shown).toContain('Drawer count of Sreymom Till saved.');
    const usdRow = /<tr data-compare="usd">(.*?)<\/tr>/.exec(shown)![1]!;
    const khrRow = /<tr data-compare="khr">(.*?)<\/tr>/.exec(shown)![1]!;
    expect(cells(usdRow)).toEqual(['$39.00', '$40.00', '+$1.00']);
    expect(cells(khrRow)).toEqual(['49,600 ៛', '49,500 ៛', '−100 ៛']);
    expect(shown).toMatch(/\(Phnom Penh\)/); // when it was counted, in the shop's time
    expect(shown).toContain('data-print');
    // The form starts from the latest count (a recount); a recount is a new row and becomes the count.
    expect(shown).toMatch(/name="usd1"[^>]*value="3"/);
    expect((await count(agent, { ...NOTES, usd1: '2' })).status).toBe(303);
    const rows = await counts();
    expect(rows.map((r) => [r.counted_usd, r.counted_khr])).toEqual([
      ['40.00', 49500],
      ['39.00', 49500],
    ]);
    const again = (await agent.get('/pos/end-of-day')).text;
    expect(cells(/<tr data-compare="usd">(.*?)<\/tr>/.exec(again)![1]!)).toEqual(['$39.00', '$39.00', '$0.00']);
  });

  it('POST /pos/end-of-day — bad counts — 422 with every error at once, the values kept, nothing saved', async () => {
    await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    const res = await count(agent, { usd100: '-1', usd50: '2', khr500: '1.5', usd1: '10001', khr100: 'abc' });
    expect(res.status).toBe(422);
    const message = 'Enter how many notes: a whole number from 0 to 10,000.';
    expect(res.text.split(message).length - 1).toBe(4);
    for (const [name, value] of Object.entries({
      usd100: '-1',
      usd50: '2',
      khr500: '1.5',
      usd1: '10001',
      khr100: 'abc',
    }))
      expect(res.text).toMatch(new RegExp(`name="${name}"[^>]*value="${value.replace('.', '\\.')}"`));
    expect(res.text).toMatch(/id="n-usd100"[^>]*aria-invalid="true"/);
    expect(res.text).not.toMatch(/id="n-usd50"[^>]*aria-invalid/);
    const badDay = await count(agent, { day: '2026-02-30', usd1: '1' });
    expect(badDay.status).toBe(422);
    expect(badDay.text).toContain('Choose a real day');
    const future = await count(agent, { day: '2999-01-01', usd1: '1' });
    expect(future.status).toBe(422);
    expect(future.text).toContain('This day has not come yet');
    // More riel than the column holds (found live: it was a 500): a message instead.
    const huge = await count(agent, { khr200000: '10000', khr100000: '1475' });
    expect(huge.status).toBe(422);
    expect(huge.text).toContain('more than 2,000,000,000 ៛');
    expect(await counts()).toEqual([]);
  });

  it('who counts whose drawer — customers 403; staff only their own (403 for another’s); admins any cashier’s', async () => {
    await shelf();
    const app = newApp();
    const a = await cashier(app, 'Dara Till');
    const b = await cashier(app, 'Bopha Till');
    await sellTwo(a.agent);
    const customer = await loginAs(app, await createUser());
    expect((await customer.get('/pos/end-of-day')).status).toBe(403);
    const token = await csrfFrom(customer, '/account');
    const refused = await customer
      .post('/pos/end-of-day')
      .type('form')
      .send({ _csrf: token, day: today(), cashier: String(a.user.id), usd1: '1' });
    expect(refused.status).toBe(403);
    // Another cashier's drawer: neither counted nor seen by staff.
    expect((await count(b.agent, { cashier: String(a.user.id), usd1: '1' })).status).toBe(403);
    expect((await b.agent.get(`/pos/end-of-day?cashier=${a.user.id}`)).status).toBe(403);
    const own = (await b.agent.get('/pos/end-of-day')).text;
    expect(own).toContain('data-expected-usd="0"');
    expect(own).not.toContain('Dara Till');
    // Malformed or unknown cashiers are not found, never a 500.
    expect((await b.agent.get('/pos/end-of-day?cashier=abc')).status).toBe(404);
    expect((await count(b.agent, { cashier: 'abc', usd1: '1' })).status).toBe(404);
    expect((await count(b.agent, { cashier: '9'.repeat(25), usd1: '1' })).status).toBe(404);
    expect(await counts()).toEqual([]);
    // The admin counts Dara's drawer, and sees every cashier's latest count.
    const boss = await createUser({ role: 'admin', name: 'Boss Admin' });
    const admin = await loginAs(app, boss);
    expect((await admin.get('/pos/end-of-day?cashier=999999')).status).toBe(404);
    const form = (await admin.get(`/pos/end-of-day?cashier=${a.user.id}`)).text;
    expect(form).toContain('data-expected-usd="3900"');
    expect(form).toMatch(new RegExp(`<option value="${b.user.id}"[^>]*>Bopha Till</option>`));
    const saved = await postForm(
      admin,
      '/pos/end-of-day',
      { day: today(), cashier: String(a.user.id), ...NOTES },
      `/pos/end-of-day?cashier=${a.user.id}`,
    );
    expect(saved.status).toBe(303);
    expect((await counts()).map((r) => [r.cashier_id, r.counted_by, r.counted_usd, r.expected_usd])).toEqual([
      [a.user.id, boss.id, '40.00', '39.00'],
    ]);
    expect((await count(b.agent, {})).status).toBe(303); // Bopha counts her own (empty) drawer
    const all = (await admin.get('/pos/end-of-day')).text;
    const row = (id: number) => new RegExp(`<tr data-count-cashier="${id}">(.*?)</tr>`).exec(all)![1]!;
    expect(cells(row(a.user.id)).slice(1)).toEqual(['$39.00', '$40.00', '+$1.00', '49,600 ៛', '49,500 ៛', '−100 ៛']);
    expect(cells(row(b.user.id)).slice(1)).toEqual(['$0.00', '$0.00', '$0.00', '0 ៛', '0 ៛', '0 ៛']);
    // Dara sees her count (done by the admin).
    expect((await a.agent.get('/pos/end-of-day')).text).toContain('by Boss Admin');
  });

  it('POST /pos/end-of-day without a CSRF token — 403, nothing saved', async () => {
    const app = newApp();
    const { user, agent } = await cashier(app);
    await agent.get('/pos/end-of-day');
    const res = await agent
      .post('/pos/end-of-day')
      .type('form')
      .send({ day: today(), cashier: String(user.id), usd1: '1' });
    expect(res.status).toBe(403);
    expect(await counts()).toEqual([]);
  });

  it('10 counts sent at once — 10 rows, each with the right totals', async () => {
    await shelf();
    const app = newApp();
    const { user, agent } = await cashier(app);
    await sellTwo(agent);
    const token = await csrfFrom(agent, '/pos/end-of-day');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        agent
          .post('/pos/end-of-day')
          .type('form')
          .send({ _csrf: token, day: today(), cashier: String(user.id), usd1: String(i), khr100: String(i) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(303));
    const rows = await counts();
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => [r.counted_usd, r.counted_khr]).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => [`${i}.00`, i * 100]).sort(),
    );
    expect(rows.every((r) => r.expected_usd === '39.00' && r.expected_khr === 49600)).toBe(true);
  });
});

describe('the till screen', () => {
  it('GET /pos — the till’s own layout (no storefront header), favourites from the last 30 days, category tiles', async () => {
    const { acc, cable } = await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    const empty = (await agent.get('/pos')).text;
    expect(empty).toContain('class="pos-bar"');
    expect(empty).not.toContain('site-header');
    expect(empty).not.toContain('id="header-search"');
    expect(empty).toContain('No sales in the last 30 days yet');
    expect(empty).toContain(`href="/pos?cat=${acc.id}"`);
    await scan(agent, 'UGR-CAT6-2M');
    await complete(agent, { method: 'cash', tenderedUsd: '20' });
    const screen = (await agent.get('/pos')).text;
    expect(screen).toContain(`action="/pos/lines/${cable.id}"`);
    const byCategory = (await agent.get(`/pos?cat=${acc.id}`)).text;
    expect(byCategory).toContain('UGREEN Cat6 Cable 2m');
    expect(byCategory).not.toContain('TP-Link Archer C6 Router');
    expect((await agent.get('/pos?cat=abc')).status).toBe(200);
    expect((await agent.get('/pos/returns')).text).toContain('class="pos-bar"');
  });

  it('KHQR shown — "Paid by KHQR" chosen, the customer display shows the QR and its key changes with the sale', async () => {
    await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    const display = async () => (await agent.get('/pos/display.json')).body as { key: string };
    const before = await display();
    await scan(agent, 'TPL-C6');
    const withSale = await display();
    expect(withSale.key).not.toBe(before.key);
    expect((await agent.get('/pos/display')).text).not.toContain('alt="KHQR code');
    const screen = (await agent.get('/pos?pay=khqr')).text;
    expect(screen).toMatch(/<input type="radio" name="method" value="khqr" checked>/);
    expect(screen).toContain('href="/pos/display"');
    const shown = await display();
    expect(shown.key).not.toBe(withSale.key);
    const page = await agent.get('/pos/display');
    expect(page.status).toBe(200);
    expect(page.text).toContain('alt="KHQR code for $38.80"');
    expect(page.text).toContain('$38.80');
    expect(page.text).not.toContain('class="pos-bar"');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/); // no inline script (CSP)
    const customer = await loginAs(app, await createUser());
    expect((await customer.get('/pos/display')).status).toBe(403);
    expect((await customer.get('/pos/display.json')).status).toBe(403);
    expect((await request(app).get('/pos/display.json')).status).toBe(303);
  });
});
