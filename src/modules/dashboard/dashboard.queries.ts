import { sql } from 'drizzle-orm';
import { selectRows, shopDateOf, statusIn } from '../../db/util.js';
import { shopDay } from '../../domain/shop-time.js';
import { SOLD } from '../reports/report-sql.js';

export type Dashboard = {
  today: { channel: string; orders: number; revenue: string }[];
  last7: string;
  last30: string;
  awaitingVerification: number;
  /** Screenshots that waited past the review deadline (staff were alerted). */
  overdueProofs: number;
  /** Money the checker could not apply (second payments, late payments, mismatches): a refund or a check is due. */
  flaggedPayments: number;
  toPack: number;
  lowStock: number;
  recent: {
    number: string;
    customerName: string;
    status: string;
    grandTotal: string;
    channel: string;
    placedAt: Date;
  }[];
  daily: { day: string; revenue: string; orders: number }[];
};

/** Figures for /admin; "today" is the shop's day in Cambodia (UTC+7). */
export async function loadDashboard(now = new Date()): Promise<Dashboard> {
  const day = shopDateOf(sql`o.placed_at`);
  const today = shopDay(now);
  // The last 30 shop days; the placed_at bound lets the index narrow the scan first.
  const last30 = sql`${SOLD} AND o.placed_at >= ${now} - INTERVAL 31 DAY AND ${day} > ${today} - INTERVAL 30 DAY`;
  const [todayRows, sums, waiting, toPack, low, recent, daily, attention] = await Promise.all([
    selectRows<{ channel: string; orders: number; revenue: string }>(sql`SELECT o.channel, COUNT(*) AS orders,
        COALESCE(SUM(o.grand_total), 0) AS revenue
      FROM orders o WHERE ${SOLD} AND ${day} = ${today} GROUP BY o.channel`),
    selectRows<{ d7: string | null; d30: string | null }>(sql`SELECT
        SUM(CASE WHEN ${day} > ${today} - INTERVAL 7 DAY THEN o.grand_total END) AS d7,
        SUM(o.grand_total) AS d30
      FROM orders o WHERE ${last30}`),
    selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM payment_proofs pp JOIN orders o ON o.id = pp.order_id
      WHERE pp.status = 'submitted' AND o.status = 'payment_submitted'`),
    selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM orders o
      WHERE ${statusIn(sql`o.status`, ['paid', 'processing', 'confirmed'])} AND o.channel = 'online'`),
    selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM variants v JOIN products p ON p.id = v.product_id
      WHERE v.is_active = 1 AND p.status = 'active' AND v.stock <= v.low_stock_threshold`),
    selectRows<
      Dashboard['recent'][number]
    >(sql`SELECT o.number, o.customer_name AS customerName, o.status, o.grand_total AS grandTotal,
      o.channel, o.placed_at AS placedAt FROM orders o ORDER BY o.placed_at DESC, o.id DESC LIMIT 10`),
    selectRows<{ day: string; revenue: string; orders: number }>(sql`SELECT DATE_FORMAT(${day}, '%Y-%m-%d') AS day,
        SUM(o.grand_total) AS revenue, COUNT(*) AS orders
      FROM orders o WHERE ${last30} GROUP BY day ORDER BY day`),
    selectRows<{ overdue: number; flagged: number }>(sql`SELECT
      (SELECT COUNT(*) FROM payment_proofs pp JOIN orders o ON o.id = pp.order_id
        WHERE pp.status = 'submitted' AND o.status = 'payment_submitted' AND pp.alerted_at IS NOT NULL) AS overdue,
      (SELECT COUNT(*) FROM payments WHERE status = 'flagged') AS flagged`),
  ]);
  return {
    today: todayRows.map((r) => ({ ...r, orders: Number(r.orders) })),
    last7: sums[0]?.d7 ?? '0.00',
    last30: sums[0]?.d30 ?? '0.00',
    awaitingVerification: Number(waiting[0]?.n ?? 0),
    overdueProofs: Number(attention[0]?.overdue ?? 0),
    flaggedPayments: Number(attention[0]?.flagged ?? 0),
    toPack: Number(toPack[0]?.n ?? 0),
    lowStock: Number(low[0]?.n ?? 0),
    recent,
    daily: fillDays(daily, now),
  };
}

/** 30 points, one per day (Phnom Penh time), zero where nothing sold. */
function fillDays(rows: { day: string; revenue: string; orders: number }[], now: Date) {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out = [];
  for (let i = 29; i >= 0; i--) {
    const day = shopDay(now.getTime() - i * 86_400_000);
    const r = byDay.get(day);
    out.push({ day, revenue: r ? String(r.revenue) : '0.00', orders: r ? Number(r.orders) : 0 });
  }
  return out;
}
