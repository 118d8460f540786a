/**
 * Counter money maths. Amounts are worked in "cent-riel" (1/100 riel): a USD cent is `rate`
 * cent-riel and a riel is 100, so dollars and riel add up exactly whatever the rate.
 */
export type CashInput = { totalCents: number; khqrCents: number; tenderedUsdCents: number; tenderedKhr: number; rate: number };
export type CashResult = { cashDueCents: number; enough: boolean; shortCents: number; changeUsdCents: number; changeKhr: number };

export function computeChange(i: CashInput): CashResult {
  const cashDueCents = Math.max(0, i.totalCents - i.khqrCents);
  const due = cashDueCents * i.rate;
  const tendered = i.tenderedUsdCents * i.rate + i.tenderedKhr * 100;
  const diff = tendered - due;
  if (diff < 0) return { cashDueCents, enough: false, shortCents: Math.ceil(-diff / i.rate), changeUsdCents: 0, changeKhr: 0 };
  // The same change expressed either way: the cashier gives it in dollars, in riel, or mixed.
  return { cashDueCents, enough: true, shortCents: 0, changeUsdCents: Math.floor(diff / i.rate), changeKhr: Math.round(diff / 100) };
}

/** A discount never takes a line or a sale below zero. */
export function clampDiscount(discountCents: number, amountCents: number): number {
  return Math.max(0, Math.min(discountCents, amountCents));
}
