import request from 'supertest';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { repairIdOf, repairNumber, repairTotals } from '../../src/domain/repair-states.js';
import { cents } from '../../src/domain/money.js';
import { shopDay } from '../../src/domain/shop-time.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { mailbox } from '../helpers/mailbox.js';

const staffAgent = async (name = 'Dara Technician') => {
  const user = await createUser({ role: 'staff', name });
  return { user, agent: await loginAs(newApp(), user) };
};

type RepairRow = {
  id: number;
  status: string;
  user_id: number | null;
  customer_phone: string;
  customer_email: string | null;
  unit_id: number | null;
  passcode_encrypted: string | null;
  deposit: string;
  under_warranty: number;
  quote_token_hash: string | null;
  quote_answer: string | null;
  closed_at: Date | null;
};
const repairRow = async (id: number) => (await query<RepairRow>('SELECT * FROM repairs WHERE id = ?', [id]))[0]!;
const statusLog = (id: number) =>
  query<{ from_status: string | null; to_status: string; user_id: number | null }>(
    'SELECT from_status, to_status, user_id FROM repair_status_log WHERE repair_id = ? ORDER BY id',
    [id],
  );
const stockOf = async (variantId: number) =>
  (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock;

/** A part on the shelf: a laptop battery, 3 in stock at $25 (cost $14). */
async function battery() {
  const cat = await createCategory({ name: 'Parts', slug: 'parts' });
  const p = await createProduct({
    name: 'Dell Battery 56Wh',
    categoryId: cat.id,
    variants: [{ sku: 'BAT-DELL-56', price: '25.00', stock: 3, costPrice: '14.00' }],
  });
  return p.variants[0]!.id;
}

/** A laptop tracked by serial, sold here 3 months ago with 12 months of warranty: unit DL5520-0001. */
async function soldLaptop() {
  const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const p = await createProduct({
    name: 'Dell Latitude 5520',
    categoryId: cat.id,
    variants: [{ sku: 'LAT5520', price: '899.00', stock: 0, costPrice: '700.00' }],
  });
  const variantId = p.variants[0]!.id;
  await query('UPDATE products SET warranty_months = 12 WHERE id = ?', [p.id]);
  await query('UPDATE variants SET tracks_serials = 1 WHERE id = ?', [variantId]);
  await query(
    `INSERT INTO serial_units (variant_id, serial, status, unit_cost, sold_at)
     VALUES (?, 'DL5520-0001', 'sold', '700.00', NOW(3) - INTERVAL 90 DAY)`,
    [variantId],
  );
  const [unit] = await query<{ id: number }>('SELECT id FROM serial_units WHERE serial = ?', ['DL5520-0001']);
  return { variantId, unitId: unit!.id };
}

async function takeIn(agent: Agent, body: Record<string, string>) {
  const res = await postForm(agent, '/admin/repairs', body, '/admin/repairs/new');
  expect(res.status, res.text.slice(0, 500)).toBe(303);
  const id = Number(/\/admin\/repairs\/(\d+)$/.exec(res.headers.location!)![1]);
  return id;
}

const move = (agent: Agent, id: number, status: string, note = '') =>
  postForm(agent, `/admin/repairs/${id}/status`, { status, note }, `/admin/repairs/${id}`);

describe('repairs: ticket numbers and totals', () => {
  it('R-000123 and the ways a person types it give the id back; anything else is not a ticket', () => {
    expect(repairNumber(123)).toBe('R-000123');
    for (const typed of ['R-000123', 'r-123', 'R123', '123', ' r 000123 ']) expect(repairIdOf(typed)).toBe(123);
    for (const bad of ['', 'R-', 'R-0', 'CS-261202-000123', '12a', 'R--1']) expect(repairIdOf(bad)).toBeNull();
  });

  it('under warranty the customer pays nothing but the cost is kept; a deposit over the charges is given back', () => {
    const lines = [
      { unitPriceCents: cents(2500), unitCostCents: cents(1400), quantity: 2 },
      { unitPriceCents: cents(1500), unitCostCents: cents(0), quantity: 1 },
    ];
    expect(repairTotals(lines, false, cents(1000))).toEqual({
      listCents: 6500,
      chargedCents: 6500,
      costCents: 2800,
      balanceCents: 5500,
      refundCents: 0,
    });
    expect(repairTotals(lines, true, cents(1000))).toEqual({
      listCents: 6500,
      chargedCents: 0,
      costCents: 2800,
      balanceCents: 0,
      refundCents: 1000,
    });
  });
});

describe('repairs: from the counter to collection', () => {
  it('intake → diagnosis → part and labour → quote approved by link → ready → collected in cash: stock, unit, payments, emails and the end of day agree', async () => {
    const batteryId = await battery();
    const { unitId } = await soldLaptop();
    const { user: tech, agent } = await staffAgent();

    // Every mistake of the intake form at once, values kept.
    const bad = await postForm(
      agent,
      '/admin/repairs',
      { phone: '123', problem: '', name: 'Sokha' },
      '/admin/repairs/new',
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a Cambodian phone number');
    expect(bad.text).toContain('id="f-problem-msg"');
    expect(bad.text).toContain('id="f-brand-msg"');
    expect(bad.text).toContain('value="Sokha"');
    expect(await query('SELECT id FROM repairs')).toEqual([]);

    // Intake by serial: the unit sold here is found, brand and model come from it; the deposit is taken in cash.
    const id = await takeIn(agent, {
      phone: '012 345 678',
      name: 'Sokha Chan',
      email: 'sokha@example.com',
      locale: 'en',
      serial: 'dl5520-0001',
      problem: 'Does not charge',
      accessories: 'Charger, bag',
      condition: 'Scratch on the lid',
      passcode: '2468',
      deposit: '10',
      estimatedReady: '2026-12-20',
    });
    const r = await repairRow(id);
    expect(r).toMatchObject({
      status: 'received',
      customer_phone: '+85512345678',
      customer_email: 'sokha@example.com',
      unit_id: unitId,
      deposit: '10.00',
    });
    // The passcode is sealed in the database and shown to staff on the ticket only.
    expect(r.passcode_encrypted).toMatch(/^v1\./);
    expect(r.passcode_encrypted).not.toContain('2468');
    const page = await agent.get(`/admin/repairs/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<code data-passcode>2468</code>');
    expect(page.text).toContain('Dell Latitude 5520');
    expect(await query('SELECT status FROM serial_units WHERE id = ?', [unitId])).toEqual([{ status: 'in_repair' }]);
    expect(
      await query('SELECT event, repair_id FROM serial_unit_events WHERE unit_id = ? ORDER BY id', [unitId]),
    ).toEqual([{ event: 'repair_in', repair_id: id }]);
    expect(
      await query('SELECT kind, method, amount, cashier_id FROM repair_payments WHERE repair_id = ?', [id]),
    ).toEqual([{ kind: 'deposit', method: 'cash', amount: '10.00', cashier_id: tech.id }]);
    const received = await mailbox.waitFor('sokha@example.com');
    expect(received.subject).toBe(`We have your device: repair ${repairNumber(id)}`);
    const statusLink = /(http[^\s]+\/repair-status\?ticket=R-\d+&k=[^\s]+)/.exec(received.text)![1]!;

    // The bench: technician and diagnosis, then a part from stock and labour.
    expect(
      (
        await postForm(
          agent,
          `/admin/repairs/${id}/details`,
          { diagnosis: 'Battery worn out', technicianId: String(tech.id), estimatedReady: '2026-12-18' },
          `/admin/repairs/${id}`,
        )
      ).status,
    ).toBe(303);
    expect((await move(agent, id, 'diagnosing')).status).toBe(303);
    const part = await postForm(agent, `/admin/repairs/${id}/parts`, { code: 'BAT-DELL-56' }, `/admin/repairs/${id}`);
    expect(part.status).toBe(303);
    expect(await stockOf(batteryId)).toBe(2);
    expect(
      await query(
        'SELECT delta, reason, note, user_id FROM stock_movements WHERE variant_id = ? ORDER BY id DESC LIMIT 1',
        [batteryId],
      ),
    ).toEqual([{ delta: -1, reason: 'repair', note: `Repair ${repairNumber(id)}`, user_id: tech.id }]);
    await postForm(
      agent,
      `/admin/repairs/${id}/labour`,
      { description: 'Battery replacement', price: '15' },
      `/admin/repairs/${id}`,
    );
    expect(
      await query('SELECT kind, quantity, unit_price, unit_cost FROM repair_lines WHERE repair_id = ? ORDER BY id', [
        id,
      ]),
    ).toEqual([
      { kind: 'part', quantity: 1, unit_price: '25.00', unit_cost: '14.00' },
      { kind: 'labour', quantity: 1, unit_price: '15.00', unit_cost: '0.00' },
    ]);

    // The quote: emailed with a link; the customer approves it without signing in.
    expect((await postForm(agent, `/admin/repairs/${id}/quote`, {}, `/admin/repairs/${id}`)).status).toBe(303);
    expect((await repairRow(id)).status).toBe('awaiting_approval');
    const quoteMail = await mailbox.waitFor('sokha@example.com', 2);
    expect(quoteMail.subject).toBe(`Quote for repair ${repairNumber(id)}`);
    expect(quoteMail.text).toContain('$40.00');
    const quotePath = new URL(/(http[^\s]+\/repair-quote\/[\w-]+)/.exec(quoteMail.text)![1]!).pathname;
    const customer = request.agent(newApp());
    const quotePage = await customer.get(quotePath);
    expect(quotePage.status).toBe(200);
    expect(quotePage.text).toContain('data-quote-total>$40.00');
    expect(quotePage.text).not.toContain('14.00'); // the shop's cost is not the customer's business
    const answered = await postForm(customer, quotePath, { answer: 'approved' });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('data-quote-answer="approved"');
    expect(await repairRow(id)).toMatchObject({
      status: 'repairing',
      quote_answer: 'approved',
      quote_token_hash: null,
    });
    expect((await customer.get(quotePath)).status).toBe(404);

    // Ready: the customer is told; the public page (the email's link) says so and owes $30 after the deposit.
    expect((await move(agent, id, 'ready')).status).toBe(303);
    expect((await mailbox.waitFor('sokha@example.com', 3)).subject).toBe(`Repair ${repairNumber(id)} is ready`);
    const publicPage = await request(newApp()).get(new URL(statusLink).pathname + new URL(statusLink).search);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).toContain('data-repair-status>Ready');
    expect(publicPage.text).toContain('$30.00');
    expect(publicPage.text).not.toContain('Sokha Chan');
    expect(publicPage.text).not.toContain('2468');

    // Collected in cash: $50 for $30 due gives $20 back; the unit is back with its owner.
    const collected = await postForm(
      agent,
      `/admin/repairs/${id}/collect`,
      { outcome: 'collected', method: 'cash', tenderedUsd: '50', tenderedKhr: '' },
      `/admin/repairs/${id}`,
    );
    expect(collected.status).toBe(303);
    expect(await repairRow(id)).toMatchObject({ status: 'collected', closed_at: expect.any(Date) });
    expect(
      await query(
        'SELECT kind, method, amount, cash_tendered_usd, change_usd, change_khr FROM repair_payments WHERE repair_id = ? ORDER BY id',
        [id],
      ),
    ).toEqual([
      {
        kind: 'deposit',
        method: 'cash',
        amount: '10.00',
        cash_tendered_usd: '10.00',
        change_usd: '0.00',
        change_khr: 0,
      },
      {
        kind: 'balance',
        method: 'cash',
        amount: '30.00',
        cash_tendered_usd: '50.00',
        change_usd: '20.00',
        change_khr: 0,
      },
    ]);
    expect(await query('SELECT status FROM serial_units WHERE id = ?', [unitId])).toEqual([{ status: 'sold' }]);
    expect((await statusLog(id)).map((l) => l.to_status)).toEqual([
      'received',
      'diagnosing',
      'awaiting_approval',
      'repairing',
      'ready',
      'collected',
    ]);
    expect((await mailbox.waitFor('sokha@example.com', 4)).subject).toBe(`Repair ${repairNumber(id)} collected`);
    // The receipt printed at hand-back: the work, what was paid and the change.
    const receipt = (await agent.get(`/admin/repairs/${id}/slip?size=80`)).text;
    expect(receipt).toContain('Repair receipt');
    expect(receipt).toContain('data-receipt-charged>$40.00<');
    expect(receipt).toContain('change $20.00 + 0 ៛');

    // The serial's life, found from the counter's search: left for repair, handed back, with the ticket.
    const history = (await agent.get('/admin/repairs?status=all&q=dl5520-0001')).text;
    expect(history).toContain('data-unit="DL5520-0001"');
    expect(history).toMatch(/Left for repair · <a href="\/admin\/repairs\/\d+">R-\d{6}<\/a>/);
    expect(history).toContain('Handed back after repair');
    expect(history).not.toContain('cost $700.00'); // staff see no costs

    // The cashier's day counts the $40 taken for the repair in the drawer.
    const eod = await agent.get(`/pos/end-of-day?date=${shopDay()}`);
    expect(eod.status).toBe(200);
    expect(eod.text).toContain('data-expected-usd="4000"');
    expect(eod.text).toMatch(/data-repairs>\$40\.00 <span class="muted">\(2\)/);
  });

  it('under warranty: parts and labour are free to the customer, costed for the shop; the deposit goes back', async () => {
    const batteryId = await battery();
    await soldLaptop();
    const { agent } = await staffAgent();
    const id = await takeIn(agent, {
      phone: '017 888 999',
      name: 'Vannak',
      serial: 'DL5520-0001',
      problem: 'Keyboard',
      underWarranty: '1',
      deposit: '5',
    });
    await move(agent, id, 'diagnosing');
    await postForm(agent, `/admin/repairs/${id}/parts`, { code: 'BAT-DELL-56' }, `/admin/repairs/${id}`);
    await move(agent, id, 'repairing');
    await move(agent, id, 'ready');
    const page = (await agent.get(`/admin/repairs/${id}`)).text;
    expect(page).toContain('Covered by the warranty');
    const res = await postForm(agent, `/admin/repairs/${id}/collect`, { outcome: 'collected' }, `/admin/repairs/${id}`);
    expect(res.status).toBe(303);
    expect(
      await query('SELECT kind, amount, change_usd FROM repair_payments WHERE repair_id = ? ORDER BY id', [id]),
    ).toEqual([
      { kind: 'deposit', amount: '5.00', change_usd: '0.00' },
      { kind: 'balance', amount: '-5.00', change_usd: '5.00' },
    ]);
    expect(await stockOf(batteryId)).toBe(2);

    // The report: one handed back, nothing charged, the battery's $14 as the shop's cost.
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const report = await admin.get('/admin/repairs/report');
    expect(report.status).toBe(200);
    expect(report.text).toContain('data-closed-count>1<');
    expect(report.text).toContain('data-charged>$0.00<');
    expect(report.text).toContain('data-parts-cost>$14.00<');
  });

  it('a part taken off an open ticket goes back to stock; a declined quote makes the device ready to return unrepaired', async () => {
    const batteryId = await battery();
    const { agent } = await staffAgent();
    const id = await takeIn(agent, {
      phone: '012 222 333',
      name: 'Srey',
      email: 'srey@example.com',
      locale: 'km',
      brand: 'HP',
      model: 'Pavilion 14',
      problem: 'Screen flickers',
    });
    const receivedKm = await mailbox.waitFor('srey@example.com');
    expect(receivedKm.subject).toBe(`យើងបានទទួលឧបករណ៍របស់អ្នក៖ ការជួសជុល ${repairNumber(id)}`);
    await move(agent, id, 'diagnosing');
    await postForm(agent, `/admin/repairs/${id}/parts`, { code: 'BAT-DELL-56', quantity: '2' }, `/admin/repairs/${id}`);
    expect(await stockOf(batteryId)).toBe(1);
    const [line] = await query<{ id: number }>('SELECT id FROM repair_lines WHERE repair_id = ?', [id]);
    const removed = await postForm(agent, `/admin/repairs/${id}/lines/${line!.id}/delete`, {}, `/admin/repairs/${id}`);
    expect(removed.status).toBe(303);
    expect(await stockOf(batteryId)).toBe(3);
    expect(await query('SELECT id FROM repair_lines WHERE repair_id = ?', [id])).toEqual([]);

    await postForm(
      agent,
      `/admin/repairs/${id}/labour`,
      { description: 'Diagnosis', price: '5' },
      `/admin/repairs/${id}`,
    );
    await postForm(agent, `/admin/repairs/${id}/quote`, {}, `/admin/repairs/${id}`);
    const quoteMail = await mailbox.waitFor('srey@example.com', 2);
    expect(quoteMail.subject).toBe(`តារាងតម្លៃជួសជុល ${repairNumber(id)}`);
    const quotePath = new URL(/(http[^\s]+\/repair-quote\/[\w-]+)/.exec(quoteMail.text)![1]!).pathname;
    const customer = request.agent(newApp());
    await postForm(customer, quotePath, { answer: 'declined' });
    expect(await repairRow(id)).toMatchObject({ status: 'ready', quote_answer: 'declined' });
    // The declined work is not owed: the quoted lines are taken off; the public page says "unrepaired".
    expect(await query('SELECT id FROM repair_lines WHERE repair_id = ?', [id])).toEqual([]);
    const statusPage = await request(newApp()).get(`/repair-status?ticket=${repairNumber(id)}&phone=012222333`);
    expect(statusPage.text).toContain('Ready to collect, unrepaired');
    await postForm(
      agent,
      `/admin/repairs/${id}/labour`,
      { description: 'Diagnosis', price: '5' },
      `/admin/repairs/${id}`,
    );

    // Declined: it cannot be marked repaired, and the ticket says to take off what was not done.
    expect((await agent.get(`/admin/repairs/${id}`)).text).toContain('data-declined');
    const notRepaired = await postForm(
      agent,
      `/admin/repairs/${id}/collect`,
      { outcome: 'collected', method: 'cash', tenderedUsd: '5' },
      `/admin/repairs/${id}`,
    );
    expect(notRepaired.status).toBe(303);
    expect((await agent.get(`/admin/repairs/${id}`)).text).toContain('The customer declined this repair');
    expect(await query('SELECT id FROM repair_payments WHERE repair_id = ?', [id])).toEqual([]);

    // Handed back unrepaired: the diagnosis fee is paid in riel ($5 = 20,500 ៛ at 4,100; 21,000 given).
    const res = await postForm(
      agent,
      `/admin/repairs/${id}/collect`,
      { outcome: 'returned', method: 'cash', tenderedUsd: '', tenderedKhr: '21000' },
      `/admin/repairs/${id}`,
    );
    expect(res.status).toBe(303);
    expect((await repairRow(id)).status).toBe('returned');
    const [pay] = await query<{ amount: string; cash_tendered_khr: number; change_khr: number }>(
      "SELECT amount, cash_tendered_khr, change_khr FROM repair_payments WHERE repair_id = ? AND kind = 'balance'",
      [id],
    );
    expect(pay!.amount).toBe('5.00');
    expect(pay!.cash_tendered_khr).toBe(21000);
    expect(pay!.change_khr).toBeGreaterThan(0);
  });

  it('the counter list finds a ticket by number, phone or serial; the slip prints the number and a QR to the status page', async () => {
    const { agent } = await staffAgent();
    const id = await takeIn(agent, {
      phone: '099 111 222',
      name: 'Dara',
      brand: 'Lenovo',
      model: 'IdeaPad 3',
      serial: 'PF-3ABC12',
      problem: 'Fan noise',
    });
    for (const q of [repairNumber(id), '099 111', 'pf-3abc12', 'IdeaPad']) {
      const list = await agent.get(`/admin/repairs?q=${encodeURIComponent(q)}`);
      expect(list.text, q).toContain(`data-repair="${repairNumber(id)}"`);
    }
    expect((await agent.get('/admin/repairs?q=nobody-like-this')).text).not.toContain('data-repair=');
    for (const size of ['80', 'a4']) {
      const slip = await agent.get(`/admin/repairs/${id}/slip?size=${size}`);
      expect(slip.status).toBe(200);
      expect(slip.text).toContain(`data-slip-number>${repairNumber(id)}<`);
      expect(slip.text).toContain('src="data:image/png;base64,');
      expect(slip.text).toContain(`repair-slip slip-${size}`);
    }
    // The public page by ticket and phone (either way of writing it); a wrong phone learns nothing.
    const anon = request(newApp());
    const ok = await anon.get(`/repair-status?ticket=${repairNumber(id)}&phone=%2B85599111222`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Lenovo IdeaPad 3');
    const wrong = await anon.get(`/repair-status?ticket=${repairNumber(id)}&phone=099111223`);
    expect(wrong.status).toBe(404);
    expect(wrong.text).not.toContain('IdeaPad');
  });

  it('photos of the device: checked by content, kept private to staff, at most 12 a ticket', async () => {
    const { agent } = await staffAgent();
    const id = await takeIn(agent, {
      phone: '012 555 666',
      name: 'Bopha',
      brand: 'HP',
      model: '250 G9',
      problem: 'Cracked',
    });
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const upload = async (files: Buffer[]) => {
      const token = await csrfFrom(agent, `/admin/repairs/${id}`);
      let req = agent.post(`/admin/repairs/${id}/photos`).set('Accept', 'text/html').field('_csrf', token);
      for (const [i, f] of files.entries()) req = req.attach('photos', f, `photo-${i}.png`);
      return req;
    };
    const notImage = await upload([Buffer.from('this is not a picture')]);
    expect(notImage.status).toBe(422);
    expect(await query('SELECT id FROM repair_photos')).toEqual([]);
    expect((await upload([png])).status).toBe(303);
    const [photo] = await query<{ id: number; file_key: string }>(
      'SELECT id, file_key FROM repair_photos WHERE repair_id = ?',
      [id],
    );
    const file = await agent.get(`/admin/repairs/${id}/photos/${photo!.id}/sm`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/webp');
    // Not under the public media folders, and not for anyone else.
    expect((await request(newApp()).get(`/media/repair-photos/${photo!.file_key}-sm.webp`)).status).toBe(404);
    const customer = await loginAs(newApp(), await createUser());
    expect((await customer.get(`/admin/repairs/${id}/photos/${photo!.id}/sm`)).status).toBe(403);
    expect((await agent.get(`/admin/repairs/${id + 1}/photos/${photo!.id}/sm`)).status).toBe(404);
    // Twelve at most: 1 + 6 + 5 fit, one more is refused with a message.
    expect((await upload([png, png, png, png, png, png])).status).toBe(303);
    expect((await upload([png, png, png, png, png])).status).toBe(303);
    const full = await upload([png]);
    expect(full.status).toBe(422);
    expect(full.text).toContain('at most 12 photos');
    expect(await query('SELECT id FROM repair_photos WHERE repair_id = ?', [id])).toHaveLength(12);
  });
});
