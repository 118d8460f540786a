import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { createCategory, createProduct } from '../helpers/catalog.js';

// The test shop's rate is 4,100 ៛/$ (KHR_PER_USD's default); the rounding step is the setting (100 ៛ by default).
async function shelf() {
  const cat = await createCategory({ name: 'Networking', slug: 'networking' });
  const router = await createProduct({
    name: 'TP-Link Archer C6 Router',
    categoryId: cat.id,
    variants: [{ sku: 'TPL-C6', barcode: '6935364085483', price: '38.80', costPrice: '30.00', stock: 5 }],
  });
  const cable = await createProduct({
    name: 'UGREEN Cat6 Cable 2m',
    categoryId: cat.id,
    variants: [{ sku: 'UGR-CAT6-2M', barcode: '6957303811190', price: '12.30', costPrice: '6.00', stock: 5 }],
  });
  return { router: router.variants[0]!, cable: cable.variants[0]! };
}

async function cashier(app: Express, name = 'Sreymom Till') {
  const user = await createUser({ role: 'staff', name });
  return { user, agent: await loginAs(app, user) };
}

const scan = (agent: Agent, code: string) => postForm(agent, '/pos/scan', { code }, '/pos');
const complete = (agent: Agent, body: Record<string, string>) => postForm(agent, '/pos/complete', body, '/pos');
const stock = async (id: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [id]))[0]!.stock;
type CashRow = {
  grand_total: string;
  cash_tendered_usd: string | null;
  cash_tendered_khr: number | null;
  change_usd: string | null;
  change_khr: number | null;
  cash_rounding_khr: number;
};
const cashRows = () =>
  query<CashRow>(`SELECT grand_total, cash_tendered_usd, cash_tendered_khr, change_usd, change_khr, cash_rounding_khr
    FROM orders ORDER BY id`);
const setRounding = (step: string) =>
  query("INSERT INTO settings (`key`, value) VALUES ('cashRoundingKhr', ?) ON DUPLICATE KEY UPDATE value = ?", [
    step,
    step,
  ]);

describe('riel cash at the till', () => {
  it('POST /pos/complete — $38.80 paid with a $50 note — change $11 + 800 ៛, the 20 ៛ rounding recorded', async () => {
    const { router } = await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    const res = await complete(agent, { method: 'cash', tenderedUsd: '50' });
    expect(res.status).toBe(303);
    // $11.20 back: $11 and 0.20 × 4,100 = 820 ៛, given as 800 ៛ (the shop keeps 20 ៛)
    expect(await cashRows()).toEqual([
      {
        grand_total: '38.80',
        cash_tendered_usd: '50.00',
        cash_tendered_khr: 0,
        change_usd: '11.00',
        change_khr: 800,
        cash_rounding_khr: 20,
      },
    ]);
    // The order's money stays exact: the cash payment is the total, the rounding is beside it.
    expect(await query('SELECT method, currency, amount FROM payments')).toEqual([
      { method: 'cash', currency: 'USD', amount: '38.80' },
    ]);
    expect(await stock(router.id)).toBe(4);
    const receipt = await agent.get(res.headers.location!);
    expect(receipt.text).toContain('data-receipt-tendered>$50<');
    expect(receipt.text).toContain('data-receipt-change>$11 + 800 ៛<');
    expect(receipt.text).toContain('data-receipt-rounding>+20 ៛<');
    expect(receipt.text).toContain('Riel rounding');
  });

  it('POST /pos/complete — $12.30 paid in riel — the screen asks 50,400 ៛ (not 50,430); that settles it, −30 ៛ recorded', async () => {
    const { cable } = await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'UGR-CAT6-2M');
    const screen = await agent.get('/pos');
    expect(screen.text).toContain('Cash in riel: 50,400 ៛');
    expect(screen.text).toContain('data-step="100"');
    const res = await complete(agent, { method: 'cash', tenderedKhr: '50,400' });
    expect(res.status).toBe(303);
    expect(await cashRows()).toEqual([
      {
        grand_total: '12.30',
        cash_tendered_usd: '0.00',
        cash_tendered_khr: 50_400,
        change_usd: '0.00',
        change_khr: 0,
        cash_rounding_khr: -30,
      },
    ]);
    const receipt = (await agent.get(res.headers.location!)).text;
    expect(receipt).toContain('data-receipt-tendered>50,400 ៛<');
    expect(receipt).toContain('data-receipt-change>$0<');
    expect(receipt).toContain('data-receipt-rounding>−30 ៛<');
    expect(receipt).toContain('data-receipt-riel>50,430 ៛<'); // the exact total in riel
    expect(await stock(cable.id)).toBe(4);
  });

  it('POST /pos/complete — 1,100 ៛ short of $12.30 in riel — 422 says what is missing, nothing sold', async () => {
    const { cable } = await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'UGR-CAT6-2M');
    const res = await complete(agent, { method: 'cash', tenderedKhr: '49300' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Not enough cash for the amount due: $0.28 (1,100 ៛) more is needed.');
    expect(await cashRows()).toEqual([]);
    expect(await stock(cable.id)).toBe(5);
  });

  it('with the rounding set to 0 — change to the riel and no rounding; riel 30 short is short', async () => {
    await setRounding('0');
    const { router, cable } = await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    expect((await agent.get('/pos')).text).toContain('Cash in riel: 159,080 ៛');
    expect((await complete(agent, { method: 'cash', tenderedUsd: '50' })).status).toBe(303);
    await scan(agent, 'UGR-CAT6-2M');
    const short = await complete(agent, { method: 'cash', tenderedKhr: '50400' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('$0.01 (30 ៛) more is needed');
    expect((await complete(agent, { method: 'cash', tenderedKhr: '50430' })).status).toBe(303);
    expect(await cashRows()).toEqual([
      {
        grand_total: '38.80',
        cash_tendered_usd: '50.00',
        cash_tendered_khr: 0,
        change_usd: '11.00',
        change_khr: 820,
        cash_rounding_khr: 0,
      },
      {
        grand_total: '12.30',
        cash_tendered_usd: '0.00',
        cash_tendered_khr: 50_430,
        change_usd: '0.00',
        change_khr: 0,
        cash_rounding_khr: 0,
      },
    ]);
    expect([await stock(router.id), await stock(cable.id)]).toEqual([4, 4]);
  });

  it('a KHQR sale records no cash and no rounding', async () => {
    await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'UGR-CAT6-2M');
    await agent.get('/pos?pay=khqr');
    expect((await complete(agent, { method: 'khqr' })).status).toBe(303);
    expect(await cashRows()).toEqual([
      {
        grand_total: '12.30',
        cash_tendered_usd: null,
        cash_tendered_khr: null,
        change_usd: null,
        change_khr: null,
        cash_rounding_khr: 0,
      },
    ]);
  });

  it('end of day — dollars and riel in the drawer agree with the rounding recorded on each sale', async () => {
    await shelf();
    const app = newApp();
    const { user, agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    await complete(agent, { method: 'cash', tenderedUsd: '50' }); // $11 + 800 ៛ back, +20 ៛
    await scan(agent, 'UGR-CAT6-2M');
    await complete(agent, { method: 'cash', tenderedKhr: '50400' }); // −30 ៛
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const page = (await agent.get(`/pos/end-of-day?date=${day}`)).text;
    const row = new RegExp(`<tr data-cashier="${user.id}">(.*?)</tr>`).exec(page)![1]!;
    const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    // cash $51.10; drawer $39 and 49,600 ៛: 39 × 4,100 + 49,600 = 209,500 = 51.10 × 4,100 − 10
    expect(cells).toEqual([
      'Sreymom Till',
      '2',
      '$51.10',
      '$0.00',
      '$51.10',
      '$0.00',
      '$0.00',
      '−10 ៛',
      '$39.00',
      '49,600 ៛',
    ]);
    const [sums] = await query<{ usd: string; khr: string; rounding: string; cash: string }>(
      `SELECT SUM(cash_tendered_usd - change_usd) AS usd, SUM(cash_tendered_khr - change_khr) AS khr,
        SUM(cash_rounding_khr) AS rounding, (SELECT SUM(amount) FROM payments WHERE method = 'cash') AS cash FROM orders`,
    );
    const cents = (d: string) => Number(d.replace('.', ''));
    expect((cents(sums!.usd) * 4100) / 100 + Number(sums!.khr)).toBe(
      (cents(sums!.cash) * 4100) / 100 + Number(sums!.rounding),
    );
  });
});

describe('the receipt in the cashier’s language', () => {
  it('GET /pos/receipt — a cashier who switched to Khmer — Khmer labels, "$11 + 800 ៛", Phnom Penh time, the Khmer web font', async () => {
    await shelf();
    const app = newApp();
    const { user, agent } = await cashier(app, 'សុខា');
    expect((await postForm(agent, '/lang', { locale: 'km', next: '/pos' }, '/pos')).status).toBe(303);
    expect((await query<{ locale: string }>('SELECT locale FROM users WHERE id = ?', [user.id]))[0]!.locale).toBe('km');
    await scan(agent, 'TPL-C6');
    const res = await complete(agent, { method: 'cash', tenderedUsd: '50' });
    const html = (await agent.get(res.headers.location!)).text;
    expect(html).toContain('<html lang="km">');
    expect(html).toContain('class="lang-km print-page"');
    expect(html).toContain('បង្កាន់ដៃទទួលប្រាក់'); // Receipt
    expect(html).toMatch(/ប្រាក់អាប់<\/dt><dd data-receipt-change>\$11 \+ 800 ៛<\/dd>/); // Change
    expect(html).toMatch(/ការបង្គត់ប្រាក់រៀល<\/dt><dd data-receipt-rounding>\+20 ៛<\/dd>/); // Riel rounding
    expect(html).toContain('សាច់ប្រាក់ទទួល'); // Cash received
    expect(html).toContain('ផ្លូវ ១០៧ សង្កាត់បឹងកេងកង រាជធានីភ្នំពេញ'); // the shop's Khmer address
    expect(html).toMatch(/data-receipt-time>\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(ម៉ោងភ្នំពេញ\)</);
    expect(html).not.toContain('Change');
    // The Khmer font is the app's own, served from /static (no CDN).
    const css = (await agent.get('/static/css/app.css')).text;
    const font = /url\((\/static\/fonts\/noto-sans-khmer-khmer-400-normal\.woff2)\)/.exec(css)![1]!;
    const file = await agent.get(font);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('font/woff2');
    expect(html).not.toMatch(/https?:\/\/(fonts\.googleapis|fonts\.gstatic|cdn)/);
    // The same receipt in English once the cashier switches back.
    await postForm(agent, '/lang', { locale: 'en', next: '/pos' }, '/pos');
    const en = (await agent.get(res.headers.location!)).text;
    expect(en).toMatch(/Change<\/dt><dd data-receipt-change>\$11 \+ 800 ៛<\/dd>/);
  });
});

describe('buyer company and VAT number at the till', () => {
  it('POST /pos/complete — company, VAT number and address — stored on the order and printed on the receipt', async () => {
    await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    const screen = (await agent.get('/pos')).text;
    expect(screen).toMatch(/<details class="pos-buyer">\s*<summary>Company invoice<\/summary>/);
    const res = await complete(agent, {
      method: 'cash',
      tenderedUsd: '40',
      buyerCompany: '  Angkor Digital Co., Ltd. ',
      buyerVatin: 'k001-901234567',
      buyerAddress: '#12, St. 310, Tonle Bassac, Phnom Penh',
    });
    expect(res.status).toBe(303);
    expect(await query('SELECT buyer_company, buyer_vatin, buyer_address FROM orders')).toEqual([
      {
        buyer_company: 'Angkor Digital Co., Ltd.',
        buyer_vatin: 'K001-901234567',
        buyer_address: '#12, St. 310, Tonle Bassac, Phnom Penh',
      },
    ]);
    const receipt = (await agent.get(res.headers.location!)).text;
    const buyer = /<dl class="receipt-meta receipt-buyer" data-receipt-buyer>([\s\S]*?)<\/dl>/.exec(receipt)![1]!;
    expect(buyer).toContain('Angkor Digital Co., Ltd.');
    expect(buyer).toContain('K001-901234567');
    expect(buyer).toContain('#12, St. 310, Tonle Bassac, Phnom Penh');
  });

  it('a sale without buyer details stores none and prints no buyer block', async () => {
    await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    const res = await complete(agent, { method: 'cash', tenderedUsd: '40', buyerCompany: '', buyerVatin: '' });
    expect(await query('SELECT buyer_company, buyer_vatin, buyer_address FROM orders')).toEqual([
      { buyer_company: null, buyer_vatin: null, buyer_address: null },
    ]);
    expect((await agent.get(res.headers.location!)).text).not.toContain('data-receipt-buyer');
  });

  it('POST /pos/complete — a bad VAT number — 422 with the message, the fields kept and open, nothing sold', async () => {
    const { router } = await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    const res = await complete(agent, {
      method: 'cash',
      tenderedUsd: '50',
      buyerCompany: 'Angkor Digital Co., Ltd.',
      buyerVatin: 'K001-9012345',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the VAT number like K001-901234567');
    expect(res.text).toContain('<details class="pos-buyer" open>');
    expect(res.text).toMatch(
      /id="f-buyerVatin" name="buyerVatin" type="text" value="K001-9012345"[^>]*aria-invalid="true"/,
    );
    expect(await query('SELECT id FROM orders')).toEqual([]);
    expect(await query('SELECT id FROM payments')).toEqual([]);
    expect(await query("SELECT id FROM stock_movements WHERE reason = 'sale'")).toEqual([]);
    expect(await stock(router.id)).toBe(5);
    // The sale is still on the screen, to complete once the number is right.
    expect(
      (
        await complete(agent, {
          method: 'cash',
          tenderedUsd: '50',
          buyerCompany: 'Angkor Digital Co., Ltd.',
          buyerVatin: 'K001-901234567',
        })
      ).status,
    ).toBe(303);
    expect(await stock(router.id)).toBe(4);
  });

  it('POST /pos/complete — VAT number without a company, and bad cash — every error at once, 422, nothing sold', async () => {
    const { router } = await shelf();
    const app = newApp();
    const { agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    const res = await complete(agent, {
      method: 'cash',
      tenderedUsd: 'fifty',
      tenderedKhr: '12.5',
      buyerVatin: 'K001-901234567',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Give the company&#39;s name with a VAT number or an address.');
    expect(res.text).toContain('Enter whole riel');
    expect(res.text).toMatch(/id="f-tenderedUsd-msg"/);
    expect(await query('SELECT id FROM orders')).toEqual([]);
    expect(await stock(router.id)).toBe(5);
  });

  it('a customer gets 403 and a post without a CSRF token is refused: nothing sold', async () => {
    const { router } = await shelf();
    const app = newApp();
    const customer = await loginAs(app, await createUser());
    const token = await csrfFrom(customer, '/');
    const body = { method: 'cash', tenderedUsd: '50', buyerCompany: 'Angkor Digital', buyerVatin: 'K001-901234567' };
    expect(
      (
        await customer
          .post('/pos/complete')
          .type('form')
          .send({ ...body, _csrf: token })
      ).status,
    ).toBe(403);
    const { agent } = await cashier(app);
    await scan(agent, 'TPL-C6');
    expect((await agent.post('/pos/complete').type('form').send(body)).status).toBe(403);
    expect((await agent.post('/pos/complete').set('Content-Type', 'application/json').send(body)).status).toBe(403);
    expect(await query('SELECT id FROM orders')).toEqual([]);
    expect(await stock(router.id)).toBe(5);
  });
});
