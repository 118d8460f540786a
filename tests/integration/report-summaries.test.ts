import { describe, expect, it } from 'vitest';
import { SHOP_UTC_OFFSET } from '../../src/domain/shop-time.js';
import { translator } from '../../src/lib/i18n.js';
import * as summary from '../../src/modules/reports/summary-reports.js';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import * as direct from '../helpers/report-oracle.js';

const t = translator('en');
const at = (local: string) => new Date(`${local}${SHOP_UTC_OFFSET}`);
let n = 0;
async function order(
  day: string,
  status: string,
  grand: string,
  lines: { productId: number; sku: string; qty: number; total: string; cost: string; returned?: number }[],
  channel = 'online',
  method = 'khqr',
) {
  n++;
  const r = (await query(
    `INSERT INTO orders (number, channel, status, customer_name, customer_email, customer_phone, delivery_method,
      subtotal, grand_total, khr_per_usd, payment_method, placed_at)
    VALUES (?, ?, ?, 'C', 'c@example.com', '+85512345678', 'pickup', ?, ?, 4100, ?, ?)`,
    [`CS-260401-${String(300000 + n)}`, channel, status, grand, grand, method, at(`${day}T08:30:00`)],
  )) as unknown as { insertId: number };
  for (const l of lines)
    await query(
      `INSERT INTO order_lines
        (order_id, product_id, product_name, sku, unit_price, cost_price, quantity, line_total, returned_quantity)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.insertId, l.productId, `P ${l.sku}`, l.sku, l.total, l.cost, l.qty, l.total, l.returned ?? 0],
    );
  return r.insertId;
}

async function fixture() {
  const cat = await createCategory({ name: 'Parts', slug: 'parts' });
  const a = await createProduct({ name: 'P A', categoryId: cat.id, variants: [{ sku: 'A', price: '3.33', stock: 5 }] });
  const b = await createProduct({ name: 'P B', categoryId: cat.id, variants: [{ sku: 'B', price: '7.77', stock: 5 }] });
  // Awkward amounts (thirds of cents once returns are spread) to catch rounding differences.
  for (let d = 1; d <= 20; d++) {
    const day = `2026-04-${String(d).padStart(2, '0')}`;
    await order(
      day,
      d % 5 === 0 ? 'refunded' : 'completed',
      '10.00',
      [{ productId: a.id, sku: 'A', qty: 3, total: '10.00', cost: '3.34', returned: d % 5 === 0 ? 1 : 0 }],
      d % 2 ? 'online' : 'counter',
      d % 3 ? 'khqr' : 'cash',
    );
    await order(day, 'paid', '7.77', [{ productId: b.id, sku: 'B', qty: 1, total: '7.77', cost: '8.00' }]);
    if (d % 4 === 0)
      await order(day, 'cancelled', '99.00', [{ productId: b.id, sku: 'B', qty: 9, total: '99.00', cost: '1.00' }]);
    await query(
      `INSERT INTO page_views (viewed_at, day, kind, path, visitor, search_term, search_results)
        VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)`,
      [
        at(`${day}T09:00:00`),
        day,
        d % 2 ? 'product' : 'page',
        `/p/${d % 3}`,
        `visitor${d % 4}xxxxxxxx`.slice(0, 16),
        null,
        null,
        at(`${day}T09:05:00`),
        day,
        'search',
        '/search',
        `visitor${d % 5}xxxxxxxx`.slice(0, 16),
        `term${d % 3}`,
        d % 2,
      ],
    );
  }
  await query(
    `INSERT INTO refunds (order_id, amount, reason, method, created_at)
      SELECT id, 3.33, 'x', 'cash', placed_at + INTERVAL 2 DAY FROM orders WHERE status = 'refunded'`,
  );
}

describe('report summaries', () => {
  it.each(['day', 'week', 'month'] as const)(
    'give exactly the figures of the direct SQL (grouped by %s)',
    async (group) => {
      await fixture();
      const range = { from: '2026-04-01', to: '2026-04-30', group };
      expect(await summary.salesReport(range, t)).toEqual(await direct.salesReport(range, t));
      expect(await summary.profitReport(range, t)).toEqual(await direct.profitReport(range, t));
      const s = await summary.productsReport(range, t);
      const d = await direct.productsReport(range, t);
      expect(s.tables.find((x) => x.id === 'best')).toEqual(d.tables.find((x) => x.id === 'best'));
      expect(s.tables.find((x) => x.id === 'value')).toEqual(d.tables.find((x) => x.id === 'value'));
      expect(await summary.trafficReport(range, t)).toEqual(await direct.trafficReport(range, t));
    },
  );

  it('follow changes: a refund or a cancellation after a report was read shows in the next read', async () => {
    await fixture();
    const range = { from: '2026-04-01', to: '2026-04-30', group: 'month' as const };
    const before = await summary.salesReport(range, t);
    const [o] = await query<{ id: number }>("SELECT id FROM orders WHERE status = 'paid' ORDER BY id LIMIT 1");
    await query("UPDATE orders SET status = 'cancelled' WHERE id = ?", [o!.id]);
    await query(
      "INSERT INTO refunds (order_id, amount, reason, method, created_at) VALUES (?, 1.11, 'late', 'cash', ?)",
      [o!.id, at('2026-04-25T10:00:00')],
    );
    const after = await summary.salesReport(range, t);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await direct.salesReport(range, t));
    const total = after.tables[0]!.rows.at(-1)!;
    expect(Number(total.orders)).toBe(Number(before.tables[0]!.rows.at(-1)!.orders) - 1);
  });
});
