/**
 * Money is handled as integer cents (USD) and whole riel; decimals from MySQL arrive as strings.
 * No float ever holds a price.
 */
export type Cents = number;

/** "12.5" / "12.50" / 12.5 → 1250. Throws on anything that is not a plain amount with ≤ 2 decimals. */
export function toCents(value: string | number): Cents {
  const s = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const m = /^(-)?(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) throw new Error(`Not a money amount: ${JSON.stringify(value)}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** Parses user input ("1,299.00", "$25") or returns null. */
export function parseMoneyInput(value: unknown): Cents | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).replace(/[$,\s]/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return null;
  return toCents(s);
}

/** 1250 → "12.50" (for DECIMAL columns and form values). */
export function centsToDecimal(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const rielFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "$1,299.00" */
export function formatUsd(value: Cents | string): string {
  const cents = typeof value === 'string' ? toCents(value) : value;
  return usdFormat.format(cents / 100);
}

/** USD cents → whole riel at the shop's rate, rounded half up. */
export function centsToRiel(cents: Cents, khrPerUsd: number): number {
  return Math.round((cents * khrPerUsd) / 100);
}

/** "5,325,900 ៛" */
function formatRiel(riel: number): string {
  return `${rielFormat.format(riel)} ៛`;
}

/** The riel amount of a USD price, formatted. */
export function formatRielFromUsd(value: Cents | string, khrPerUsd: number): string {
  const cents = typeof value === 'string' ? toCents(value) : value;
  return formatRiel(centsToRiel(cents, khrPerUsd));
}
