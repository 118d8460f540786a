import { type Cents, cents, centsToDecimal, sumCents } from '../../domain/money.js';
import type { Translate } from '../../lib/i18n.js';
import { amount, count } from './report-sql.js';
import type { Cell, ColumnType, Report } from './report-types.js';

/**
 * Shapes report figures into tables and charts, the same for the summary-based reports and for the
 * direct SQL the tests check them against. Money cells are decimal strings made from integer cents.
 */
const col = (t: Translate, key: string, type: ColumnType) => ({ key, label: t(`reports.col.${key}`), type });
export const columns = (t: Translate, specs: [string, ColumnType][]) => specs.map(([key, type]) => col(t, key, type));

/** Part of a whole in percent with one decimal ("20.0"), from counts or from integer cents. */
export const percent = (part: number, whole: number): string => (whole ? ((part * 100) / whole).toFixed(1) : '0.0');

/** chart.js plots plain numbers: a money cell's dollars, for display only (never summed). */
export const plotted = (decimal: Cell): number => Number(decimal);

/** A SUM row of a period (NULL sums when only refunds fell in it). */
export type SalesPeriodRow = {
  period: string;
  orders: string | number;
  items: string | number | null;
  goods: string | null;
  discounts: string | null;
  delivery: string | null;
  vat: string | null;
  total: string | null;
};
export type RefundPeriodRow = { period: string; refunds: string | null };
export type ChannelRow = { name: string; orders: string | number; total: string | null };

const MONEY = ['goods', 'discounts', 'delivery', 'vat', 'total', 'refunds', 'net'] as const;
type SalesLine = { period: string; orders: number; items: number } & Record<(typeof MONEY)[number], Cents>;

function salesLine(period: string, x: SalesPeriodRow | undefined, refunds: Cents): SalesLine {
  const total = amount(x?.total);
  return {
    period,
    orders: count(x?.orders),
    items: count(x?.items),
    goods: amount(x?.goods),
    discounts: amount(x?.discounts),
    delivery: amount(x?.delivery),
    vat: amount(x?.vat),
    total,
    refunds,
    net: cents(total - refunds),
  };
}

function totalLine(period: string, lines: SalesLine[]): SalesLine {
  const sum = (k: (typeof MONEY)[number]) => sumCents(lines.map((l) => l[k]));
  return {
    period,
    orders: lines.reduce((s, l) => s + l.orders, 0),
    items: lines.reduce((s, l) => s + l.items, 0),
    goods: sum('goods'),
    discounts: sum('discounts'),
    delivery: sum('delivery'),
    vat: sum('vat'),
    total: sum('total'),
    refunds: sum('refunds'),
    net: sum('net'),
  };
}

const shownSales = (l: SalesLine): Record<string, Cell> => ({
  period: l.period,
  orders: l.orders,
  items: l.items,
  ...Object.fromEntries(MONEY.map((k) => [k, centsToDecimal(l[k])])),
});

const shownChannel = (t: Translate, kind: 'channels' | 'methods') => (c: ChannelRow) => ({
  name: t(`adminOrders.${kind}.${c.name}`),
  orders: count(c.orders),
  total: centsToDecimal(amount(c.total)),
});

/** Sales per period (refunds on the day the money went back) with a total row; by channel and method. */
export function salesReportOf(
  t: Translate,
  sums: { periods: SalesPeriodRow[]; refunds: RefundPeriodRow[]; channels: ChannelRow[]; methods: ChannelRow[] },
): Report {
  const refundBy = new Map(sums.refunds.map((x) => [String(x.period), amount(x.refunds)]));
  const byPeriod = new Map(sums.periods.map((x) => [String(x.period), x]));
  const periods = [...new Set([...byPeriod.keys(), ...refundBy.keys()])].sort();
  const lines = periods.map((p) => salesLine(p, byPeriod.get(p), refundBy.get(p) ?? cents(0)));
  const rows = lines.map(shownSales);
  if (lines.length) rows.push(shownSales(totalLine(t('reports.total'), lines)));
  const channelColumns = columns(t, [
    ['name', 'text'],
    ['orders', 'int'],
    ['total', 'money'],
  ]);
  return {
    tables: [
      {
        id: 'sales',
        title: t('reports.sales'),
        columns: columns(t, [
          ['period', 'text'],
          ['orders', 'int'],
          ['items', 'int'],
          ...MONEY.map((k): [string, ColumnType] => [k, 'money']),
        ]),
        rows,
      },
      {
        id: 'channels',
        title: t('reports.byChannel'),
        columns: channelColumns,
        rows: sums.channels.map(shownChannel(t, 'channels')),
      },
      {
        id: 'methods',
        title: t('reports.byMethod'),
        columns: channelColumns,
        rows: sums.methods.map(shownChannel(t, 'methods')),
      },
    ],
    chart: {
      type: 'bar',
      labels: lines.map((l) => l.period),
      series: [{ label: t('reports.col.net'), data: lines.map((l) => plotted(centsToDecimal(l.net))) }],
    },
  };
}

/** Revenue and cost (in cents) of the units kept, for one product, category or brand. */
export type ProfitLine = { name: string; units: number; revenue: Cents; cost: Cents; below: number };

/** Profit per product (sold below cost flagged), category and brand; each list already sorted. */
export function profitReportOf(
  t: Translate,
  lines: { products: ProfitLine[]; categories: ProfitLine[]; brands: ProfitLine[] },
): Report {
  const shape = (list: ProfitLine[], flag: boolean) =>
    list.map((x) => {
      const profit = cents(x.revenue - x.cost);
      return {
        name: x.name,
        units: x.units,
        revenue: centsToDecimal(x.revenue),
        cost: centsToDecimal(x.cost),
        profit: centsToDecimal(profit),
        margin: percent(profit, x.revenue),
        ...(flag ? { flag: x.below > 0 ? t('reports.belowCost') : '' } : {}),
      };
    });
  const profitColumns = (flag: boolean) =>
    columns(t, [
      ['name', 'text'],
      ['units', 'int'],
      ['revenue', 'money'],
      ['cost', 'money'],
      ['profit', 'money'],
      ['margin', 'percent'],
      ...(flag ? [['flag', 'text'] as [string, ColumnType]] : []),
    ]);
  const products = shape(lines.products, true);
  const top = products.slice(0, 15);
  return {
    tables: [
      { id: 'products', title: t('reports.profitByProduct'), columns: profitColumns(true), rows: products },
      {
        id: 'categories',
        title: t('reports.profitByCategory'),
        columns: profitColumns(false),
        rows: shape(lines.categories, false),
      },
      {
        id: 'brands',
        title: t('reports.profitByBrand'),
        columns: profitColumns(false),
        rows: shape(lines.brands, false),
      },
    ],
    chart: {
      type: 'bar',
      labels: top.map((p) => p.name),
      series: [{ label: t('reports.col.profit'), data: top.map((p) => plotted(p.profit)) }],
    },
  };
}

/** A best seller: units kept and the revenue of those units, already rounded to cents by SQL. */
export type BestSellerRow = { sku: string; name: string; units: string | number; revenue: string | null };
export type StockValueRow = { units: string | number | null; value: string | null };

export const bestSellersTable = (t: Translate, rows: BestSellerRow[]) => ({
  id: 'best',
  title: t('reports.bestSellers'),
  columns: columns(t, [
    ['sku', 'text'],
    ['name', 'text'],
    ['units', 'int'],
    ['revenue', 'money'],
  ]),
  rows: rows.map((b) => ({
    sku: b.sku,
    name: b.name,
    units: count(b.units),
    revenue: centsToDecimal(amount(b.revenue)),
  })),
});

export const stockValueTable = (t: Translate, row: StockValueRow | undefined) => ({
  id: 'value',
  title: t('reports.stockValue'),
  columns: columns(t, [
    ['units', 'int'],
    ['value', 'money'],
  ]),
  rows: [{ units: count(row?.units), value: centsToDecimal(amount(row?.value)) }],
});

export type TrafficDay = { day: string; views: number; visitors: number };
export type Funnel = { productViewers: number; cartAdders: number; buyers: number };
export type PathViews = { path: string; views: number };
export type TermSearches = { term: string; searches: number };

/** Views and visitors per day, the funnel with cart abandonment, top pages, top and empty searches. */
export function trafficReportOf(
  t: Translate,
  f: { days: TrafficDay[]; funnel: Funnel; pages: PathViews[]; terms: TermSearches[]; empty: TermSearches[] },
): Report {
  const { cartAdders, buyers } = f.funnel;
  const termColumns = columns(t, [
    ['term', 'text'],
    ['searches', 'int'],
  ]);
  return {
    tables: [
      {
        id: 'daily',
        title: t('reports.trafficDaily'),
        columns: columns(t, [
          ['day', 'date'],
          ['views', 'int'],
          ['visitors', 'int'],
        ]),
        rows: f.days,
      },
      {
        id: 'funnel',
        title: t('reports.funnel'),
        columns: columns(t, [
          ['productViewers', 'int'],
          ['cartAdders', 'int'],
          ['buyers', 'int'],
          ['abandonment', 'percent'],
        ]),
        rows: [{ ...f.funnel, abandonment: percent(cartAdders - Math.min(buyers, cartAdders), cartAdders) }],
      },
      {
        id: 'pages',
        title: t('reports.topPages'),
        columns: columns(t, [
          ['path', 'text'],
          ['views', 'int'],
        ]),
        rows: f.pages,
      },
      { id: 'terms', title: t('reports.topSearches'), columns: termColumns, rows: f.terms },
      { id: 'empty', title: t('reports.emptySearches'), columns: termColumns, rows: f.empty },
    ],
    chart: {
      type: 'line',
      labels: f.days.map((d) => d.day),
      series: [
        { label: t('reports.col.views'), data: f.days.map((d) => d.views) },
        { label: t('reports.col.visitors'), data: f.days.map((d) => d.visitors) },
      ],
    },
  };
}
