import { sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { drawerCounts } from '../../db/schema.js';
import { inShopDays, insertId, selectRows } from '../../db/util.js';
import { type Cents, cents, centsToDecimal, toCents } from '../../domain/money.js';
import { shopDay } from '../../domain/shop-time.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { drawerCents, endOfDay } from './end-of-day.queries.js';
import { KHR_NOTES, USD_NOTES } from './pos.schemas.js';

/** Notes counted, by face value: { "100": 3, "50": 1, ... }. */
type Notes = Record<string, number>;

/** What the notes add up to: dollars in cents, riel in riel (no coins: every note is whole). */
function countNotes(usdNotes: Notes, khrNotes: Notes): { usdCents: Cents; khr: number } {
  return {
    usdCents: cents(USD_NOTES.reduce((s, n) => s + n * 100 * (usdNotes[String(n)] ?? 0), 0)),
    khr: KHR_NOTES.reduce((s, n) => s + n * (khrNotes[String(n)] ?? 0), 0),
  };
}

/**
 * The cash that should be in one cashier's drawer on a shop day, dollars and riel apart (the end of
 * day's own numbers: dollar notes kept less cash refunds, riel notes kept).
 */
export async function expectedCash(day: string, cashierId: number): Promise<{ usdCents: Cents; khr: number }> {
  const row = (await endOfDay(day)).rows.find((r) => Number(r.cashierId) === cashierId);
  return row ? { usdCents: drawerCents(row), khr: row.cashKhr } : { usdCents: cents(0), khr: 0 };
}

export type Cashier = { id: number; name: string };

/** Who can have a drawer: staff and admins, and anyone who sold at the counter that day. */
export function cashiersOn(day: string): Promise<Cashier[]> {
  return selectRows<Cashier>(sql`SELECT u.id, u.name FROM users u
    WHERE u.role IN ('staff', 'admin') OR u.id IN (SELECT o.cashier_id FROM orders o WHERE o.channel = 'counter'
      AND ${inShopDays(sql`o.placed_at`, day, day)})
    ORDER BY u.name, u.id LIMIT 200`);
}

/** A cashier who may have a drawer (a staff member or an admin); 404 for anyone else. */
export async function findCashier(id: number): Promise<Cashier> {
  const [row] = await selectRows<Cashier>(
    sql`SELECT id, name FROM users WHERE id = ${id} AND role IN ('staff', 'admin') LIMIT 1`,
  );
  if (!row) throw new NotFoundError();
  return { id: Number(row.id), name: row.name };
}

export type DrawerCount = {
  id: number;
  shopDay: string;
  cashierId: number | null;
  cashier: string | null;
  countedBy: string | null;
  usdNotes: Notes;
  khrNotes: Notes;
  countedUsd: string;
  countedKhr: number;
  expectedUsd: string;
  expectedKhr: number;
  /** Counted − expected: + the drawer holds more than the sales say, − it holds less. */
  diffUsd: string;
  diffKhr: number;
  note: string | null;
  createdAt: Date;
};

type Row = Omit<DrawerCount, 'diffUsd' | 'diffKhr' | 'usdNotes' | 'khrNotes'> & {
  usdNotes: Notes | string;
  khrNotes: Notes | string;
};
const notesOf = (v: Notes | string): Notes => (typeof v === 'string' ? (JSON.parse(v) as Notes) : v);
const withDiff = (r: Row): DrawerCount => ({
  ...r,
  id: Number(r.id),
  cashierId: r.cashierId === null ? null : Number(r.cashierId),
  usdNotes: notesOf(r.usdNotes),
  khrNotes: notesOf(r.khrNotes),
  countedKhr: Number(r.countedKhr),
  expectedKhr: Number(r.expectedKhr),
  diffUsd: centsToDecimal(toCents(r.countedUsd) - toCents(r.expectedUsd)),
  diffKhr: Number(r.countedKhr) - Number(r.expectedKhr),
});

const COUNT = sql`dc.id, DATE_FORMAT(dc.shop_day, '%Y-%m-%d') AS shopDay, dc.cashier_id AS cashierId, u.name AS cashier,
  cb.name AS countedBy, dc.usd_notes AS usdNotes, dc.khr_notes AS khrNotes, dc.counted_usd AS countedUsd,
  dc.counted_khr AS countedKhr, dc.expected_usd AS expectedUsd, dc.expected_khr AS expectedKhr, dc.note,
  dc.created_at AS createdAt`;
const FROM = sql`drawer_counts dc LEFT JOIN users u ON u.id = dc.cashier_id LEFT JOIN users cb ON cb.id = dc.counted_by`;

/** The count of a cashier's drawer for a day: the latest one (a recount adds a row). */
export async function latestCount(day: string, cashierId: number): Promise<DrawerCount | undefined> {
  const [row] = await selectRows<Row>(sql`SELECT ${COUNT} FROM ${FROM}
    WHERE dc.shop_day = ${day} AND dc.cashier_id = ${cashierId} ORDER BY dc.id DESC LIMIT 1`);
  return row ? withDiff(row) : undefined;
}

/** Every cashier's latest count for a day (for admins). */
export async function latestCounts(day: string): Promise<DrawerCount[]> {
  const rows = await selectRows<Row>(sql`SELECT ${COUNT} FROM ${FROM}
    WHERE dc.shop_day = ${day} AND dc.id = (SELECT MAX(d2.id) FROM drawer_counts d2
      WHERE d2.shop_day = dc.shop_day AND d2.cashier_id <=> dc.cashier_id)
    ORDER BY u.name, dc.cashier_id LIMIT 200`);
  return rows.map(withDiff);
}

/**
 * Records a count of a cashier's drawer: the totals are worked out here from the notes, and what was
 * expected is the end of day's figure at this moment. A recount is a new row (the latest counts).
 */
export async function saveCount(input: {
  day: string;
  cashierId: number;
  countedBy: number;
  usdNotes: Notes;
  khrNotes: Notes;
  note: string;
}): Promise<number> {
  if (input.day > shopDay()) throw new ValidationError({ day: 'errors.posDayFuture' });
  const counted = countNotes(input.usdNotes, input.khrNotes);
  const expected = await expectedCash(input.day, input.cashierId);
  return insertId(
    await db.insert(drawerCounts).values({
      shopDay: input.day,
      cashierId: input.cashierId,
      countedBy: input.countedBy,
      usdNotes: input.usdNotes,
      khrNotes: input.khrNotes,
      countedUsd: centsToDecimal(counted.usdCents),
      countedKhr: counted.khr,
      expectedUsd: centsToDecimal(expected.usdCents),
      expectedKhr: expected.khr,
      note: input.note || null,
    }),
  );
}
