import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ORDER_STATUSES } from '../../db/schema.js';
import { selectRows } from '../../db/util.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
export const OrderFilters = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  channel: z.enum(['online', 'counter']).optional().catch(undefined),
  payment: z.enum(['khqr', 'cash', 'split', 'cod', 'at_pickup']).optional().catch(undefined),
  // Orders paid later that still need staff: cash on delivery to send out or collect, pickups held.
  queue: z.enum(['cod', 'pickup']).optional().catch(undefined),
  from: day,
  to: day,
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type OrderFilters = z.infer<typeof OrderFilters>;
export const ADMIN_PAGE_SIZE = 50;

function where(f: OrderFilters): SQL {
  const c: SQL[] = [sql`TRUE`];
  if (f.status) c.push(sql`o.status = ${f.status}`);
  if (f.channel) c.push(sql`o.channel = ${f.channel}`);
  if (f.payment) c.push(sql`o.payment_method = ${f.payment}`);
  if (f.queue === 'cod') c.push(sql`o.payment_method = 'cod' AND o.status IN ('confirmed', 'out_for_delivery')`);
  if (f.queue === 'pickup')
    c.push(sql`o.payment_method = 'at_pickup' AND o.status IN ('confirmed', 'held_for_pickup')`);
  if (f.from) c.push(sql`o.placed_at >= ${`${f.from} 00:00:00`}`);
  if (f.to) c.push(sql`o.placed_at < ${`${f.to} 00:00:00`} + INTERVAL 1 DAY`);
  if (f.q) {
    const phone = normaliseCambodianPhone(f.q);
    const like = `%${f.q}%`;
    c.push(sql`(o.number = ${f.q.toUpperCase()} OR o.customer_email = ${f.q.toLowerCase()}
      OR o.customer_name LIKE ${like}
      ${phone ? sql`OR o.customer_phone = ${phone}` : sql``})`);
  }
  return sql.join(c, sql` AND `);
}

export type AdminOrderRow = {
  id: number;
  number: string;
  channel: string;
  status: string;
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  paymentMethod: string | null;
  deliveryMethod: string;
  grandTotal: string;
  placedAt: Date;
  items: number;
};

const COLUMNS = sql`o.id, o.number, o.channel, o.status, o.customer_name AS customerName,
  o.customer_email AS customerEmail, o.customer_phone AS customerPhone, o.payment_method AS paymentMethod,
  o.delivery_method AS deliveryMethod, o.grand_total AS grandTotal, o.placed_at AS placedAt,
  (SELECT SUM(quantity) FROM order_lines l WHERE l.order_id = o.id) AS items`;

export async function listOrders(f: OrderFilters): Promise<{ rows: AdminOrderRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    selectRows<AdminOrderRow>(sql`SELECT ${COLUMNS} FROM orders o WHERE ${where(f)} ORDER BY o.placed_at DESC, o.id DESC
      LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${(f.page - 1) * ADMIN_PAGE_SIZE}`),
    selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM orders o WHERE ${where(f)}`),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

/** How many orders wait in each pay-later queue (for the links above the list). */
export async function payLaterCounts(): Promise<{ cod: number; pickup: number }> {
  const [row] = await selectRows<{ cod: number | null; pickup: number | null }>(sql`SELECT
      SUM(o.payment_method = 'cod' AND o.status IN ('confirmed', 'out_for_delivery')) AS cod,
      SUM(o.payment_method = 'at_pickup' AND o.status IN ('confirmed', 'held_for_pickup')) AS pickup
    FROM orders o WHERE o.status IN ('confirmed', 'out_for_delivery', 'held_for_pickup')`);
  return { cod: Number(row?.cod ?? 0), pickup: Number(row?.pickup ?? 0) };
}

/** Every matching order, in pages of 1,000, for the CSV export. */
export async function* allOrders(f: OrderFilters): AsyncGenerator<AdminOrderRow[]> {
  for (let offset = 0; ; offset += 1000) {
    const rows = await selectRows<AdminOrderRow>(
      sql`SELECT ${COLUMNS} FROM orders o WHERE ${where(f)} ORDER BY o.placed_at DESC, o.id DESC
        LIMIT 1000 OFFSET ${offset}`,
    );
    if (!rows.length) return;
    yield rows;
  }
}

export function findRefunds(orderId: number) {
  return selectRows<{
    amount: string;
    reason: string;
    method: string;
    createdAt: Date;
    by: string | null;
  }>(sql`SELECT r.amount, r.reason, r.method,
    r.created_at AS createdAt, u.name AS \`by\` FROM refunds r LEFT JOIN users u ON u.id = r.user_id
    WHERE r.order_id = ${orderId} ORDER BY r.id`);
}
