import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseSerials } from '../../src/modules/units/units.service.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { createUser, csrfFrom, loginAs, newApp, postForm, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

const admin = async (): Promise<Agent> => loginAs(newApp(), await createUser({ role: 'admin' }));
const cashier = async (): Promise<Agent> => loginAs(newApp(), await createUser({ role: 'staff' }));

const units = (variantId: number) =>
  query<{ serial: string; status: string; order_id: number | null }>(
    'SELECT serial, status, order_id FROM serial_units WHERE variant_id = ? ORDER BY serial',
    [variantId],
  );

/** A laptop tracked by serial, ordered from a supplier (3 units at $700), the order marked ordered. */
async function trackedLaptopOnOrder(a: Agent) {
  const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
  const p = await createProduct({
    name: 'ASUS Zenbook 14 OLED',
    categoryId: cat.id,
    variants: [{ sku: 'ZB14', price: '999.00', stock: 0, costPrice: '0.00' }],
  });
  await query('UPDATE products SET warranty_months = 24 WHERE id = ?', [p.id]);
  const variantId = p.variants[0]!.id;
  const page = `/admin/inventory/${variantId}`;
  expect((await postForm(a, `${page}/tracking`, { tracksSerials: '1' }, page)).status).toBe(303);
  await postForm(a, '/admin/suppliers', { name: 'ASUS Cambodia Distributor' });
  const [s] = await query<{ id: number }>('SELECT id FROM suppliers');
  const created = await postForm(a, '/admin/purchase-orders', { supplierId: String(s!.id) });
  const po = created.headers.location!;
  await postForm(a, `${po}/lines`, { sku: 'ZB14', quantity: '3', unitCost: '700' }, po);
  await postForm(a, `${po}/order`, {}, po);
  const [line] = await query<{ id: number }>('SELECT id FROM purchase_order_lines');
  return { variantId, po, lineId: line!.id, productId: p.id };
}

describe('serial numbers: parsing and dates', () => {
  it('reads one serial per line (or separated by commas/spaces), upper-cased; flags bad and repeated ones', () => {
    expect(parseSerials('sn-001\nSN-002, sn-003  sn-001\n\n?!')).toEqual({
      serials: ['SN-001', 'SN-002', 'SN-003'],
      bad: ['?!'],
      repeated: ['SN-001'],
    });
    // Letters that upper-case into ASCII are not serials (ı → I, ß → SS): no look-alike duplicates.
    expect(parseSerials('ıd-123 straße-1').bad).toEqual(['ıd-123', 'straße-1']);
  });
});

describe('serial numbers: receiving, selling at the till, the warranty page', () => {
  it('a laptop received with its serial, sold at the till, shows the serial on the receipt and the warranty page', async () => {
    const a = await admin();
    const { variantId, po, lineId } = await trackedLaptopOnOrder(a);
    const s = await cashier();

    // Receiving a tracked item needs one serial per unit; every problem is named, nothing comes in.
    const missing = await postForm(s, `${po}/receive`, { [`q_${lineId}`]: '2', [`s_${lineId}`]: 'K9N0CV123456' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Enter one serial per unit: 2 expected, 1 given.');
    expect(missing.text).toContain('K9N0CV123456');
    const twice = await postForm(s, `${po}/receive`, { [`q_${lineId}`]: '2', [`s_${lineId}`]: 'AAA111\naaa111' });
    expect(twice.text).toContain('Entered twice: AAA111.');
    expect(await units(variantId)).toEqual([]);
    expect((await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock).toBe(0);

    const ok = await postForm(s, `${po}/receive`, {
      [`q_${lineId}`]: '2',
      [`s_${lineId}`]: 'k9n0cv123456\nK9N0CV123457',
    });
    expect(ok.status).toBe(303);
    expect(await units(variantId)).toEqual([
      { serial: 'K9N0CV123456', status: 'in_stock', order_id: null },
      { serial: 'K9N0CV123457', status: 'in_stock', order_id: null },
    ]);
    // A serial is never reused for the item, even on a later delivery.
    const again = await postForm(s, `${po}/receive`, { [`q_${lineId}`]: '1', [`s_${lineId}`]: 'K9N0CV123456' });
    expect(again.status).toBe(422);
    expect(again.text).toContain('Already used for this item: K9N0CV123456.');
    // Adjusting a tracked item's stock by hand is refused: units come in by receiving.
    const adjust = await postForm(s, `/admin/inventory/${variantId}`, { reason: 'restock', quantity: '1' });
    expect(adjust.status).toBe(422);
    expect(adjust.text).toContain('tracked by serial');

    // At the till: the SKU alone is not enough; the unit's serial is scanned.
    const bySku = await postForm(s, '/pos/scan', { code: 'ZB14' }, '/pos');
    expect(bySku.status).toBe(422);
    expect(bySku.text).toContain('ZB14 is sold by serial number: scan the serial on the unit.');
    expect((await postForm(s, '/pos/scan', { code: 'k9n0cv123457' }, '/pos')).status).toBe(303);
    const screen = await s.get('/pos');
    expect(screen.text).toContain('S/N: K9N0CV123457');
    expect((await postForm(s, `/pos/lines/${variantId}/quantity`, { quantity: '2' }, '/pos')).status).toBe(422);
    const sold = await postForm(s, '/pos/complete', { method: 'cash', tenderedUsd: '1000' }, '/pos');
    expect(sold.status).toBe(303);
    const receipt = await s.get(sold.headers.location!);
    expect(receipt.text).toContain('S/N: K9N0CV123457');
    const [order] = await query<{ id: number }>("SELECT id FROM orders WHERE channel = 'counter'");
    expect(await units(variantId)).toEqual([
      { serial: 'K9N0CV123456', status: 'in_stock', order_id: null },
      { serial: 'K9N0CV123457', status: 'sold', order_id: order!.id },
    ]);
    const events = await query<{ event: string }>(
      "SELECT e.event FROM serial_unit_events e JOIN serial_units u ON u.id = e.unit_id WHERE u.serial = 'K9N0CV123457' ORDER BY e.id",
    );
    expect(events.map((e) => e.event)).toEqual(['received', 'sold']);

    // The public warranty page: product, day bought, covered until (24 months), nothing about the buyer.
    const visitor = request(newApp());
    const page = await visitor.get('/warranty?serial=k9n0cv123457');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.text).toContain('ASUS Zenbook 14 OLED');
    expect(page.text).toMatch(/<strong data-warranty>Covered<\/strong>/);
    const [{ day }] = (await query<{ day: string }>(
      "SELECT DATE_FORMAT(CONVERT_TZ(sold_at, '+00:00', '+07:00'), '%Y-%m-%d') AS day FROM serial_units WHERE serial = 'K9N0CV123457'",
    )) as [{ day: string }];
    expect(page.text).toContain(day);
    expect(page.text).toContain(`${Number(day.slice(0, 4)) + 2}${day.slice(4)}`); // 24 months on
    expect(page.text).not.toContain('Walk-in customer');
    const unsold = await visitor.get('/warranty?serial=K9N0CV123456');
    expect(unsold.text).toContain('Not sold yet');
    expect((await visitor.get('/warranty?serial=NOPE-0000')).text).toContain(
      'We have no device with this serial number.',
    );
    expect((await visitor.get('/warranty?serial=%3Cscript%3E')).text).not.toContain('<script>');

    // The customer brings it back, faulty: the same serial must come back; it is kept aside, not sold again.
    const [sale] = await query<{ number: string; line: number }>(
      "SELECT o.number, l.id AS line FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.channel = 'counter'",
    );
    const returns = `/pos/returns?number=${sale!.number}`;
    const stockNow = async () =>
      (await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock;
    const before = await stockNow();
    const wrong = await postForm(
      a,
      `/pos/returns/${sale!.number}`,
      { [`qty_${sale!.line}`]: '1', [`sn_${sale!.line}`]: 'K9N0CV123456', reason: 'Screen flickers' },
      returns,
    );
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Not sold on this order: K9N0CV123456.');
    const back = await postForm(
      a,
      `/pos/returns/${sale!.number}`,
      {
        [`qty_${sale!.line}`]: '1',
        [`sn_${sale!.line}`]: 'K9N0CV123457',
        [`cond_${sale!.line}`]: 'faulty',
        reason: 'Screen flickers',
      },
      returns,
    );
    expect(back.status).toBe(303);
    expect((await units(variantId)).find((u) => u.serial === 'K9N0CV123457')!.status).toBe('faulty');
    expect(await stockNow()).toBe(before);
    const moves = await query<{ reason: string; delta: number }>(
      "SELECT reason, delta FROM stock_movements WHERE variant_id = ? AND reason IN ('return', 'damage') ORDER BY id",
      [variantId],
    );
    expect(moves).toEqual([
      { reason: 'return', delta: 1 },
      { reason: 'damage', delta: -1 },
    ]);
    expect((await visitor.get('/warranty?serial=K9N0CV123457')).text).toContain('Faulty');

    // Repaired, the faulty unit goes back in stock; the other one, lost, is written off (admins only).
    const unitId = async (serial: string) =>
      (await query<{ id: number }>('SELECT id FROM serial_units WHERE serial = ?', [serial]))[0]!.id;
    const inv = `/admin/inventory/${variantId}`;
    expect((await postForm(s, `${inv}/units/${await unitId('K9N0CV123457')}/restock`, {}, inv)).status).toBe(403);
    expect((await postForm(a, `${inv}/units/${await unitId('K9N0CV123457')}/restock`, {}, inv)).status).toBe(303);
    expect(await stockNow()).toBe(before + 1);
    const lost = await unitId('K9N0CV123456');
    expect((await postForm(a, `${inv}/units/${lost}/write-off`, { note: 'Lost in transit' }, inv)).status).toBe(303);
    expect(await stockNow()).toBe(before);
    expect((await postForm(a, `${inv}/units/${lost}/write-off`, {}, inv)).status).toBe(409);
    expect(await units(variantId)).toEqual([
      { serial: 'K9N0CV123456', status: 'written_off', order_id: null },
      { serial: 'K9N0CV123457', status: 'in_stock', order_id: null },
    ]);
    // Stock and units in stock agree, and the ledger sums to the stock.
    const [agree] = await query<{ stock: number; units: number; ledger: number }>(
      `SELECT v.stock, (SELECT COUNT(*) FROM serial_units u WHERE u.variant_id = v.id AND u.status = 'in_stock') AS units,
        (SELECT SUM(delta) FROM stock_movements m WHERE m.variant_id = v.id) AS ledger FROM variants v WHERE v.id = ?`,
      [variantId],
    );
    expect([Number(agree!.stock), Number(agree!.units), Number(agree!.ledger)]).toEqual([1, 1, 1]);
  });

  it('two tills sell the same serial at once: one sale, the other is told the unit is gone', async () => {
    const a = await admin();
    const { po, lineId, variantId } = await trackedLaptopOnOrder(a);
    expect((await postForm(a, `${po}/receive`, { [`q_${lineId}`]: '1', [`s_${lineId}`]: 'ONLY-ONE-1' })).status).toBe(
      303,
    );
    const tills = [await cashier(), await cashier()];
    for (const t of tills) expect((await postForm(t, '/pos/scan', { code: 'ONLY-ONE-1' }, '/pos')).status).toBe(303);
    const tokens = await Promise.all(tills.map((t) => csrfFrom(t, '/pos')));
    const answers = await Promise.all(
      tills.map((t, i) =>
        t
          .post('/pos/complete')
          .type('form')
          .set('Accept', 'text/html')
          .send({ method: 'cash', tenderedUsd: '1000', _csrf: tokens[i] }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect(refused.text).toMatch(/Not in stock \(sold or unknown\): ONLY-ONE-1|not enough stock|Only 0/i);
    expect(await query("SELECT COUNT(*) AS n FROM orders WHERE channel = 'counter'")).toEqual([{ n: 1 }]);
    expect((await units(variantId))[0]!.status).toBe('sold');
    expect((await query<{ stock: number }>('SELECT stock FROM variants WHERE id = ?', [variantId]))[0]!.stock).toBe(0);
  });

  it('tracking starts only at stock 0, and only admins switch it; the warranty check is rate limited', async () => {
    const a = await admin();
    const cat = await createCategory({ name: 'Phones', slug: 'phones' });
    const p = await createProduct({
      name: 'Galaxy A55',
      categoryId: cat.id,
      variants: [{ price: '399.00', stock: 2 }],
    });
    const page = `/admin/inventory/${p.variants[0]!.id}`;
    const refused = await postForm(a, `${page}/tracking`, { tracksSerials: '1' }, page);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Serial tracking can start when the stock is 0');
    const s = await cashier();
    const token = await csrfFrom(s, page);
    expect((await s.post(`${page}/tracking`).type('form').send({ tracksSerials: '1', _csrf: token })).status).toBe(403);
    expect(
      (await query<{ t: number }>('SELECT tracks_serials AS t FROM variants WHERE id = ?', [p.variants[0]!.id]))[0]!.t,
    ).toBe(0);
    const visitor = request(newApp());
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await visitor.get(`/warranty?serial=WALK-${i}`)).status);
    expect(statuses.slice(0, 30).every((st) => st === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('serial numbers: the warranty end day', () => {
  it('counts from the sale day in Phnom Penh; a month end that does not exist ends on the last day', async () => {
    const cat = await createCategory({ name: 'Mice', slug: 'mice' });
    const p = await createProduct({ name: 'MX Anywhere 3', categoryId: cat.id, variants: [{ price: '79.00' }] });
    await query('UPDATE products SET warranty_months = 1 WHERE id = ?', [p.id]);
    // 30 January 20:00 UTC is 31 January 03:00 in Phnom Penh: one month on is 28 February.
    await query("INSERT INTO serial_units (variant_id, serial, status, sold_at) VALUES (?, 'MX-0131', 'sold', ?)", [
      p.variants[0]!.id,
      '2026-01-30 20:00:00',
    ]);
    const page = await request(newApp()).get('/warranty?serial=MX-0131');
    expect(page.text).toContain('2026-01-31');
    expect(page.text).toContain('2026-02-28');
    expect(page.text).toMatch(/<strong data-warranty>Ended<\/strong>/);
  });
});

describe('serial numbers: switched on while goods are out', () => {
  it('a till line rung up before tracking was switched on cannot complete without its serials', async () => {
    const { variantIds } = await shopWith([{ price: '20.00', stock: 1 }]);
    const s = await cashier();
    expect((await postForm(s, `/pos/lines/${variantIds[0]}`, {}, '/pos')).status).toBe(303);
    await query('UPDATE variants SET tracks_serials = 1 WHERE id = ?', [variantIds[0]]);
    const done = await postForm(s, '/pos/complete', { method: 'cash', tenderedUsd: '20' }, '/pos');
    expect(done.status).toBe(422);
    expect(done.text).toContain('is sold by serial number');
    expect(await query("SELECT COUNT(*) AS n FROM orders WHERE channel = 'counter'")).toEqual([{ n: 0 }]);
  });

  it('tracking is refused while an open order holds the item; a serial on two lines of a receipt is a repeat', async () => {
    const app = newApp();
    const { variantIds } = await shopWith([{ price: '20.00', stock: 1 }]);
    const agent = request.agent(app);
    await addToCart(agent, variantIds[0]!, 1);
    const { token, csrf } = await checkoutToReview(agent, guestDetails);
    await placeOrder(agent, token, csrf);
    const a = await loginAs(app, await createUser({ role: 'admin' }));
    const page = `/admin/inventory/${variantIds[0]}`;
    const refused = await postForm(a, `${page}/tracking`, { tracksSerials: '1' }, page);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Open orders still hold this item without serials');
    const [{ sku }] = (await query<{ sku: string }>('SELECT sku FROM variants WHERE id = ?', [variantIds[0]])) as [
      { sku: string },
    ];
    await query("UPDATE orders SET status = 'cancelled'");
    await query('UPDATE variants SET tracks_serials = 1 WHERE id = ?', [variantIds[0]]);
    const twice = await postForm(
      a,
      '/admin/receipts',
      { lines: `${sku}, 1, 5.00, DUP-0001\n${sku}, 1, 5.00, DUP-0001` },
      '/admin/receipts/new',
    );
    expect(twice.status).toBe(422);
    expect(twice.text).toContain('DUP-0001');
    expect(await query('SELECT COUNT(*) AS n FROM serial_units')).toEqual([{ n: 0 }]);
  });
});

describe('serial numbers: online orders', () => {
  /** A paid pickup order for one unit of an item tracked by serial, with units A-0001 and A-0002 on the shelf. */
  async function paidTrackedOrder(app: ReturnType<typeof newApp>) {
    const { variantIds } = await shopWith([{ price: '850.00', stock: 2 }]);
    const variantId = variantIds[0]!;
    await query('UPDATE variants SET tracks_serials = 1 WHERE id = ?', [variantId]);
    await query("INSERT INTO serial_units (variant_id, serial) VALUES (?, 'A-0001'), (?, 'A-0002')", [
      variantId,
      variantId,
    ]);
    const agent = request.agent(app);
    await addToCart(agent, variantId, 1);
    const { token, csrf } = await checkoutToReview(agent, { ...guestDetails, deliveryMethod: 'pickup' });
    await placeOrder(agent, token, csrf);
    const [order] = await query<{ id: number; number: string }>(
      'SELECT id, number FROM orders ORDER BY id DESC LIMIT 1',
    );
    await query("UPDATE orders SET status = 'paid', paid_at = NOW() WHERE id = ?", [order!.id]);
    const [{ sku }] = (await query<{ sku: string }>('SELECT sku FROM variants WHERE id = ?', [variantId])) as [
      { sku: string },
    ];
    return { order: order!, variantId, sku };
  }

  it('packing picks the serial before the order can be ready; the packing slip prints it; a cancel puts it back', async () => {
    const app = newApp();
    const { order, variantId, sku } = await paidTrackedOrder(app);
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    const page = `/admin/orders/${order.number}`;
    const early = await postForm(staff, `${page}/ready`, {}, page);
    expect(early.status).toBe(409);
    expect(early.text).toContain(`Pick the serial numbers first: ${sku}.`);
    const two = await postForm(staff, `${page}/serials/${variantId}`, { serials: 'A-0001 A-0002' }, page);
    expect(two.status).toBe(422);
    expect(two.text).toContain('Enter one serial per unit: 1 expected, 2 given.');
    const unknown = await postForm(staff, `${page}/serials/${variantId}`, { serials: 'ZZ-9999' }, page);
    expect(unknown.status).toBe(409);
    expect(unknown.text).toContain('Not in stock (sold or unknown): ZZ-9999.');
    expect((await postForm(staff, `${page}/serials/${variantId}`, { serials: 'a-0002' }, page)).status).toBe(303);
    expect(await units(variantId)).toEqual([
      { serial: 'A-0001', status: 'in_stock', order_id: null },
      { serial: 'A-0002', status: 'sold', order_id: order.id },
    ]);
    // Picking again is refused: the line has its serials.
    expect((await postForm(staff, `${page}/serials/${variantId}`, { serials: 'A-0001' }, page)).status).toBe(409);
    expect((await staff.get(`${page}/packing-slip`)).text).toContain('S/N: A-0002');
    const invoice = await staff.get(`/orders/${order.number}/invoice`);
    expect(invoice.status).toBe(200);
    expect(invoice.text).toContain('S/N A-0002');
    expect((await postForm(staff, `${page}/ready`, {}, page)).status).toBe(303);

    // Warranty by order number and the phone it was placed with (any way of writing it); a wrong phone: nothing.
    const visitor = request(app);
    const byOrder = await visitor.get(`/warranty?order=${order.number}&phone=${encodeURIComponent('+855 12 345 678')}`);
    expect(byOrder.text).toMatch(/<strong data-warranty>Covered<\/strong>/);
    const wrongPhone = await visitor.get(`/warranty?order=${order.number}&phone=099999999`);
    expect(wrongPhone.text).toContain('We have no device with this serial number.');
    expect(wrongPhone.text).not.toContain('data-warranty');
    // Sold 11 months and 20 days ago with 12 months of warranty: on the "ending soon" list, and on the customer's page.
    await query(
      "UPDATE serial_units SET sold_at = NOW() - INTERVAL 12 MONTH + INTERVAL 10 DAY WHERE serial = 'A-0002'",
    );
    const soon = await staff.get('/admin/warranty');
    expect(soon.status).toBe(200);
    expect(soon.text).toContain('A-0002');
    const buyer = await createUser({ role: 'customer' });
    await query('UPDATE orders SET user_id = ? WHERE id = ?', [buyer.id, order.id]);
    expect((await staff.get(`/admin/customers/${buyer.id}`)).text).toContain('A-0002');
    expect(
      (await loginAs(app, await createUser({ role: 'customer' })).then((c) => c.get('/admin/warranty'))).status,
    ).toBe(403);

    // Another order, picked then cancelled by an admin: its unit is back on the shelf.
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const agent = request.agent(app);
    await addToCart(agent, variantId, 1);
    const { token, csrf } = await checkoutToReview(agent, { ...guestDetails, deliveryMethod: 'pickup' });
    await placeOrder(agent, token, csrf);
    const [next] = await query<{ id: number; number: string }>(
      'SELECT id, number FROM orders ORDER BY id DESC LIMIT 1',
    );
    await query("UPDATE orders SET status = 'paid', paid_at = NOW() WHERE id = ?", [next!.id]);
    const nextPage = `/admin/orders/${next!.number}`;
    expect((await postForm(admin, `${nextPage}/serials/${variantId}`, { serials: 'A-0001' }, nextPage)).status).toBe(
      303,
    );
    const cancel = await postForm(
      admin,
      `${nextPage}/cancel`,
      { reason: 'Customer changed mind', method: 'cash' },
      nextPage,
    );
    expect(cancel.status).toBe(303);
    expect((await units(variantId)).find((u) => u.serial === 'A-0001')).toEqual({
      serial: 'A-0001',
      status: 'in_stock',
      order_id: null,
    });
    const events = await query<{ event: string }>(
      "SELECT e.event FROM serial_unit_events e JOIN serial_units u ON u.id = e.unit_id WHERE u.serial = 'A-0001' ORDER BY e.id",
    );
    expect(events.map((e) => e.event)).toEqual(['sold', 'restocked']);
  });
});
