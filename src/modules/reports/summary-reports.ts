import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';
import { shopDay } from '../../domain/shop-time.js';
import type { Translate } from '../../lib/i18n.js';
import { count, microsToCents, periodOf, toMicros } from './report-sql.js';
import {
  type BestSellerRow,
  bestSellersTable,
  type ChannelRow,
  columns,
  type ProfitLine,
  profitReportOf,
  type RefundPeriodRow,
  type SalesPeriodRow,
  salesReportOf,
  type StockValueRow,
  stockValueTable,
  trafficReportOf,
} from './report-tables.js';
import type { Range, Report } from './report-types.js';
import { daysBefore, ensureSales, ensureTraffic, type TrafficSelectRow, trafficSelect } from './summaries.js';

/**
 * The reports the back office shows, read from the daily summaries (see summaries.ts). The tests
 * hold every figure to the same reports computed straight from the orders (tests/helpers/report-oracle.ts).
 */
const STOCK_VALUE = sql`SELECT SUM(v.stock) AS units, SUM(v.stock * v.cost_price) AS value FROM variants v
  WHERE v.is_active = 1`;

export async function salesReport(r: Range, t: Translate): Promise<Report> {
  await ensureSales(r.from, r.to);
  const between = sql`s.day BETWEEN ${r.from} AND ${r.to}`;
  const period = periodOf(sql`s.day`, r.group);
  const [periods, refunds, channels, methods] = await Promise.all([
    selectRows<SalesPeriodRow>(sql`SELECT ${period} AS period, SUM(s.orders) AS orders, SUM(s.items) AS items,
        SUM(s.goods) AS goods, SUM(s.discounts) AS discounts, SUM(s.delivery) AS delivery, SUM(s.vat) AS vat,
        SUM(s.total) AS total
      FROM daily_sales s WHERE ${between} GROUP BY period ORDER BY period`),
    selectRows<RefundPeriodRow>(sql`SELECT ${period} AS period, SUM(s.refunds) AS refunds
      FROM daily_refunds s WHERE ${between} GROUP BY period`),
    selectRows<ChannelRow>(sql`SELECT s.channel AS name, SUM(s.orders) AS orders, SUM(s.total) AS total
      FROM daily_sales s WHERE ${between} GROUP BY s.channel ORDER BY FIELD(s.channel, 'online', 'counter')`),
    selectRows<ChannelRow>(sql`SELECT s.method AS name, SUM(s.orders) AS orders, SUM(s.total) AS total
      FROM daily_sales s WHERE ${between} GROUP BY s.method ORDER BY s.method`),
  ]);
  return salesReportOf(t, { periods, refunds, channels, methods });
}

type ProductSums = {
  pid: number | null;
  name: string;
  units: string | number;
  revenue: string;
  cost: string;
  below: string | number;
};
type ProductOwner = {
  id: number;
  category: string | null;
  categoryId: number | null;
  brand: string | null;
  brandId: number | null;
};

/** Profit per product; categories and brands are rolled up here from one pass over the summary. */
export async function profitReport(r: Range, t: Translate): Promise<Report> {
  await ensureSales(r.from, r.to);
  const rows = await selectRows<ProductSums>(sql`SELECT s.product_id AS pid, s.product_name AS name,
      SUM(s.units) AS units, SUM(s.revenue) AS revenue, SUM(s.cost) AS cost, SUM(s.below) AS below
    FROM daily_line_sales s WHERE s.day BETWEEN ${r.from} AND ${r.to} GROUP BY s.product_id, s.product_name`);
  const ids = [...new Set(rows.map((x) => Number(x.pid)).filter(Boolean))];
  const owners = ids.length
    ? await selectRows<ProductOwner>(sql`SELECT p.id, c.name AS category, c.id AS categoryId, b.name AS brand,
          b.id AS brandId
        FROM products p LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN brands b ON b.id = p.brand_id
        WHERE p.id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`)
    : [];
  const owner = new Map(owners.map((o) => [Number(o.id), o]));
  // Revenue is a share of line totals (6 places): summed exactly in millionths, rounded to cents once.
  type Acc = { name: string; units: number; revenue: bigint; cost: bigint; below: number };
  const add = (map: Map<string, Acc>, key: string, name: string, x: ProductSums) => {
    const a = map.get(key) ?? { name, units: 0, revenue: 0n, cost: 0n, below: 0 };
    a.units += count(x.units);
    a.revenue += toMicros(x.revenue);
    a.cost += toMicros(x.cost);
    a.below += count(x.below);
    map.set(key, a);
  };
  const byProduct = new Map<string, Acc>();
  const byCategory = new Map<string, Acc>();
  const byBrand = new Map<string, Acc>();
  for (const x of rows) {
    const o = owner.get(Number(x.pid));
    add(byProduct, String(x.name), String(x.name), x);
    add(byCategory, String(o?.categoryId ?? ''), o?.category ?? '—', x);
    add(byBrand, String(o?.brandId ?? ''), o?.brand ?? '—', x);
  }
  const profit = (a: Acc) => a.revenue - a.cost;
  const sorted = (map: Map<string, Acc>): ProfitLine[] =>
    [...map.values()]
      .sort((a, b) => (profit(b) > profit(a) ? 1 : profit(b) < profit(a) ? -1 : 0))
      .map((a) => ({ ...a, revenue: microsToCents(a.revenue), cost: microsToCents(a.cost) }));
  return profitReportOf(t, { products: sorted(byProduct), categories: sorted(byCategory), brands: sorted(byBrand) });
}

/** Best sellers in the range, slow movers (in stock, not sold in the last N days), stock value at cost. */
export async function productsReport(r: Range, t: Translate, slowDays = 60): Promise<Report> {
  const today = shopDay();
  const since = daysBefore(today, slowDays - 1);
  await ensureSales(r.from, r.to);
  await ensureSales(since, today);
  const [best, slow, value] = await Promise.all([
    selectRows<BestSellerRow>(sql`SELECT s.sku, MIN(s.product_name) AS name, SUM(s.units) AS units,
        ROUND(SUM(s.revenue), 2) AS revenue
      FROM daily_line_sales s WHERE s.day BETWEEN ${r.from} AND ${r.to}
      GROUP BY s.sku ORDER BY units DESC, SUM(s.revenue) DESC LIMIT 50`),
    selectRows<{ sku: string; name: string; stock: number }>(sql`SELECT v.sku, p.name, v.stock
      FROM variants v JOIN products p ON p.id = v.product_id
      WHERE v.is_active = 1 AND v.stock > 0
        AND v.sku NOT IN (SELECT s.sku FROM daily_line_sales s WHERE s.day >= ${since} AND s.units > 0)
      ORDER BY v.stock * v.cost_price DESC LIMIT 100`),
    selectRows<StockValueRow>(STOCK_VALUE),
  ]);
  const top = best.slice(0, 15);
  return {
    tables: [
      bestSellersTable(t, best),
      {
        id: 'slow',
        title: t('reports.slowMovers', { days: slowDays }),
        columns: columns(t, [
          ['sku', 'text'],
          ['name', 'text'],
          ['stock', 'int'],
        ]),
        rows: slow.map((s) => ({ sku: s.sku, name: s.name, stock: count(s.stock) })),
      },
      stockValueTable(t, value[0]),
    ],
    chart: {
      type: 'bar',
      labels: top.map((b) => b.sku),
      series: [{ label: t('reports.col.units'), data: top.map((b) => count(b.units)) }],
    },
  };
}

type TermSums = { term: string; searches: string | number; empty: string | number };

/** Traffic from the daily summaries, with today's figures read live. */
export async function trafficReport(r: Range, t: Translate): Promise<Report> {
  await ensureTraffic(r.from, r.to);
  const today = shopDay();
  const live = r.from <= today && today <= r.to;
  const summaryRange = sql`s.day BETWEEN ${r.from} AND ${r.to} AND s.day < ${today}`;
  const todayPaths = live
    ? sql`UNION ALL SELECT pv.path, COUNT(*) FROM page_views pv
        WHERE pv.day = ${today} AND pv.kind IN ('page','product','search') GROUP BY pv.path`
    : sql``;
  const todayTerms = live
    ? sql`UNION ALL SELECT pv.search_term, COUNT(*), SUM(pv.search_results = 0) FROM page_views pv
        WHERE pv.day = ${today} AND pv.kind = 'search' AND pv.search_term IS NOT NULL GROUP BY pv.search_term`
    : sql``;
  const [daily, todayRow, pages, terms] = await Promise.all([
    selectRows<TrafficSelectRow>(sql`SELECT DATE_FORMAT(s.day, '%Y-%m-%d') AS day, s.views, s.visitors,
        s.product_viewers AS productViewers, s.cart_adders AS cartAdders, s.buyers
      FROM daily_traffic s WHERE ${summaryRange} ORDER BY s.day`),
    live ? selectRows<TrafficSelectRow>(trafficSelect([today])) : Promise.resolve([]),
    selectRows<{ path: string; views: string | number }>(sql`SELECT x.path, SUM(x.views) AS views
      FROM (SELECT s.path, s.views FROM daily_paths s WHERE ${summaryRange} ${todayPaths}) x
      GROUP BY x.path ORDER BY views DESC, x.path LIMIT 20`),
    selectRows<TermSums>(sql`SELECT x.term, SUM(x.searches) AS searches, SUM(x.empty) AS empty
      FROM (SELECT s.term, s.searches, s.empty FROM daily_searches s WHERE ${summaryRange} ${todayTerms}) x
      GROUP BY x.term ORDER BY searches DESC, x.term LIMIT 200`),
  ]);
  const days = [...daily, ...todayRow.map((x) => ({ ...x, day: today }))];
  const total = (k: 'productViewers' | 'cartAdders' | 'buyers') => days.reduce((s, d) => s + count(d[k]), 0);
  const empty = terms
    .filter((x) => count(x.empty) > 0)
    .sort((a, b) => count(b.empty) - count(a.empty) || String(a.term).localeCompare(String(b.term)))
    .slice(0, 20);
  return trafficReportOf(t, {
    days: days.map((d) => ({ day: d.day, views: count(d.views), visitors: count(d.visitors) })),
    funnel: { productViewers: total('productViewers'), cartAdders: total('cartAdders'), buyers: total('buyers') },
    pages: pages.map((p) => ({ path: p.path, views: count(p.views) })),
    terms: terms.slice(0, 20).map((x) => ({ term: x.term, searches: count(x.searches) })),
    empty: empty.map((x) => ({ term: x.term, searches: count(x.empty) })),
  });
}
