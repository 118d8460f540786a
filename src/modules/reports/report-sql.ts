import { type SQL, sql } from 'drizzle-orm';
import { inShopDays, statusIn } from '../../db/util.js';
import { type Cents, cents, toCents } from '../../domain/money.js';
import { SOLD_STATUSES } from '../../domain/order-states.js';
import type { Range } from './report-types.js';

/** Orders that count as sales (the orders table aliased `o`); the dashboard and customers count the same. */
export const SOLD = statusIn(sql`o.status`, SOLD_STATUSES);

/** `col` (a UTC datetime) falls on one of the report's shop days. */
export const inRange = (col: SQL, r: Range) => inShopDays(col, r.from, r.to);

/** The period a shop day belongs to: the day, the Monday of its week, or its month. */
export function periodOf(day: SQL, group: Range['group']): SQL {
  if (group === 'month') return sql`DATE_FORMAT(${day}, '%Y-%m')`;
  if (group === 'week') return sql`DATE_FORMAT(${day} - INTERVAL WEEKDAY(${day}) DAY, '%Y-%m-%d')`;
  return sql`DATE_FORMAT(${day}, '%Y-%m-%d')`;
}

/** A count from SQL (COUNT and SUM of integers arrive as numbers or strings, NULL when nothing matched). */
export const count = (v: string | number | null | undefined): number => Number(v ?? 0);

/** A SUM of DECIMAL(…,2) money from SQL (NULL when nothing matched), in cents. */
export const amount = (v: string | null | undefined): Cents => toCents(v ?? '0');

const MICROS_PER_CENT = 10_000n;

/**
 * The revenue of the units kept is a share of a line total: a DECIMAL with 6 places. Summed across
 * products it is kept exact as a bigint of millionths of a dollar, and rounded to cents once.
 */
export function toMicros(v: string | null | undefined): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{0,6}))?$/.exec((v ?? '0').trim());
  if (!m) throw new Error(`Not a DECIMAL with up to 6 places: ${JSON.stringify(v)}`);
  const micros = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -micros : micros;
}

/** Millionths of a dollar → cents, half up like Math.round (SQL's ROUND(x, 2) agrees on amounts ≥ 0). */
export function microsToCents(micros: bigint): Cents {
  const shifted = micros + MICROS_PER_CENT / 2n;
  const quotient = shifted / MICROS_PER_CENT; // truncates toward zero: step down for negatives
  return cents(Number(shifted < 0n && shifted % MICROS_PER_CENT !== 0n ? quotient - 1n : quotient));
}
