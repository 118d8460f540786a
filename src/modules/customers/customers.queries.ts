import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';
import { cents, centsToDecimal, toCents } from '../../domain/money.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { SOLD } from '../reports/report-sql.js';

export type CustomerRow = {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  orders: number;
  spent: string | null;
};

export async function listCustomers(
  q: string,
  page: number,
  size = 50,
): Promise<{ rows: CustomerRow[]; total: number }> {
  const phone = q ? normaliseCambodianPhone(q) : null;
  const matches = sql`u.name LIKE ${`%${q}%`} OR u.email LIKE ${`%${q.toLowerCase()}%`}
    ${phone ? sql`OR u.phone = ${phone}` : sql``}`;
  const where = q ? sql`u.role = 'customer' AND (${matches})` : sql`u.role = 'customer'`;
  const [rows, count] = await Promise.all([
    selectRows<CustomerRow>(sql`SELECT u.id, u.name, u.email, u.phone, u.disabled_at AS disabledAt,
        u.created_at AS createdAt,
        (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id AND ${SOLD}) AS orders,
        (SELECT SUM(o.grand_total - o.refunded_amount) FROM orders o WHERE o.user_id = u.id AND ${SOLD}) AS spent
      FROM users u WHERE ${where}
      ORDER BY u.created_at DESC, u.id DESC LIMIT ${size} OFFSET ${(page - 1) * size}`),
    selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM users u WHERE ${where}`),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

export type Lifetime = {
  orders: number;
  items: number;
  spent: string;
  average: string;
  first: Date | null;
  last: Date | null;
};

/** Lifetime value from sales (paid and later, net of refunds). */
export async function lifetimeValue(userId: number): Promise<Lifetime> {
  const [row] = await selectRows<{
    orders: number;
    items: string | null;
    spent: string | null;
    first: Date | null;
    last: Date | null;
  }>(sql`
    SELECT COUNT(*) AS orders,
      SUM((SELECT SUM(l.quantity - l.returned_quantity) FROM order_lines l WHERE l.order_id = o.id)) AS items,
      SUM(o.grand_total - o.refunded_amount) AS spent, MIN(o.placed_at) AS first, MAX(o.placed_at) AS last
    FROM orders o WHERE o.user_id = ${userId} AND ${SOLD}`);
  const orders = Number(row?.orders ?? 0);
  const spent = toCents(row?.spent ?? '0');
  return {
    orders,
    items: Number(row?.items ?? 0),
    spent: centsToDecimal(spent),
    average: centsToDecimal(orders ? cents(Math.round(spent / orders)) : 0),
    first: row?.first ?? null,
    last: row?.last ?? null,
  };
}
