/**
 * The shop's clock: Phnom Penh (Asia/Phnom_Penh), UTC+7 all year (Cambodia has no daylight saving
 * time). Every date a person reads and every "day" the shop counts (reports, end of day, traffic) is
 * in this time.
 */
/** The same offset for SQL (`CONVERT_TZ(col, '+00:00', SHOP_UTC_OFFSET)` needs no time-zone tables). */
export const SHOP_UTC_OFFSET = '+07:00';

const OFFSET_MS = 7 * 60 * 60 * 1000;

const toDate = (at: Date | string | number): Date => (at instanceof Date ? at : new Date(at));

/** "2026-12-02 11:06": the shop's local date and time of an instant. */
export function shopDateTime(at: Date | string | number): string {
  return new Date(toDate(at).getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-12-02": the shop's calendar day of an instant (today by default). */
export function shopDay(at: Date | string | number = new Date()): string {
  return new Date(toDate(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a shop day starts ("2026-12-02" → 2026-12-01T17:00:00Z). */
export function shopDayStart(day: string): Date {
  return new Date(`${day}T00:00:00${SHOP_UTC_OFFSET}`);
}
