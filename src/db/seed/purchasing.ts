import { sql } from 'drizzle-orm';
import { selectRows } from '../util.js';
import * as purchasing from '../../modules/purchasing/purchasing.service.js';
import { setTracking } from '../../modules/units/units.service.js';

const SUPPLIERS = [
  {
    name: 'Shenzhen Notebook Trading Co., Ltd.',
    contactName: 'Li Wei',
    phone: '+86 755 8888 1234',
    telegram: '@sz_notebooks',
  },
  {
    name: 'Bangkok IT Distribution',
    contactName: 'Somchai P.',
    phone: '+66 2 123 4567',
    email: 'sales@bkk-it.example',
  },
  { name: 'Phnom Penh Parts Wholesale', contactName: 'Sok Dara', phone: '012 345 678', telegram: '@pp_parts' },
];

/**
 * Suppliers and purchase orders in every state (draft, ordered, partly received, received, cancelled),
 * received through the same service as the back office, so the stock ledger and costs stay consistent.
 * Runs once: a database that has suppliers is left as it is.
 */
export async function seedPurchasing(): Promise<string> {
  const [have] = await selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM suppliers`);
  if (Number(have?.n) > 0) return 'purchasing already seeded';
  const ids: number[] = [];
  for (const s of SUPPLIERS)
    ids.push(await purchasing.createSupplier({ email: null, telegram: null, notes: null, ...s }));
  const skus = (
    await selectRows<{ sku: string }>(sql`SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id
      WHERE p.status = 'active' AND v.is_active = 1 ORDER BY v.id LIMIT 10`)
  ).map((r) => r.sku);
  if (skus.length < 10) return 'purchasing skipped (too few products)';
  const [staff] = await selectRows<{ id: number }>(
    sql`SELECT id FROM users WHERE role IN ('admin', 'staff') ORDER BY id LIMIT 1`,
  );
  const actor = { id: staff ? Number(staff.id) : null };
  const order = async (supplier: number, lines: [string, number, string][], note: string | null) => {
    const id = await purchasing.createOrder({ supplierId: supplier, note }, actor.id);
    for (const [sku, quantity, unitCost] of lines) await purchasing.addLine(id, { sku, quantity, unitCost });
    return id;
  };
  await order(
    ids[0]!,
    [
      [skus[0]!, 5, '610.00'],
      [skus[1]!, 3, '720.00'],
    ],
    'Next month: back to school',
  );
  const ordered = await order(
    ids[1]!,
    [
      [skus[2]!, 10, '95.00'],
      [skus[3]!, 10, '42.50'],
    ],
    null,
  );
  await purchasing.markOrdered(ordered);
  const partly = await order(
    ids[2]!,
    [
      [skus[4]!, 8, '18.00'],
      [skus[5]!, 6, '27.00'],
    ],
    'Split delivery',
  );
  await purchasing.markOrdered(partly);
  const lines = await selectRows<{ id: number }>(
    sql`SELECT id FROM purchase_order_lines WHERE purchase_order_id = ${partly} ORDER BY id`,
  );
  await purchasing.receiveAgainstOrder(partly, { quantities: new Map([[Number(lines[0]!.id), '5']]) }, actor);
  const received = await order(ids[0]!, [[skus[6]!, 4, '540.00']], null);
  await purchasing.markOrdered(received);
  const [line] = await selectRows<{ id: number }>(
    sql`SELECT id FROM purchase_order_lines WHERE purchase_order_id = ${received}`,
  );
  await purchasing.receiveAgainstOrder(received, { quantities: new Map([[Number(line!.id), '4']]) }, actor);
  const cancelled = await order(ids[1]!, [[skus[7]!, 2, '150.00']], 'Supplier out of stock');
  await purchasing.cancelOrder(cancelled);
  await purchasing.receiveWithoutOrder(
    { supplierId: ids[2]!, note: 'Walk-in wholesaler', lines: `${skus[8]}, 3, 12.00` },
    actor,
  );
  const tracked = await seedTrackedLaptops(ids[0]!, actor);
  return `${SUPPLIERS.length} suppliers, 6 purchase orders, 1 receipt without an order, ${tracked}`;
}

/** Two laptops out of stock become tracked by serial and come in with their serials (3 units each). */
async function seedTrackedLaptops(supplierId: number, actor: { id: number | null }): Promise<string> {
  const picks = await selectRows<{ id: number; sku: string }>(sql`SELECT v.id, v.sku FROM variants v
    JOIN products p ON p.id = v.product_id JOIN categories c ON c.id = p.category_id
    JOIN categories top ON c.path LIKE CONCAT(top.path, '%') AND top.slug = 'laptops'
    WHERE v.stock = 0 AND v.is_active = 1 AND p.status = 'active' ORDER BY v.id LIMIT 2`);
  if (!picks.length) return 'no laptop out of stock to track by serial';
  for (const v of picks) await setTracking(Number(v.id), true);
  const id = await purchasing.createOrder({ supplierId, note: 'Serial-tracked laptops' }, actor.id);
  for (const v of picks) await purchasing.addLine(id, { sku: v.sku, quantity: 3, unitCost: '650.00' });
  await purchasing.markOrdered(id);
  const lines = await selectRows<{ id: number; variantId: number }>(
    sql`SELECT id, variant_id AS variantId FROM purchase_order_lines WHERE purchase_order_id = ${id} ORDER BY id`,
  );
  const serialsOf = (sku: string) => [1, 2, 3].map((n) => `${sku}-SN${String(n).padStart(4, '0')}`).join('\n');
  await purchasing.receiveAgainstOrder(
    id,
    {
      quantities: new Map(lines.map((l) => [Number(l.id), '3'])),
      serials: new Map(lines.map((l, i) => [Number(l.id), serialsOf(picks[i]!.sku)])),
    },
    actor,
  );
  return `${picks.length} laptops tracked by serial (${picks.map((p) => p.sku).join(', ')})`;
}
