import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';
import type { Translate } from '../../lib/i18n.js';
import type { Range, Report } from './report-types.js';

/** Orders that count as sales (money was taken), whatever happened after. */
const SOLD = sql`o.status IN ('paid','processing','ready_for_pickup','shipped','completed','refunded')`;
const localDay = (col: SQL) => sql`DATE(CONVERT_TZ(${col}, '+00:00', '+07:00'))`;
const inRange = (col: SQL, r: Range) =>
  sql`${col} >= CONVERT_TZ(${`${r.from} 00:00:00`}, '+07:00', '+00:00') AND ${col} < CONVERT_TZ(${`${r.to} 00:00:00`}, '+07:00', '+00:00') + INTERVAL 1 DAY`;
function bucket(col: SQL, group: Range['group']): SQL {
  const d = localDay(col);
  if (group === 'month') return sql`DATE_FORMAT(${d}, '%Y-%m')`;
  if (group === 'week') return sql`DATE_FORMAT(${d} - INTERVAL WEEKDAY(${d}) DAY, '%Y-%m-%d')`; // the Monday
  return sql`DATE_FORMAT(${d}, '%Y-%m-%d')`;
}
const num = (v: unknown) => Number(v ?? 0);
const money = (v: unknown) => (Math.round(num(v) * 100) / 100).toFixed(2);

export async function salesReport(r: Range, t: Translate): Promise<Report> {
  const period = bucket(sql`o.placed_at`, r.group);
  const [rows, refunds, channels, methods] = await Promise.all([
    selectRows<Record<string, string>>(sql`SELECT ${period} AS period, COUNT(*) AS orders,
        SUM((SELECT SUM(l.quantity) FROM order_lines l WHERE l.order_id = o.id)) AS items,
        SUM(o.subtotal) AS goods, SUM(o.discount_total) AS discounts, SUM(o.delivery_fee) AS delivery, SUM(o.vat_amount) AS vat, SUM(o.grand_total) AS total
      FROM orders o WHERE ${SOLD} AND ${inRange(sql`o.placed_at`, r)} GROUP BY period ORDER BY period`),
    selectRows<{
      period: string;
      refunds: string;
    }>(sql`SELECT ${bucket(sql`f.created_at`, r.group)} AS period, SUM(f.amount) AS refunds
      FROM refunds f WHERE ${inRange(sql`f.created_at`, r)} GROUP BY period`),
    selectRows<
      Record<string, string>
    >(sql`SELECT o.channel AS name, COUNT(*) AS orders, SUM(o.grand_total) AS total FROM orders o
      WHERE ${SOLD} AND ${inRange(sql`o.placed_at`, r)} GROUP BY o.channel ORDER BY o.channel`),
    selectRows<
      Record<string, string>
    >(sql`SELECT COALESCE(o.payment_method, 'khqr') AS name, COUNT(*) AS orders, SUM(o.grand_total) AS total FROM orders o
      WHERE ${SOLD} AND ${inRange(sql`o.placed_at`, r)} GROUP BY name ORDER BY name`),
  ]);
  const refundBy = new Map(refunds.map((x) => [x.period, num(x.refunds)]));
  const periods = [...new Set([...rows.map((x) => String(x.period)), ...refundBy.keys()])].sort();
  const byPeriod = new Map(rows.map((x) => [String(x.period), x]));
  const table = periods.map((p) => {
    const x = byPeriod.get(p);
    const refund = refundBy.get(p) ?? 0;
    return {
      period: p!,
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
  const cols = (keys: [string, 'text' | 'int' | 'money'][]) =>
    keys.map(([key, type]) => ({ key, label: t(`reports.col.${key}`), type }));
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
      labels: table.filter((x) => x.period !== t('reports.total')).map((x) => x.period),
      series: [
        {
          label: t('reports.col.net'),
          data: table.filter((x) => x.period !== t('reports.total')).map((x) => Number(x.net)),
        },
      ],
    },
  };
}

/** Revenue and cost of the units kept (returned units are taken out), per product, category and brand. */
export async function profitReport(r: Range, t: Translate): Promise<Report> {
  const kept = sql`(l.quantity - l.returned_quantity)`;
  const revenue = sql`SUM(l.line_total * ${kept} / l.quantity)`;
  const cost = sql`SUM(l.cost_price * ${kept})`;
  const base = sql`FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_id
    LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN brands b ON b.id = p.brand_id WHERE ${SOLD} AND ${inRange(sql`o.placed_at`, r)} AND l.quantity > 0`;
  const group = (label: SQL, key: SQL) =>
    selectRows<
      Record<string, string>
    >(sql`SELECT ${label} AS name, SUM(${kept}) AS units, ${revenue} AS revenue, ${cost} AS cost,
    SUM((l.line_total / l.quantity) < l.cost_price) AS below ${base} GROUP BY ${key} ORDER BY ${revenue} - ${cost} DESC`);
  const [byProduct, byCategory, byBrand] = await Promise.all([
    group(sql`MIN(l.product_name)`, sql`l.product_name`),
    group(sql`COALESCE(MIN(c.name), '—')`, sql`c.id`),
    group(sql`COALESCE(MIN(b.name), '—')`, sql`b.id`),
  ]);
  const shape = (rows: Record<string, string>[], flag: boolean) =>
    rows.map((x) => {
      const rev = Math.round(num(x.revenue) * 100);
      const profit = rev - Math.round(num(x.cost) * 100);
      return {
        name: x.name!,
        units: num(x.units),
        revenue: (rev / 100).toFixed(2),
        cost: money(x.cost),
        profit: (profit / 100).toFixed(2),
        margin: rev ? ((profit * 100) / rev).toFixed(1) : '0.0',
        ...(flag ? { flag: num(x.below) > 0 ? t('reports.belowCost') : '' } : {}),
      };
    });
  const cols = (flag: boolean) => [
    { key: 'name', label: t('reports.col.name'), type: 'text' as const },
    { key: 'units', label: t('reports.col.units'), type: 'int' as const },
    { key: 'revenue', label: t('reports.col.revenue'), type: 'money' as const },
    { key: 'cost', label: t('reports.col.cost'), type: 'money' as const },
    { key: 'profit', label: t('reports.col.profit'), type: 'money' as const },
    { key: 'margin', label: t('reports.col.margin'), type: 'percent' as const },
    ...(flag ? [{ key: 'flag', label: t('reports.col.flag'), type: 'text' as const }] : []),
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
