import { type SQL, sql } from 'drizzle-orm';
import { pool } from '../../db/client.js';
import { inShopDays, selectRows, shopDateOf } from '../../db/util.js';
import { shopDay } from '../../domain/shop-time.js';
import { SOLD } from './report-sql.js';
import { withTransaction } from '../../db/transaction.js';

/**
 * Daily summaries behind the reports. A day's sales rows are rebuilt from the raw tables when
 * triggers have marked the day dirty (any order, line or refund of that day changed) or when it was
 * never summarised; traffic rows are built once per finished day (page views only arrive "today").
 * The same SQL as the direct reports (tests/helpers/report-oracle.ts), one day at a time, so the
 * figures match exactly.
 */
const LOCK = 'computer_shop:report_summaries';
const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + DAY_MS))
    out.push(d.toISOString().slice(0, 10));
  return out;
}
/** The calendar day `n` days before `day` ("YYYY-MM-DD"). */
export const daysBefore = (day: string, n: number): string =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() - n * DAY_MS).toISOString().slice(0, 10);
const list = (days: string[]) =>
  sql.join(
    days.map((d) => sql`${d}`),
    sql`, `,
  );
/** Sold orders placed on one of `days` (the range lets the index on placed_at narrow the scan). */
const soldOn = (days: string[]) =>
  sql`${SOLD} AND ${inShopDays(sql`o.placed_at`, days[0]!, days[days.length - 1]!)}
    AND ${shopDateOf(sql`o.placed_at`)} IN (${list(days)})`;
const summarisedDays = (kind: 'sales' | 'traffic', from: string, to: string) =>
  selectRows<{ day: string }>(sql`SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day FROM report_summarised_days
    WHERE kind = ${kind} AND day BETWEEN ${from} AND ${to}`);
const markSummarised = (kind: 'sales' | 'traffic', days: string[]) =>
  sql`INSERT IGNORE INTO report_summarised_days (day, kind) VALUES ${sql.join(
    days.map((d) => sql`(${d}, ${kind})`),
    sql`, `,
  )}`;

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const conn = await pool.getConnection();
  try {
    await conn.query('SELECT GET_LOCK(?, 30)', [LOCK]);
    try {
      return await work();
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [LOCK]);
    }
  } finally {
    conn.release();
  }
}

/** Makes the sales summaries of [from, to] current. */
export async function ensureSales(from: string, to: string): Promise<void> {
  const days = daysBetween(from, to);
  const done = new Set((await summarisedDays('sales', from, to)).map((r) => r.day));
  const dirty = new Set(
    (
      await selectRows<{ day: string }>(
        sql`SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day FROM report_dirty_days WHERE day BETWEEN ${from} AND ${to}`,
      )
    ).map((r) => r.day),
  );
  const todo = days.filter((d) => !done.has(d) || dirty.has(d));
  if (!todo.length) return;
  await withLock(async () => {
    for (let i = 0; i < todo.length; i += 31) await rebuildSales(todo.slice(i, i + 31));
  });
}

async function rebuildSales(days: string[]): Promise<void> {
  const [first, last] = [days[0]!, days[days.length - 1]!];
  const placedDay = shopDateOf(sql`o.placed_at`);
  const refundDay = shopDateOf(sql`f.created_at`);
  const kept = sql`(l.quantity - l.returned_quantity)`;
  await withTransaction(async (tx) => {
    await tx.execute(sql`DELETE FROM report_dirty_days WHERE day IN (${list(days)})`);
    for (const t of ['daily_sales', 'daily_refunds', 'daily_line_sales'])
      await tx.execute(sql`DELETE FROM ${sql.raw(t)} WHERE day IN (${list(days)})`);
    await tx.execute(sql`INSERT INTO daily_sales
        (day, channel, method, orders, items, goods, discounts, delivery, vat, total)
      SELECT ${placedDay} AS d, o.channel, COALESCE(o.payment_method, 'khqr'), COUNT(*),
        COALESCE(SUM((SELECT SUM(l.quantity) FROM order_lines l WHERE l.order_id = o.id)), 0),
        SUM(o.subtotal), SUM(o.discount_total), SUM(o.delivery_fee), SUM(o.vat_amount), SUM(o.grand_total)
      FROM orders o WHERE ${soldOn(days)}
      GROUP BY d, o.channel, COALESCE(o.payment_method, 'khqr')`);
    await tx.execute(sql`INSERT INTO daily_refunds (day, refunds)
      SELECT ${refundDay} AS d, SUM(f.amount) FROM refunds f
      WHERE ${inShopDays(sql`f.created_at`, first, last)} AND ${refundDay} IN (${list(days)}) GROUP BY d`);
    await tx.execute(sql`INSERT INTO daily_line_sales (day, sku, product_id, product_name, units, revenue, cost, below)
      SELECT ${placedDay} AS d, l.sku, MIN(l.product_id), l.product_name, SUM(${kept}),
        SUM(l.line_total * ${kept} / l.quantity), SUM(l.cost_price * ${kept}),
        SUM((l.line_total / l.quantity) < l.cost_price)
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE ${soldOn(days)} AND l.quantity > 0
      GROUP BY d, l.sku, l.product_name`);
    await tx.execute(markSummarised('sales', days));
  });
}

/** Makes the traffic summaries of finished days in [from, to] exist (today is read live). */
export async function ensureTraffic(from: string, to: string): Promise<void> {
  const today = shopDay();
  const days = daysBetween(from, to < today ? to : daysBefore(today, 1));
  if (!days.length) return;
  const done = new Set((await summarisedDays('traffic', from, to)).map((r) => r.day));
  const todo = days.filter((d) => !done.has(d));
  if (!todo.length) return;
  await withLock(async () => {
    for (let i = 0; i < todo.length; i += 15) {
      const chunk = todo.slice(i, i + 15);
      await withTransaction(async (tx) => {
        for (const t of ['daily_traffic', 'daily_paths', 'daily_searches'])
          await tx.execute(sql`DELETE FROM ${sql.raw(t)} WHERE day IN (${list(chunk)})`);
        await tx.execute(
          sql`INSERT INTO daily_traffic (day, views, visitors, product_viewers, cart_adders, buyers)
            ${trafficSelect(chunk)}`,
        );
        await tx.execute(sql`INSERT INTO daily_paths (day, path, views)
          SELECT pv.day, pv.path, COUNT(*) FROM page_views pv
          WHERE pv.day IN (${list(chunk)}) AND pv.kind IN ('page','product','search') GROUP BY pv.day, pv.path`);
        await tx.execute(sql`INSERT INTO daily_searches (day, term, searches, empty)
          SELECT pv.day, pv.search_term, COUNT(*), SUM(pv.search_results = 0) FROM page_views pv
          WHERE pv.day IN (${list(chunk)}) AND pv.kind = 'search' AND pv.search_term IS NOT NULL
          GROUP BY pv.day, pv.search_term`);
        await tx.execute(markSummarised('traffic', chunk));
      });
    }
  });
}

/** One day of traffic: views and visitors, then the visitors at each step of the funnel. */
export type TrafficSelectRow = {
  day: string;
  views: string | number;
  visitors: number;
  productViewers: number;
  cartAdders: number;
  buyers: number;
};

/** Per-day traffic figures straight from page_views (used for summaries and for today), as TrafficSelectRow. */
export function trafficSelect(days: string[]): SQL {
  const seen = sql`pv.kind IN ('page','product','search')`;
  const visitorsWho = (kind: string) => sql`COUNT(DISTINCT IF(pv.kind = ${kind}, pv.visitor, NULL))`;
  return sql`SELECT pv.day AS day, SUM(${seen}) AS views, COUNT(DISTINCT IF(${seen}, pv.visitor, NULL)) AS visitors,
      ${visitorsWho('product')} AS productViewers, ${visitorsWho('cart_add')} AS cartAdders,
      ${visitorsWho('order')} AS buyers
    FROM page_views pv WHERE pv.day IN (${list(days)}) GROUP BY pv.day`;
}

/** Keeps summaries warm in the background (called by the scheduler round). */
export async function refreshRecentSummaries(): Promise<void> {
  const today = shopDay();
  const from = daysBefore(today, 400);
  await ensureSales(from, today);
  await ensureTraffic(from, today);
}
