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
  /** Repairs handed back or deposits taken by this cashier (repair_payments), already in cash, khqr and the drawer. */
  repairs: number;
  repairTotal: string;
};

type RepairDay = Pick<
  CashierDay,
  'cashierId' | 'cashier' | 'repairs' | 'repairTotal' | 'cash' | 'khqr' | 'cashUsd' | 'cashKhr' | 'roundingKhr'
>;

/** Money taken at the repair counter that day, per cashier: deposits and balances (a deposit given back is negative). */
function repairTakings(day: string): Promise<RepairDay[]> {
  const cash = sql`rp.method = 'cash'`;
  return selectRows<RepairDay>(sql`
    SELECT rp.cashier_id AS cashierId, u.name AS cashier, COUNT(*) AS repairs, SUM(rp.amount) AS repairTotal,
      SUM(CASE WHEN ${cash} THEN rp.amount ELSE 0 END) AS cash, SUM(CASE WHEN ${cash} THEN 0 ELSE rp.amount END) AS khqr,
      SUM(CASE WHEN ${cash} THEN COALESCE(rp.cash_tendered_usd, 0) - COALESCE(rp.change_usd, 0) ELSE 0 END) AS cashUsd,
      SUM(CASE WHEN ${cash} THEN COALESCE(rp.cash_tendered_khr, 0) - COALESCE(rp.change_khr, 0) ELSE 0 END) AS cashKhr,
      SUM(rp.cash_rounding_khr) AS roundingKhr
    FROM repair_payments rp LEFT JOIN users u ON u.id = rp.cashier_id
    WHERE ${shopDateOf(sql`rp.created_at`)} = ${day}
    GROUP BY rp.cashier_id, u.name`);
}

/** A cashier's counter sales with their repair takings added (a cashier with only repairs gets a row). */
function withRepairs(rows: CashierDay[], repairs: RepairDay[]): CashierDay[] {
  const out = rows.map((r) => ({ ...r, repairs: 0, repairTotal: '0.00' }));
  const add = (a: string, b: string) => centsToDecimal(toCents(a) + toCents(b));
  for (const rp of repairs) {
    let row = out.find((r) => r.cashierId === rp.cashierId);
    if (!row) {
      row = {
        cashierId: rp.cashierId,
        cashier: rp.cashier,
        sales: 0,
        total: '0.00',
        cash: '0.00',
        khqr: '0.00',
        cashUsd: '0.00',
        cashKhr: 0,
        roundingKhr: 0,
        cashRefunds: '0.00',
        repairs: 0,
        repairTotal: '0.00',
      };
      out.push(row);
    }
    row.repairs = Number(rp.repairs);
    row.repairTotal = centsToDecimal(toCents(rp.repairTotal));
    row.cash = add(row.cash, rp.cash);
    row.khqr = add(row.khqr, rp.khqr);
    row.cashUsd = add(row.cashUsd, rp.cashUsd);
    row.cashKhr = Number(row.cashKhr) + Number(rp.cashKhr);
    row.roundingKhr = Number(row.roundingKhr) + Number(rp.roundingKhr);
  }
  return out;
}

/**
 * The counter's day (Phnom Penh time) per cashier: sales, totals by payment method and the cash
 * that should be in the drawer, counted as the cashier counts it: dollar notes and riel notes apart,
 * from what each sale took and gave back as change (so with the riel rounding), less cash refunds.
 * Per sale, dollars × rate + riel = cash due × rate + rounding (CONTEXT.md, "Riel cash").
 */
export async function endOfDay(day: string): Promise<{ rows: CashierDay[]; shop: CashierDay }> {
  const paidBy = (method: string) => sql`COALESCE(SUM((SELECT SUM(p.amount) FROM payments p
    WHERE p.order_id = o.id AND p.method = ${method} AND p.status = 'paid')), 0)`;
  const sales = await selectRows<CashierDay>(sql`
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
  const rows = withRepairs(sales, await repairTakings(day));
  type Money = 'total' | 'cash' | 'khqr' | 'cashUsd' | 'cashRefunds' | 'repairTotal';
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
      repairs: rows.reduce((s, r) => s + r.repairs, 0),
      repairTotal: sum('repairTotal'),
    },
  };
}

/** Dollars expected in the drawer: dollar notes kept from sales minus cash refunds (paid out in dollars). */
export const drawerCents = (d: CashierDay): Cents => cents(toCents(d.cashUsd) - toCents(d.cashRefunds));
