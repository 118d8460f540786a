import { sql } from 'drizzle-orm';
import { selectRows, shopDateOf, statusIn } from '../../db/util.js';
import { type Cents, cents, centsToDecimal, sumCents, toCents } from '../../domain/money.js';

export type CashierDay = {
  cashierId: number | null;
  cashier: string | null;
  sales: number;
  total: string;
  cash: string;
  khqr: string;
  /** Dollar notes kept from cash sales (taken − given back as change). */
  cashUsd: string;
  /** Riel notes kept from cash sales (taken − given back as change). */
  cashKhr: number;
  /** What the riel rounding added (+) or gave away (−). */
  roundingKhr: number;
  cashRefunds: string;
};

/**
 * The counter's day (Phnom Penh time) per cashier: sales, totals by payment method and the cash
 * that should be in the drawer, counted as the cashier counts it: dollar notes and riel notes apart,
 * from what each sale took and gave back as change (so with the riel rounding), less cash refunds.
 * Per sale, dollars × rate + riel = cash due × rate + rounding (CONTEXT.md, "Riel cash").
 */
export async function endOfDay(day: string): Promise<{ rows: CashierDay[]; shop: CashierDay }> {
  const paidBy = (method: string) => sql`COALESCE(SUM((SELECT SUM(p.amount) FROM payments p
    WHERE p.order_id = o.id AND p.method = ${method} AND p.status = 'paid')), 0)`;
  const rows = await selectRows<CashierDay>(sql`
    SELECT o.cashier_id AS cashierId, u.name AS cashier, COUNT(*) AS sales, SUM(o.grand_total) AS total,
      ${paidBy('cash')} AS cash, ${paidBy('khqr')} AS khqr,
      COALESCE(SUM(o.cash_tendered_usd - o.change_usd), 0) AS cashUsd,
      COALESCE(SUM(o.cash_tendered_khr - o.change_khr), 0) AS cashKhr, COALESCE(SUM(o.cash_rounding_khr), 0) AS roundingKhr,
      COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.method = 'cash' AND r.user_id <=> o.cashier_id
        AND ${shopDateOf(sql`r.created_at`)} = ${day}), 0) AS cashRefunds
    FROM orders o LEFT JOIN users u ON u.id = o.cashier_id
    WHERE o.channel = 'counter' AND ${statusIn(sql`o.status`, ['completed', 'refunded'])}
      AND ${shopDateOf(sql`o.placed_at`)} = ${day}
    GROUP BY o.cashier_id, u.name ORDER BY u.name`);
  type Money = 'total' | 'cash' | 'khqr' | 'cashUsd' | 'cashRefunds';
  const riel = (k: 'cashKhr' | 'roundingKhr') => rows.reduce((s, r) => s + Number(r[k]), 0);
  const sum = (k: Money) => centsToDecimal(sumCents(rows.map((r) => toCents(r[k]))));
  return {
    rows: rows.map((r) => ({
      ...r,
      sales: Number(r.sales),
      cashKhr: Number(r.cashKhr),
      roundingKhr: Number(r.roundingKhr),
    })),
    shop: {
      cashierId: null,
      cashier: null,
      sales: rows.reduce((s, r) => s + Number(r.sales), 0),
      total: sum('total'),
      cash: sum('cash'),
      khqr: sum('khqr'),
      cashUsd: sum('cashUsd'),
      cashKhr: riel('cashKhr'),
      roundingKhr: riel('roundingKhr'),
      cashRefunds: sum('cashRefunds'),
    },
  };
}

/** Dollars expected in the drawer: dollar notes kept from sales minus cash refunds (paid out in dollars). */
export const drawerCents = (d: CashierDay): Cents => cents(toCents(d.cashUsd) - toCents(d.cashRefunds));
