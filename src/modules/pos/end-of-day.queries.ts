import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';

export type CashierDay = {
  cashierId: number | null;
  cashier: string | null;
  sales: number;
  total: string;
  cash: string;
  khqr: string;
  changeGiven: string;
  cashRefunds: string;
};

/**
 * The counter's day (Phnom Penh time) per cashier: sales, totals by payment method and the cash
 * that should be in the drawer (cash taken for sales − cash refunds given that day).
 */
export async function endOfDay(day: string): Promise<{ rows: CashierDay[]; shop: CashierDay }> {
  const local = sql`DATE(CONVERT_TZ(o.placed_at, '+00:00', '+07:00'))`;
  const rows = await selectRows<CashierDay>(sql`
    SELECT o.cashier_id AS cashierId, u.name AS cashier, COUNT(*) AS sales, SUM(o.grand_total) AS total,
      COALESCE(SUM((SELECT SUM(p.amount) FROM payments p WHERE p.order_id = o.id AND p.method = 'cash' AND p.status = 'paid')), 0) AS cash,
      COALESCE(SUM((SELECT SUM(p.amount) FROM payments p WHERE p.order_id = o.id AND p.method = 'khqr' AND p.status = 'paid')), 0) AS khqr,
      COALESCE(SUM(o.change_usd), 0) AS changeGiven,
      COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.method = 'cash' AND r.user_id <=> o.cashier_id
        AND DATE(CONVERT_TZ(r.created_at, '+00:00', '+07:00')) = ${day}), 0) AS cashRefunds
    FROM orders o LEFT JOIN users u ON u.id = o.cashier_id
    WHERE o.channel = 'counter' AND o.status IN ('completed', 'refunded') AND ${local} = ${day}
    GROUP BY o.cashier_id, u.name ORDER BY u.name`);
  const sum = (k: keyof CashierDay) => (rows.reduce((s, r) => s + Math.round(Number(r[k]) * 100), 0) / 100).toFixed(2);
  return {
    rows: rows.map((r) => ({ ...r, sales: Number(r.sales) })),
    shop: {
      cashierId: null,
      cashier: null,
      sales: rows.reduce((s, r) => s + Number(r.sales), 0),
      total: sum('total'),
      cash: sum('cash'),
      khqr: sum('khqr'),
      changeGiven: sum('changeGiven'),
      cashRefunds: sum('cashRefunds'),
    },
  };
}

/** Cash expected in the drawer: cash taken for sales minus cash refunds. (Change is already netted out of `cash`.) */
export const drawerCents = (d: CashierDay) =>
  Math.round(Number(d.cash) * 100) - Math.round(Number(d.cashRefunds) * 100);
