import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/modules/orders/orders.service.js';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, guestDetails, placeOrder, shopWith } from '../helpers/shop.js';

/*
 * The PDF invoice of an order whose customer wrote in Khmer: the Khmer font is embedded, no Khmer
 * character is lost from the text layer, and page 1 looks like the stored reference (checked by eye:
 * coeng clusters stacked, vowels placed). Regenerate the reference only on purpose:
 * UPDATE_REFERENCE=1 npx vitest run --project db tests/integration/invoice-pdf.test.ts
 */
const REFERENCE = path.resolve('tests/fixtures/invoice-khmer.png');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'invoice-pdf-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const khmer = {
  name: 'លឿង សុខចន្ទា',
  recipientName: 'វៀន ស្រីមុំ',
  street: 'ផ្ទះលេខ ២៥ ផ្លូវព្រះសីហនុ ក្បែរវត្តកោះ',
  commune: 'សង្កាត់ទួលទំពូងទី១',
  district: 'ខណ្ឌចំការមន',
  buyerCompany: 'ក្រុមហ៊ុន អង្គរ ឌីជីថល ឯ.ក',
  buyerAddress: 'ផ្លូវ ២១៤ រាជធានីភ្នំពេញ',
};
const product = 'កុំព្យូទ័រយួរដៃ ស្ត្រី';
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/u;

/** How many times each Khmer character occurs in the texts. */
function khmerCounts(...texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of texts.join('')) if (KHMER.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/** a − b, keeping only what is left over (in either direction: a shortfall shows as a negative count). */
function difference(a: Map<string, number>, b: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ch of new Set([...a.keys(), ...b.keys()])) {
    const d = (a.get(ch) ?? 0) - (b.get(ch) ?? 0);
    if (d) out[ch] = d;
  }
  return out;
}

async function fetchPdf(agent: Agent, number: string, file: string): Promise<string> {
  const res = await agent
    .get(`/orders/${number}/invoice.pdf`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const out = path.join(work, file);
  fs.writeFileSync(out, res.body as Buffer);
  return out;
}

/** A command-line tool of poppler-utils or fontconfig (Debian packages, not npm), its output as text. */
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const textLayer = (pdf: string) => run('pdftotext', '-enc', 'UTF-8', pdf, '-');

/** Share of pixels whose colour differs by more than `threshold` in any channel (same size required). */
async function pixelDiff(a: Buffer, b: Buffer, threshold = 64): Promise<number> {
  const [x, y] = await Promise.all(
    [a, b].map((png) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  expect([y!.info.width, y!.info.height]).toEqual([x!.info.width, x!.info.height]);
  let differing = 0;
  for (let i = 0; i < x!.data.length; i += 3) {
    const d = Math.max(
      Math.abs(x!.data[i]! - y!.data[i]!),
      Math.abs(x!.data[i + 1]! - y!.data[i + 1]!),
      Math.abs(x!.data[i + 2]! - y!.data[i + 2]!),
    );
    if (d > threshold) differing++;
  }
  return differing / (x!.info.width * x!.info.height);
}

/** A paid online order placed in Khmer, then pinned to fixed numbers and dates so its page renders the same every run. */
async function khmerOrder() {
  await query(
    'INSERT INTO settings (`key`, value) VALUES ' +
      "('vatNumber', 'K001-100200300'), ('vatRate', '10'), ('shopPhone', '+855 12 345 678')",
  );
  const app = newApp();
  const { variantIds } = await shopWith([{ price: '499.00', stock: 5, name: product }]);
  const guest = request.agent(app);
  await addToCart(guest, variantIds[0]!, 2);
  const { token, csrf } = await checkoutToReview(guest, {
    ...guestDetails,
    ...khmer,
    buyerVatin: 'K001-901234567',
  });
  expect((await placeOrder(guest, token, csrf)).status).toBe(303);
  const [order] = await query<{ id: number }>('SELECT id FROM orders');
  await transition(order!.id, 'paid');
  await query(
    "UPDATE orders SET number = 'CS-260315-123456', invoice_number = 'INV-2026-000123', locale = 'km', " +
      "placed_at = '2026-03-15 02:00:00', paid_at = '2026-03-15 03:00:00', invoiced_at = '2026-03-15 03:00:00', " +
      "customer_email = 'chanda@example.com', customer_phone = '012345678' WHERE id = ?",
    [order!.id],
  );
  await query("UPDATE order_lines SET sku = 'NB-X1-16' WHERE order_id = ?", [order!.id]);
  // Staff may open any order (the guest's session knows it under its first number).
  const staff = await loginAs(app, await createUser({ role: 'staff' }));
  return { staff, orderId: order!.id, number: 'CS-260315-123456' };
}

describe('the PDF invoice in Khmer and English', () => {
  it('embeds Noto Sans Khmer, keeps every Khmer character of the order in its text layer, and renders like the reference', async () => {
    const { staff, orderId, number } = await khmerOrder();
    const pdf = await fetchPdf(staff, number, 'khmer.pdf');

    const fonts = run('pdffonts', pdf);
    expect(fonts).toMatch(/\+NotoSansKhmer-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/\+NotoSansKhmer-Bold/);

    const text = textLayer(pdf);
    for (const s of ['TAX INVOICE', 'INV-2026-000123', 'CS-260315-123456', 'K001-901234567', 'K001-100200300'])
      expect(text).toContain(s);
    // 2 × 499.00 + 1.50 delivery = 999.50; VAT 10% = 99.95; total 1,099.45 = 4,507,745 riel at 4,100.
    for (const s of ['$998.00', '$99.95', '$1,099.45', '4,507,745']) expect(text).toContain(s);

    // pdftotext gives Khmer in visual order (coeng ro and pre-base vowels first), so characters are
    // compared as counts: the same invoice with the customer's Khmer replaced by Latin letters has
    // exactly the customer's Khmer characters fewer: none lost, none doubled.
    const latin = Object.fromEntries(Object.keys(khmer).map((k, i) => [k, `Latin${i}`]));
    await query(
      'UPDATE orders SET customer_name = ?, ship_name = ?, ship_street = ?, ship_commune = ?, ship_district = ?, ' +
        'buyer_company = ?, buyer_address = ? WHERE id = ?',
      [
        latin.name,
        latin.recipientName,
        latin.street,
        latin.commune,
        latin.district,
        latin.buyerCompany,
        latin.buyerAddress,
        orderId,
      ],
    );
    await query("UPDATE order_lines SET product_name = 'Laptop' WHERE order_id = ?", [orderId]);
    const plain = textLayer(await fetchPdf(staff, number, 'plain.pdf'));
    const customerKhmer = khmerCounts(...Object.values(khmer), product);
    expect(difference(khmerCounts(text), khmerCounts(plain))).toEqual(Object.fromEntries(customerKhmer));

    // The page's Latin text is Helvetica, which the PDF names but does not embed: poppler draws it
    // with Liberation Sans (Debian's fonts-liberation), as when the reference was made.
    expect(run('fc-match', 'Helvetica'), 'apt-get install fonts-liberation').toContain('Liberation Sans');
    run('pdftoppm', '-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(work, 'page'));
    const page = fs.readFileSync(path.join(work, 'page.png'));
    if (process.env.UPDATE_REFERENCE === '1') fs.writeFileSync(REFERENCE, page);
    expect(
      fs.existsSync(REFERENCE),
      `no reference image: run with UPDATE_REFERENCE=1 once and look at ${REFERENCE}`,
    ).toBe(true);
    expect(await pixelDiff(page, fs.readFileSync(REFERENCE))).toBeLessThan(0.002);
  });
});
