import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';
import type { Translate } from '../../lib/i18n.js';
import type { Range, Report } from './report-types.js';
import { ensureSales, ensureTraffic, shopToday, trafficSelect } from './summaries.js';

const num = (v: unknown) => Number(v ?? 0);
const money = (v: unknown) => (Math.round(num(v) * 100) / 100).toFixed(2);
const col = (t: Translate, key: string, type: 'text' | 'int' | 'money' | 'percent' | 'date') => ({
  key,
  label: t(`reports.col.${key}`),
  type,
});
function bucket(group: Range['group']): SQL {
  if (group === 'month') return sql`DATE_FORMAT(s.day, '%Y-%m')`;
  if (group === 'week') return sql`DATE_FORMAT(s.day - INTERVAL WEEKDAY(s.day) DAY, '%Y-%m-%d')`;
  return sql`DATE_FORMAT(s.day, '%Y-%m-%d')`;
}

export async function salesReport(r: Range, t: Translate): Promise<Report> {
  await ensureSales(r.from, r.to);
  const between = sql`s.day BETWEEN ${r.from} AND ${r.to}`;
  const [rows, refunds, channels, methods] = await Promise.all([
    selectRows<
      Record<string, string>
    >(sql`SELECT ${bucket(r.group)} AS period, SUM(s.orders) AS orders, SUM(s.items) AS items, SUM(s.goods) AS goods,
      SUM(s.discounts) AS discounts, SUM(s.delivery) AS delivery, SUM(s.vat) AS vat, SUM(s.total) AS total FROM daily_sales s WHERE ${between} GROUP BY period ORDER BY period`),
    selectRows<{ period: string; refunds: string }>(
      sql`SELECT ${bucket(r.group)} AS period, SUM(s.refunds) AS refunds FROM daily_refunds s WHERE ${between} GROUP BY period`,
    ),
    selectRows<Record<string, string>>(
      sql`SELECT s.channel AS name, SUM(s.orders) AS orders, SUM(s.total) AS total FROM daily_sales s WHERE ${between} GROUP BY s.channel ORDER BY FIELD(s.channel, 'online', 'counter')`,
    ),
    selectRows<Record<string, string>>(
      sql`SELECT s.method AS name, SUM(s.orders) AS orders, SUM(s.total) AS total FROM daily_sales s WHERE ${between} GROUP BY s.method ORDER BY s.method`,
    ),
  ]);
  const refundBy = new Map(refunds.map((x) => [String(x.period), num(x.refunds)]));
  const byPeriod = new Map(rows.map((x) => [String(x.period), x]));
  const periods = [...new Set([...byPeriod.keys(), ...refundBy.keys()])].sort();
  const table = periods.map((p) => {
    const x = byPeriod.get(p);
    const refund = refundBy.get(p) ?? 0;
    return {
      period: p,
      orders: num(x?.orders),
      items: num(x?.items),
      goods: money(x?.goods),
      discounts: money(x?.discounts),
      delivery: money(x?.delivery),
      vat: money(x?.vat),
      total: money(x?.total),
      refunds: money(refund),
      net: money(num(x?.total) - refund),
    };
  });
  const sum = (k: string) => money(table.reduce((s, row) => s + num((row as Record<string, unknown>)[k]), 0));
  const chartRows = [...table];
  if (table.length)
    table.push({
      period: t('reports.total'),
      orders: table.reduce((s, x) => s + x.orders, 0),
      items: table.reduce((s, x) => s + x.items, 0),
      goods: sum('goods'),
      discounts: sum('discounts'),
      delivery: sum('delivery'),
      vat: sum('vat'),
      total: sum('total'),
      refunds: sum('refunds'),
      net: sum('net'),
    });
  const cols = (keys: [string, 'text' | 'int' | 'money'][]) => keys.map(([key, type]) => col(t, key, type));
  return {
    tables: [
      {
        id: 'sales',
        title: t('reports.sales'),
        columns: cols([
          ['period', 'text'],
          ['orders', 'int'],
          ['items', 'int'],
          ['goods', 'money'],
          ['discounts', 'money'],
          ['delivery', 'money'],
          ['vat', 'money'],
          ['total', 'money'],
          ['refunds', 'money'],
          ['net', 'money'],
        ]),
        rows: table,
      },
      {
        id: 'channels',
        title: t('reports.byChannel'),
        columns: cols([
          ['name', 'text'],
          ['orders', 'int'],
          ['total', 'money'],
        ]),
        rows: channels.map((c) => ({
          name: t(`adminOrders.channels.${c.name}`),
          orders: num(c.orders),
          total: money(c.total),
        })),
      },
      {
        id: 'methods',
        title: t('reports.byMethod'),
        columns: cols([
          ['name', 'text'],
          ['orders', 'int'],
          ['total', 'money'],
        ]),
        rows: methods.map((c) => ({
          name: t(`adminOrders.methods.${c.name}`),
          orders: num(c.orders),
          total: money(c.total),
        })),
      },
    ],
    chart: {
      type: 'bar',
      labels: chartRows.map((x) => x.period),
      series: [{ label: t('reports.col.net'), data: chartRows.map((x) => Number(x.net)) }],
    },
  };
}

/** Decimal string → integer millionths, exactly (sums stay exact in a double up to ~9·10⁹ dollars). */
const micro = (v: unknown) => {
  const [i = '0', f = ''] = String(v ?? '0').split('.');
  const neg = i.startsWith('-');
  const m = Math.abs(Number(i)) * 1e6 + Number(f.padEnd(6, '0').slice(0, 6));
  return neg ? -m : m;
};

export async function profitReport(r: Range, t: Translate): Promise<Report> {
  await ensureSales(r.from, r.to);
  // One pass over the summary, grouped by product; categories and brands are rolled up here.
  const rows = await selectRows<
    Record<string, string>
  >(sql`SELECT s.product_id AS pid, s.product_name AS name, SUM(s.units) AS units, SUM(s.revenue) AS revenue, SUM(s.cost) AS cost, SUM(s.below) AS below
    FROM daily_line_sales s WHERE s.day BETWEEN ${r.from} AND ${r.to} GROUP BY s.product_id, s.product_name`);
  const ids = [...new Set(rows.map((x) => Number(x.pid)).filter(Boolean))];
  const owners = ids.length
    ? await selectRows<{
        id: number;
        category: string | null;
        categoryId: number | null;
        brand: string | null;
        brandId: number | null;
      }>(sql`SELECT p.id, c.name AS category, c.id AS categoryId, b.name AS brand, b.id AS brandId
      FROM products p LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN brands b ON b.id = p.brand_id WHERE p.id IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`)
    : [];
  const owner = new Map(owners.map((o) => [Number(o.id), o]));
  type Acc = { name: string; units: number; revenue: number; cost: number; below: number };
  const add = (map: Map<string, Acc>, key: string, name: string, x: Record<string, string>) => {
    const a = map.get(key) ?? { name, units: 0, revenue: 0, cost: 0, below: 0 };
    a.units += num(x.units);
    a.revenue += micro(x.revenue);
    a.cost += micro(x.cost);
    a.below += num(x.below);
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
  const shape = (map: Map<string, Acc>, flag: boolean) =>
    [...map.values()]
      .sort((a, b) => b.revenue - b.cost - (a.revenue - a.cost))
      .map((x) => {
        const rev = Math.round(x.revenue / 1e4);
        const profit = rev - Math.round(x.cost / 1e4);
        return {
          name: x.name,
          units: x.units,
          revenue: (rev / 100).toFixed(2),
          cost: (Math.round(x.cost / 1e4) / 100).toFixed(2),
          profit: (profit / 100).toFixed(2),
          margin: rev ? ((profit * 100) / rev).toFixed(1) : '0.0',
          ...(flag ? { flag: x.below > 0 ? t('reports.belowCost') : '' } : {}),
        };
      });
  const cols = (flag: boolean) => [
    col(t, 'name', 'text'),
    col(t, 'units', 'int'),
    col(t, 'revenue', 'money'),
    col(t, 'cost', 'money'),
    col(t, 'profit', 'money'),
    col(t, 'margin', 'percent'),
    ...(flag ? [col(t, 'flag', 'text')] : []),
  ];
  const products = shape(byProduct, true);
  return {
    tables: [
      { id: 'products', title: t('reports.profitByProduct'), columns: cols(true), rows: products },
      { id: 'categories', title: t('reports.profitByCategory'), columns: cols(false), rows: shape(byCategory, false) },
      { id: 'brands', title: t('reports.profitByBrand'), columns: cols(false), rows: shape(byBrand, false) },
    ],
    chart: {
      type: 'bar',
      labels: products.slice(0, 15).map((p) => p.name),
      series: [{ label: t('reports.col.profit'), data: products.slice(0, 15).map((p) => Number(p.profit)) }],
    },
  };
}

/** Best sellers in the range, slow movers (in stock, not sold in the last N days), stock value at cost. */
export async function productsReport(r: Range, t: Translate, slowDays = 60): Promise<Report> {
  const today = shopToday();
  const since = new Date(new Date(`${today}T00:00:00Z`).getTime() - (slowDays - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await ensureSales(r.from, r.to);
  await ensureSales(since, today);
  const [best, slow, value] = await Promise.all([
    selectRows<
      Record<string, string>
    >(sql`SELECT s.sku, MIN(s.product_name) AS name, SUM(s.units) AS units, SUM(s.revenue) AS revenue FROM daily_line_sales s
      WHERE s.day BETWEEN ${r.from} AND ${r.to} GROUP BY s.sku ORDER BY units DESC, revenue DESC LIMIT 50`),
    selectRows<
      Record<string, string>
    >(sql`SELECT v.sku, p.name, v.stock FROM variants v JOIN products p ON p.id = v.product_id
      WHERE v.is_active = 1 AND v.stock > 0 AND v.sku NOT IN (SELECT s.sku FROM daily_line_sales s WHERE s.day >= ${since} AND s.units > 0)
      ORDER BY v.stock * v.cost_price DESC LIMIT 100`),
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
        columns: [col(t, 'sku', 'text'), col(t, 'name', 'text'), col(t, 'stock', 'int')],
        rows: slow.map((s) => ({ sku: s.sku!, name: s.name!, stock: num(s.stock) })),
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

/** Traffic from the daily summaries, with today's figures read live. */
export async function trafficReport(r: Range, t: Translate): Promise<Report> {
  await ensureTraffic(r.from, r.to);
  const today = shopToday();
  const live = r.from <= today && today <= r.to;
  const summaryRange = sql`s.day BETWEEN ${r.from} AND ${r.to} AND s.day < ${today}`;
  const todayPaths = live
    ? sql`UNION ALL SELECT pv.path, COUNT(*) FROM page_views pv WHERE pv.day = ${today} AND pv.kind IN ('page','product','search') GROUP BY pv.path`
    : sql``;
  const todayTerms = live
    ? sql`UNION ALL SELECT pv.search_term, COUNT(*), SUM(pv.search_results = 0) FROM page_views pv WHERE pv.day = ${today} AND pv.kind = 'search' AND pv.search_term IS NOT NULL GROUP BY pv.search_term`
    : sql``;
  const [daily, todayRow, pages, terms] = await Promise.all([
    selectRows<Record<string, string>>(
      sql`SELECT DATE_FORMAT(s.day, '%Y-%m-%d') AS day, s.views, s.visitors, s.product_viewers AS pv, s.cart_adders AS ca, s.buyers AS b FROM daily_traffic s WHERE ${summaryRange} ORDER BY s.day`,
    ),
    live ? selectRows<Record<string, string>>(trafficSelect([today])) : Promise.resolve([]),
    selectRows<Record<string, string>>(
      sql`SELECT x.path, SUM(x.views) AS views FROM (SELECT s.path, s.views FROM daily_paths s WHERE ${summaryRange} ${todayPaths}) x GROUP BY x.path ORDER BY views DESC, x.path LIMIT 20`,
    ),
    selectRows<Record<string, string>>(
      sql`SELECT x.term, SUM(x.searches) AS searches, SUM(x.empty) AS empty FROM (SELECT s.term, s.searches, s.empty FROM daily_searches s WHERE ${summaryRange} ${todayTerms}) x GROUP BY x.term ORDER BY searches DESC, x.term LIMIT 200`,
    ),
  ]);
  const days = [
    ...daily,
    ...todayRow.map((x) => {
      const v = Object.values(x);
      return { day: today, views: v[1], visitors: v[2], pv: v[3], ca: v[4], b: v[5] } as Record<string, string>;
    }),
  ];
  const f = {
    product: days.reduce((s, d) => s + num(d.pv), 0),
    cart_add: days.reduce((s, d) => s + num(d.ca), 0),
    order: days.reduce((s, d) => s + num(d.b), 0),
  };
  const empty = terms
    .filter((x) => num(x.empty) > 0)
    .sort((a, b) => num(b.empty) - num(a.empty) || String(a.term).localeCompare(String(b.term)))
    .slice(0, 20);
  return {
    tables: [
      {
        id: 'daily',
        title: t('reports.trafficDaily'),
        columns: [col(t, 'day', 'date'), col(t, 'views', 'int'), col(t, 'visitors', 'int')],
        rows: days.map((d) => ({ day: d.day!, views: num(d.views), visitors: num(d.visitors) })),
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
            productViewers: f.product,
            cartAdders: f.cart_add,
            buyers: f.order,
            abandonment: f.cart_add
              ? (((f.cart_add - Math.min(f.order, f.cart_add)) * 100) / f.cart_add).toFixed(1)
              : '0.0',
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
        rows: terms.slice(0, 20).map((x) => ({ term: x.term!, searches: num(x.searches) })),
      },
      {
        id: 'empty',
        title: t('reports.emptySearches'),
        columns: [col(t, 'term', 'text'), col(t, 'searches', 'int')],
        rows: empty.map((x) => ({ term: x.term!, searches: num(x.empty) })),
      },
    ],
    chart: {
      type: 'line',
      labels: days.map((d) => d.day!),
      series: [
        { label: t('reports.col.views'), data: days.map((d) => num(d.views)) },
        { label: t('reports.col.visitors'), data: days.map((d) => num(d.visitors)) },
      ],
    },
  };
}
