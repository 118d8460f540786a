import { sql } from 'drizzle-orm';
import { selectRows, shopDateOf, statusIn } from '../../db/util.js';
import { cents, centsToDecimal } from '../../domain/money.js';
import { SOLD_STATUSES } from '../../domain/order-states.js';
import { shopDayStart } from '../../domain/shop-time.js';
import type { Translate } from '../../lib/i18n.js';
import { amount, count, inRange, periodOf, SOLD } from './report-sql.js';
import { columns, percent, plotted } from './report-tables.js';
import type { Range, Report } from './report-types.js';

/** Reports read straight from the orders (no daily summary): customers and cashiers. */

type Ranked = { name: string; email: string; orders: string | number; spent: string | null };
type CustomerSums = {
  orders: string | null;
  revenue: string | null;
  customers: string | number;
  repeaters: string | null;
};
type NewVsReturning = { period: string; fresh: string | number; back: string | number };

/** Lifetime value ranking, average order value, repeat purchases, new vs returning customers. */
export async function customersReport(r: Range, t: Translate): Promise<Report> {
  const inPeriod = sql`${SOLD} AND o.user_id IS NOT NULL AND ${inRange(sql`o.placed_at`, r)}`;
  const [ranking, summary, firstSales, buyers] = await Promise.all([
    selectRows<Ranked>(sql`SELECT u.name, u.email, COUNT(*) AS orders, SUM(o.grand_total - o.refunded_amount) AS spent
      FROM orders o JOIN users u ON u.id = o.user_id WHERE ${SOLD} GROUP BY u.id ORDER BY spent DESC LIMIT 50`),
    selectRows<CustomerSums>(sql`SELECT SUM(c.n) AS orders, SUM(c.spent) AS revenue, COUNT(*) AS customers,
        SUM(c.n >= 2) AS repeaters
      FROM (SELECT o.user_id, COUNT(*) AS n, SUM(o.grand_total) AS spent FROM orders o WHERE ${inPeriod}
        GROUP BY o.user_id) c`),
    selectRows<{ customer: number; first: Date }>(sql`SELECT o.user_id AS customer, MIN(o.placed_at) AS first
      FROM orders o WHERE ${SOLD} AND o.user_id IS NOT NULL GROUP BY o.user_id`),
    selectRows<{ customer: number }>(sql`SELECT DISTINCT o.user_id AS customer FROM orders o WHERE ${inPeriod}`),
  ]);
  const s = summary[0];
  const customers = count(s?.customers);
  const orders = count(s?.orders);
  const bought = new Set(buyers.map((x) => Number(x.customer)));
  const start = shopDayStart(r.from).getTime();
  const fresh = firstSales.filter((c) => bought.has(Number(c.customer)) && new Date(c.first).getTime() >= start).length;
  // A customer is new in the period of their first-ever sale, returning in any later one.
  const perPeriod = await selectRows<NewVsReturning>(sql`SELECT x.period,
      SUM(x.first_at >= x.period_start) AS fresh, SUM(x.first_at < x.period_start) AS back
    FROM (SELECT ${periodOf(shopDateOf(sql`o.placed_at`), r.group)} AS period, o.user_id,
            MIN(o.placed_at) AS period_start,
            (SELECT MIN(o2.placed_at) FROM orders o2
              WHERE o2.user_id = o.user_id AND ${statusIn(sql`o2.status`, SOLD_STATUSES)}) AS first_at
          FROM orders o WHERE ${inPeriod} GROUP BY period, o.user_id) x
    GROUP BY x.period ORDER BY x.period`);
  return {
    tables: [
      {
        id: 'summary',
        title: t('reports.customerSummary'),
        columns: columns(t, [
          ['customers', 'int'],
          ['aov', 'money'],
          ['repeatRate', 'percent'],
          ['newCustomers', 'int'],
          ['returning', 'int'],
        ]),
        rows: [
          {
            customers,
            aov: centsToDecimal(orders ? cents(Math.round(amount(s?.revenue) / orders)) : 0),
            repeatRate: percent(count(s?.repeaters), customers),
            newCustomers: fresh,
            returning: bought.size - fresh,
          },
        ],
      },
      {
        id: 'periods',
        title: t('reports.newVsReturning'),
        columns: columns(t, [
          ['period', 'text'],
          ['newCustomers', 'int'],
          ['returning', 'int'],
        ]),
        rows: perPeriod.map((p) => ({
          period: String(p.period),
          newCustomers: count(p.fresh),
          returning: count(p.back),
        })),
      },
      {
        id: 'ltv',
        title: t('reports.ltvRanking'),
        columns: columns(t, [
          ['name', 'text'],
          ['email', 'text'],
          ['orders', 'int'],
          ['spent', 'money'],
        ]),
        rows: ranking.map((c) => ({
          name: c.name,
          email: c.email,
          orders: count(c.orders),
          spent: centsToDecimal(amount(c.spent)),
        })),
      },
    ],
  };
}

type CashierSums = { name: string; orders: string | number; total: string | null; refunds: string | null };

/** Counter sales per cashier, with the money they gave back. */
export async function staffReport(r: Range, t: Translate): Promise<Report> {
  const rows = await selectRows<CashierSums>(sql`SELECT COALESCE(u.name, '—') AS name, COUNT(*) AS orders,
      SUM(o.grand_total) AS total, SUM(o.refunded_amount) AS refunds
    FROM orders o LEFT JOIN users u ON u.id = o.cashier_id
    WHERE o.channel = 'counter' AND ${SOLD} AND ${inRange(sql`o.placed_at`, r)}
    GROUP BY o.cashier_id ORDER BY total DESC`);
  const shaped = rows.map((x) => ({
    name: x.name,
    orders: count(x.orders),
    total: centsToDecimal(amount(x.total)),
    refunds: centsToDecimal(amount(x.refunds)),
  }));
  return {
    tables: [
      {
        id: 'cashiers',
        title: t('reports.byCashier'),
        columns: columns(t, [
          ['name', 'text'],
          ['orders', 'int'],
          ['total', 'money'],
          ['refunds', 'money'],
        ]),
        rows: shaped,
      },
    ],
    chart: {
      type: 'bar',
      labels: shaped.map((x) => x.name),
      series: [{ label: t('reports.col.total'), data: shaped.map((x) => plotted(x.total)) }],
    },
  };
}
