/**
 * The reports computed straight from the raw tables, the way they were before the daily summaries:
 * the tests hold the summary-based reports (src/modules/reports/summary-reports.ts) to exactly these
 * figures. Money is summed and rounded by SQL (DECIMAL), independently of the summaries' arithmetic.
 */
import { type SQL, sql } from 'drizzle-orm';
import { selectRows, shopDateOf } from '../../src/db/util.js';
import { toCents } from '../../src/domain/money.js';
import type { Translate } from '../../src/lib/i18n.js';
import { count, inRange, periodOf, SOLD } from '../../src/modules/reports/report-sql.js';
import {
  type BestSellerRow,
  bestSellersTable,
  type ChannelRow,
  type PathViews,
  profitReportOf,
  type RefundPeriodRow,
  type SalesPeriodRow,
  salesReportOf,
  type StockValueRow,
  stockValueTable,
  type TermSearches,
  trafficReportOf,
} from '../../src/modules/reports/report-tables.js';
import type { Range, Report } from '../../src/modules/reports/report-types.js';

const soldIn = (r: Range) => sql`${SOLD} AND ${inRange(sql`o.placed_at`, r)}`;

export async function salesReport(r: Range, t: Translate): Promise<Report> {
  const period = (col: SQL) => periodOf(shopDateOf(col), r.group);
  const [periods, refunds, channels, methods] = await Promise.all([
    selectRows<SalesPeriodRow>(sql`SELECT ${period(sql`o.placed_at`)} AS period, COUNT(*) AS orders,
        SUM((SELECT SUM(l.quantity) FROM order_lines l WHERE l.order_id = o.id)) AS items,
        SUM(o.subtotal) AS goods, SUM(o.discount_total) AS discounts, SUM(o.delivery_fee) AS delivery,
        SUM(o.vat_amount) AS vat, SUM(o.grand_total) AS total
      FROM orders o WHERE ${soldIn(r)} GROUP BY period ORDER BY period`),
    selectRows<RefundPeriodRow>(sql`SELECT ${period(sql`f.created_at`)} AS period, SUM(f.amount) AS refunds
      FROM refunds f WHERE ${inRange(sql`f.created_at`, r)} GROUP BY period`),
    selectRows<ChannelRow>(sql`SELECT o.channel AS name, COUNT(*) AS orders, SUM(o.grand_total) AS total
      FROM orders o WHERE ${soldIn(r)} GROUP BY o.channel ORDER BY o.channel`),
    selectRows<ChannelRow>(sql`SELECT COALESCE(o.payment_method, 'khqr') AS name, COUNT(*) AS orders,
        SUM(o.grand_total) AS total
      FROM orders o WHERE ${soldIn(r)} GROUP BY name ORDER BY name`),
  ]);
  return salesReportOf(t, { periods, refunds, channels, methods });
}

type ProfitSums = { name: string; units: string | number; revenue: string; cost: string; below: string | number };

/** Revenue and cost of the units kept (returned units are taken out), per product, category and brand. */
export async function profitReport(r: Range, t: Translate): Promise<Report> {
  const kept = sql`(l.quantity - l.returned_quantity)`;
  const revenue = sql`SUM(l.line_total * ${kept} / l.quantity)`;
  const cost = sql`SUM(l.cost_price * ${kept})`;
  const group = async (label: SQL, key: SQL) =>
    (
      await selectRows<ProfitSums>(sql`SELECT ${label} AS name, SUM(${kept}) AS units,
          ROUND(${revenue}, 2) AS revenue, ROUND(${cost}, 2) AS cost,
          SUM((l.line_total / l.quantity) < l.cost_price) AS below
        FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_id
          LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN brands b ON b.id = p.brand_id
        WHERE ${soldIn(r)} AND l.quantity > 0
        GROUP BY ${key} ORDER BY ${revenue} - ${cost} DESC`)
    ).map((x) => ({
      name: x.name,
      units: count(x.units),
      revenue: toCents(x.revenue),
      cost: toCents(x.cost),
      below: count(x.below),
    }));
  const [products, categories, brands] = await Promise.all([
    group(sql`MIN(l.product_name)`, sql`l.product_name`),
    group(sql`COALESCE(MIN(c.name), '—')`, sql`c.id`),
    group(sql`COALESCE(MIN(b.name), '—')`, sql`b.id`),
  ]);
  return profitReportOf(t, { products, categories, brands });
}

/** Best sellers and stock value at cost (the tables the summaries feed; slow movers are not compared). */
export async function productsReport(r: Range, t: Translate): Promise<Report> {
  const [best, value] = await Promise.all([
    selectRows<BestSellerRow>(sql`SELECT l.sku, MIN(l.product_name) AS name,
        SUM(l.quantity - l.returned_quantity) AS units,
        ROUND(SUM(l.line_total * (l.quantity - l.returned_quantity) / l.quantity), 2) AS revenue
      FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE ${soldIn(r)}
      GROUP BY l.sku
      ORDER BY units DESC, SUM(l.line_total * (l.quantity - l.returned_quantity) / l.quantity) DESC LIMIT 50`),
    selectRows<StockValueRow>(sql`SELECT SUM(v.stock) AS units, SUM(v.stock * v.cost_price) AS value
      FROM variants v WHERE v.is_active = 1`),
  ]);
  return { tables: [bestSellersTable(t, best), stockValueTable(t, value[0])] };
}

type Counted = { views?: string | number; searches?: string | number };

/** Page views and visitors per day, top pages and searches, the funnel and cart abandonment. */
export async function trafficReport(r: Range, t: Translate): Promise<Report> {
  const range = sql`pv.day BETWEEN ${r.from} AND ${r.to}`;
  const seen = sql`pv.kind IN ('page','product','search')`;
  const searches = (onlyEmpty: boolean) =>
    selectRows<{ term: string } & Counted>(sql`SELECT pv.search_term AS term, COUNT(*) AS searches
      FROM page_views pv WHERE ${range} AND pv.kind = 'search' ${onlyEmpty ? sql`AND pv.search_results = 0` : sql``}
      GROUP BY pv.search_term ORDER BY searches DESC, term LIMIT 20`);
  const [daily, pages, terms, empty, funnel] = await Promise.all([
    selectRows<{ day: string; views: string | number; visitors: number }>(sql`SELECT
        DATE_FORMAT(pv.day, '%Y-%m-%d') AS day, SUM(${seen}) AS views,
        COUNT(DISTINCT IF(${seen}, pv.visitor, NULL)) AS visitors
      FROM page_views pv WHERE ${range} GROUP BY pv.day ORDER BY pv.day`),
    selectRows<{ path: string } & Counted>(sql`SELECT pv.path, COUNT(*) AS views FROM page_views pv
      WHERE ${range} AND ${seen} GROUP BY pv.path ORDER BY views DESC, pv.path LIMIT 20`),
    searches(false),
    searches(true),
    selectRows<{ kind: string; visitors: number }>(sql`SELECT pv.kind, COUNT(DISTINCT pv.day, pv.visitor) AS visitors
      FROM page_views pv WHERE ${range} AND pv.kind IN ('product','cart_add','order') GROUP BY pv.kind`),
  ]);
  const visitors = (kind: string) => count(funnel.find((x) => x.kind === kind)?.visitors);
  const paths = (rows: ({ path: string } & Counted)[]): PathViews[] =>
    rows.map((p) => ({ path: p.path, views: count(p.views) }));
  const termRows = (rows: ({ term: string } & Counted)[]): TermSearches[] =>
    rows.map((x) => ({ term: x.term, searches: count(x.searches) }));
  return trafficReportOf(t, {
    days: daily.map((d) => ({ day: d.day, views: count(d.views), visitors: count(d.visitors) })),
    funnel: { productViewers: visitors('product'), cartAdders: visitors('cart_add'), buyers: visitors('order') },
    pages: paths(pages),
    terms: termRows(terms),
    empty: termRows(empty),
  });
}
