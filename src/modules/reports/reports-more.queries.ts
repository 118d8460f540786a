import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';
import type { Translate } from '../../lib/i18n.js';
import type { Range, Report } from './report-types.js';

const SOLD = sql`o.status IN ('paid','processing','ready_for_pickup','shipped','completed','refunded')`;
const inRange = (col: SQL, r: Range) =>
  sql`${col} >= CONVERT_TZ(${`${r.from} 00:00:00`}, '+07:00', '+00:00') AND ${col} < CONVERT_TZ(${`${r.to} 00:00:00`}, '+07:00', '+00:00') + INTERVAL 1 DAY`;
const num = (v: unknown) => Number(v ?? 0);
const money = (v: unknown) => (Math.round(num(v) * 100) / 100).toFixed(2);
const col = (t: Translate, key: string, type: 'text' | 'int' | 'money' | 'percent' | 'date') => ({
  key,
  label: t(`reports.col.${key}`),
  type,
});

/** Best sellers, slow movers (in stock, no sale for N days) and stock value at cost. */
export async function productsReport(r: Range, t: Translate, slowDays = 60): Promise<Report> {
  const [best, slow, value] = await Promise.all([
    selectRows<
      Record<string, string>
    >(sql`SELECT l.sku, MIN(l.product_name) AS name, SUM(l.quantity - l.returned_quantity) AS units, SUM(l.line_total * (l.quantity - l.returned_quantity) / l.quantity) AS revenue
      FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE ${SOLD} AND ${inRange(sql`o.placed_at`, r)} GROUP BY l.sku ORDER BY units DESC, revenue DESC LIMIT 50`),
    selectRows<
      Record<string, string>
    >(sql`SELECT v.sku, p.name, v.stock, (SELECT MAX(o.placed_at) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.variant_id = v.id AND ${SOLD}) AS lastSale
      FROM variants v JOIN products p ON p.id = v.product_id WHERE v.is_active = 1 AND v.stock > 0
      HAVING lastSale IS NULL OR lastSale < NOW() - INTERVAL ${slowDays} DAY ORDER BY v.stock * v.cost_price DESC LIMIT 100`),
    selectRows<{ units: string; value: string }>(
      sql`SELECT SUM(v.stock) AS units, SUM(v.stock * v.cost_price) AS value FROM variants v WHERE v.is_active = 1`,
    ),
  ]);
  return {
    tables: [
      {
        id: 'best',
        title: t('reports.bestSellers'),
        columns: [col(t, 'sku', 'text'), col(t, 'name', 'text'), col(t, 'units', 'int'), col(t, 'revenue', 'money')],
        rows: best.map((b) => ({ sku: b.sku!, name: b.name!, units: num(b.units), revenue: money(b.revenue) })),
      },
      {
        id: 'slow',
        title: t('reports.slowMovers', { days: slowDays }),
        columns: [col(t, 'sku', 'text'), col(t, 'name', 'text'), col(t, 'stock', 'int'), col(t, 'lastSale', 'date')],
        rows: slow.map((s) => ({
          sku: s.sku!,
          name: s.name!,
          stock: num(s.stock),
          lastSale: s.lastSale ? new Date(s.lastSale).toISOString().slice(0, 10) : null,
        })),
      },
      {
        id: 'value',
        title: t('reports.stockValue'),
        columns: [col(t, 'units', 'int'), col(t, 'value', 'money')],
        rows: [{ units: num(value[0]?.units), value: money(value[0]?.value) }],
      },
    ],
    chart: {
      type: 'bar',
      labels: best.slice(0, 15).map((b) => b.sku!),
      series: [{ label: t('reports.col.units'), data: best.slice(0, 15).map((b) => num(b.units)) }],
    },
  };
}

/** Lifetime value ranking, average order value, repeat purchases, new vs returning customers. */
export async function customersReport(r: Range, t: Translate): Promise<Report> {
  const [ranking, summary, newVsReturning] = await Promise.all([
    selectRows<
      Record<string, string>
    >(sql`SELECT u.name, u.email, COUNT(*) AS orders, SUM(o.grand_total - o.refunded_amount) AS spent
      FROM orders o JOIN users u ON u.id = o.user_id WHERE ${SOLD} GROUP BY u.id ORDER BY spent DESC LIMIT 50`),
    selectRows<{
      orders: string;
      revenue: string;
      customers: string;
      repeaters: string;
    }>(sql`SELECT SUM(c.n) AS orders, SUM(c.spent) AS revenue, COUNT(*) AS customers, SUM(c.n >= 2) AS repeaters
      FROM (SELECT o.user_id, COUNT(*) AS n, SUM(o.grand_total) AS spent FROM orders o WHERE ${SOLD} AND o.user_id IS NOT NULL AND ${inRange(sql`o.placed_at`, r)} GROUP BY o.user_id) c`),
    selectRows<{ customer: string; first: Date }>(
      sql`SELECT o.user_id AS customer, MIN(o.placed_at) AS first FROM orders o WHERE ${SOLD} AND o.user_id IS NOT NULL GROUP BY o.user_id`,
    ),
  ]);
  const s = summary[0];
  const customers = num(s?.customers);
  const inPeriod = new Set(
    (
      await selectRows<{ customer: number }>(
        sql`SELECT DISTINCT o.user_id AS customer FROM orders o WHERE ${SOLD} AND o.user_id IS NOT NULL AND ${inRange(sql`o.placed_at`, r)}`,
      )
    ).map((x) => Number(x.customer)),
  );
  const fromUtc = new Date(`${r.from}T00:00:00+07:00`).getTime();
  let fresh = 0;
  for (const c of newVsReturning)
    if (inPeriod.has(Number(c.customer)) && new Date(c.first).getTime() >= fromUtc) fresh++;
  const period =
    r.group === 'month'
      ? sql`DATE_FORMAT(DATE(CONVERT_TZ(o.placed_at, '+00:00', '+07:00')), '%Y-%m')`
      : r.group === 'week'
        ? sql`DATE_FORMAT(DATE(CONVERT_TZ(o.placed_at, '+00:00', '+07:00')) - INTERVAL WEEKDAY(DATE(CONVERT_TZ(o.placed_at, '+00:00', '+07:00'))) DAY, '%Y-%m-%d')`
        : sql`DATE_FORMAT(DATE(CONVERT_TZ(o.placed_at, '+00:00', '+07:00')), '%Y-%m-%d')`;
  // A customer is new in the period of their first-ever sale, returning in any later one.
  const perPeriod = await selectRows<{
    period: string;
    fresh: string;
    back: string;
  }>(sql`SELECT x.period, SUM(x.first_at >= x.period_start) AS fresh, SUM(x.first_at < x.period_start) AS back
    FROM (SELECT ${period} AS period, o.user_id, MIN(o.placed_at) AS period_start,
            (SELECT MIN(o2.placed_at) FROM orders o2 WHERE o2.user_id = o.user_id AND o2.status IN ('paid','processing','ready_for_pickup','shipped','completed','refunded')) AS first_at
          FROM orders o WHERE ${SOLD} AND o.user_id IS NOT NULL AND ${inRange(sql`o.placed_at`, r)} GROUP BY period, o.user_id) x
    GROUP BY x.period ORDER BY x.period`);
  return {
    tables: [
      {
        id: 'summary',
        title: t('reports.customerSummary'),
        columns: [
          col(t, 'customers', 'int'),
          col(t, 'aov', 'money'),
          col(t, 'repeatRate', 'percent'),
          col(t, 'newCustomers', 'int'),
          col(t, 'returning', 'int'),
        ],
        rows: [
          {
            customers,
            aov: num(s?.orders) ? money(num(s?.revenue) / num(s?.orders)) : '0.00',
            repeatRate: customers ? ((num(s?.repeaters) * 100) / customers).toFixed(1) : '0.0',
            newCustomers: fresh,
            returning: inPeriod.size - fresh,
          },
        ],
      },
      {
        id: 'periods',
        title: t('reports.newVsReturning'),
        columns: [col(t, 'period', 'text'), col(t, 'newCustomers', 'int'), col(t, 'returning', 'int')],
        rows: perPeriod.map((p) => ({ period: String(p.period), newCustomers: num(p.fresh), returning: num(p.back) })),
      },
      {
        id: 'ltv',
        title: t('reports.ltvRanking'),
        columns: [col(t, 'name', 'text'), col(t, 'email', 'text'), col(t, 'orders', 'int'), col(t, 'spent', 'money')],
        rows: ranking.map((c) => ({ name: c.name!, email: c.email!, orders: num(c.orders), spent: money(c.spent) })),
      },
    ],
  };
}

export async function staffReport(r: Range, t: Translate): Promise<Report> {
  const rows = await selectRows<
    Record<string, string>
  >(sql`SELECT COALESCE(u.name, '—') AS name, COUNT(*) AS orders, SUM(o.grand_total) AS total, SUM(o.refunded_amount) AS refunds
    FROM orders o LEFT JOIN users u ON u.id = o.cashier_id WHERE o.channel = 'counter' AND ${SOLD} AND ${inRange(sql`o.placed_at`, r)} GROUP BY o.cashier_id ORDER BY total DESC`);
  const shaped = rows.map((x) => ({
    name: x.name!,
    orders: num(x.orders),
    total: money(x.total),
    refunds: money(x.refunds),
  }));
  return {
    tables: [
      {
        id: 'cashiers',
        title: t('reports.byCashier'),
        columns: [
          col(t, 'name', 'text'),
          col(t, 'orders', 'int'),
          col(t, 'total', 'money'),
          col(t, 'refunds', 'money'),
        ],
        rows: shaped,
      },
    ],
    chart: {
      type: 'bar',
      labels: shaped.map((x) => x.name),
      series: [{ label: t('reports.col.total'), data: shaped.map((x) => Number(x.total)) }],
    },
  };
}

/** Page views and visitors per day, top pages and searches, the funnel and cart abandonment. */
export async function trafficReport(r: Range, t: Translate): Promise<Report> {
  const range = sql`pv.day BETWEEN ${r.from} AND ${r.to}`;
  const [daily, pages, terms, empty, funnel] = await Promise.all([
    selectRows<Record<string, string>>(
      sql`SELECT DATE_FORMAT(pv.day, '%Y-%m-%d') AS day, SUM(pv.kind IN ('page','product','search')) AS views, COUNT(DISTINCT IF(pv.kind IN ('page','product','search'), pv.visitor, NULL)) AS visitors FROM page_views pv WHERE ${range} GROUP BY pv.day ORDER BY pv.day`,
    ),
    selectRows<Record<string, string>>(
      sql`SELECT pv.path, COUNT(*) AS views FROM page_views pv WHERE ${range} AND pv.kind IN ('page','product','search') GROUP BY pv.path ORDER BY views DESC LIMIT 20`,
    ),
    selectRows<Record<string, string>>(
      sql`SELECT pv.search_term AS term, COUNT(*) AS searches FROM page_views pv WHERE ${range} AND pv.kind = 'search' GROUP BY pv.search_term ORDER BY searches DESC, term LIMIT 20`,
    ),
    selectRows<Record<string, string>>(
      sql`SELECT pv.search_term AS term, COUNT(*) AS searches FROM page_views pv WHERE ${range} AND pv.kind = 'search' AND pv.search_results = 0 GROUP BY pv.search_term ORDER BY searches DESC, term LIMIT 20`,
    ),
    selectRows<Record<string, string>>(
      sql`SELECT pv.kind, COUNT(DISTINCT pv.day, pv.visitor) AS visitors FROM page_views pv WHERE ${range} AND pv.kind IN ('product','cart_add','order') GROUP BY pv.kind`,
    ),
  ]);
  const f = Object.fromEntries(funnel.map((x) => [x.kind, num(x.visitors)]));
  const adders = f.cart_add ?? 0;
  const buyers = f.order ?? 0;
  return {
    tables: [
      {
        id: 'daily',
        title: t('reports.trafficDaily'),
        columns: [col(t, 'day', 'date'), col(t, 'views', 'int'), col(t, 'visitors', 'int')],
        rows: daily.map((d) => ({ day: d.day!, views: num(d.views), visitors: num(d.visitors) })),
      },
      {
        id: 'funnel',
        title: t('reports.funnel'),
        columns: [
          col(t, 'productViewers', 'int'),
          col(t, 'cartAdders', 'int'),
          col(t, 'buyers', 'int'),
          col(t, 'abandonment', 'percent'),
        ],
        rows: [
          {
            productViewers: f.product ?? 0,
            cartAdders: adders,
            buyers,
            abandonment: adders ? (((adders - Math.min(buyers, adders)) * 100) / adders).toFixed(1) : '0.0',
          },
        ],
      },
      {
        id: 'pages',
        title: t('reports.topPages'),
        columns: [col(t, 'path', 'text'), col(t, 'views', 'int')],
        rows: pages.map((p) => ({ path: p.path!, views: num(p.views) })),
      },
      {
        id: 'terms',
        title: t('reports.topSearches'),
        columns: [col(t, 'term', 'text'), col(t, 'searches', 'int')],
        rows: terms.map((x) => ({ term: x.term!, searches: num(x.searches) })),
      },
      {
        id: 'empty',
        title: t('reports.emptySearches'),
        columns: [col(t, 'term', 'text'), col(t, 'searches', 'int')],
        rows: empty.map((x) => ({ term: x.term!, searches: num(x.searches) })),
      },
    ],
    chart: {
      type: 'line',
      labels: daily.map((d) => d.day!),
      series: [
        { label: t('reports.col.views'), data: daily.map((d) => num(d.views)) },
        { label: t('reports.col.visitors'), data: daily.map((d) => num(d.visitors)) },
      ],
    },
  };
}
