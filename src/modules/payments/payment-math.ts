import { centsToRiel, toCents } from '../../domain/money.js';

/** The KHQR amount: dollars with cents, or the USD total in whole riel at the order's rate. */
export function khqrAmount(currency: 'USD' | 'KHR', grandTotalUsd: string, khrPerUsd: number): string {
  return currency === 'USD' ? grandTotalUsd : String(centsToRiel(toCents(grandTotalUsd), khrPerUsd));
}

export function paymentDeadline(placedAt: Date, windowMinutes: number): Date {
  return new Date(placedAt.getTime() + windowMinutes * 60_000);
}

/** Amounts from Bakong arrive as numbers; compare them exactly at cent (or riel) precision. */
export function sameAmount(currency: 'USD' | 'KHR', expected: string, received: number | string): boolean {
  const r = Number(received);
  if (!Number.isFinite(r)) return false;
  return currency === 'USD' ? Math.round(r * 100) === toCents(expected) : Math.round(r) === Number(expected);
}
