/**
 * Money is handled as integer cents (USD) and whole riel; DECIMAL columns arrive from MySQL as
 * strings and are converted here, and only here (toCents / centsToDecimal). No float ever holds a
 * price: every function below refuses a non-integer amount of cents.
 */
declare const centsBrand: unique symbol;
/** Integer minor units of USD. Branded so a float or a DECIMAL string cannot pass for it unnoticed. */
export type Cents = number & { readonly [centsBrand]: true };

/** "12.5" / "12.50" / 12.5 → 1250. Throws on anything that is not a plain amount with ≤ 2 decimals. */
export function toCents(value: string | number): Cents {
  const s = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const m = /^(-)?(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) throw new Error(`Not a money amount: ${JSON.stringify(value)}`);
  const whole = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return cents(m[1] ? -whole : whole);
}

/** A whole number of cents (a sum, a share, a difference), checked: a float here is a bug. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of cents: ${value}`);
  return value as Cents;
}

/** The sum of some amounts. */
export const sumCents = (values: readonly number[]): Cents => cents(values.reduce((s, v) => s + v, 0));

/** Digits with commas only between groups of three ("1,299", not "5,00" nor "1,2,3"), the commas removed; else null. */
export function withoutThousands(s: string): string | null {
  if (!s.includes(',')) return s;
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : null;
}

/** Parses user input ("1,299.00", "$25") or returns null; a comma anywhere but between thousands is a mistake ("5,00"). */
export function parseMoneyInput(value: unknown): Cents | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = withoutThousands(String(value).replace(/[$\s]/g, ''));
  if (s === null || !/^\d{1,9}(\.\d{1,2})?$/.test(s)) return null;
  return toCents(s);
}

/** 1250 → "12.50" (for DECIMAL columns and form values). */
export function centsToDecimal(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(cents(amount));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const rielFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "$1,299.00" */
export function formatUsd(value: number | string): string {
  const amount = typeof value === 'string' ? toCents(value) : cents(value);
  return usdFormat.format(amount / 100);
}

/** USD cents → whole riel at the shop's rate, rounded half up (the one riel rule online). */
export function centsToRiel(amount: number, khrPerUsd: number): number {
  return Math.round((cents(amount) * khrPerUsd) / 100);
}

/** "5,325,900 ៛" */
export function formatRiel(riel: number): string {
  return `${rielFormat.format(riel)} ៛`;
}

/** The riel amount of a USD price, formatted. */
export function formatRielFromUsd(value: number | string, khrPerUsd: number): string {
  return formatRiel(centsToRiel(typeof value === 'string' ? toCents(value) : value, khrPerUsd));
}

/** Whole dollars without cents ("$1,011"), any other amount as formatUsd ("$2.19"). */
export function formatWholeUsd(amount: number): string {
  const c = cents(amount);
  return c % 100 === 0 ? `$${rielFormat.format(c / 100)}` : formatUsd(c);
}
