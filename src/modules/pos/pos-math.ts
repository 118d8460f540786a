/**
 * Counter money maths. Amounts are worked in "cent-riel" (1/100 riel): a USD cent is `rate`
 * cent-riel and a riel is 100, so dollars and riel add up exactly whatever the rate.
 */
export type CashInput = {
  totalCents: number;
  khqrCents: number;
  tenderedUsdCents: number;
  tenderedKhr: number;
  rate: number;
};
export type CashResult = {
  cashDueCents: number;
  enough: boolean;
  shortCents: number;
  changeUsdCents: number;
  changeKhr: number;
};

export function computeChange(i: CashInput): CashResult {
  const cashDueCents = Math.max(0, i.totalCents - i.khqrCents);
  const due = cashDueCents * i.rate;
  const tendered = i.tenderedUsdCents * i.rate + i.tenderedKhr * 100;
  const diff = tendered - due;
  if (diff < 0)
    return { cashDueCents, enough: false, shortCents: Math.ceil(-diff / i.rate), changeUsdCents: 0, changeKhr: 0 };
  // The same change expressed either way: the cashier gives it in dollars, in riel, or mixed.
  return {
    cashDueCents,
    enough: true,
    shortCents: 0,
    changeUsdCents: Math.floor(diff / i.rate),
    changeKhr: Math.round(diff / 100),
  };
}

/** A discount never takes a line or a sale below zero. */
export function clampDiscount(discountCents: number, amountCents: number): number {
  return Math.max(0, Math.min(discountCents, amountCents));
}

/**
 * Splits `totalCents` over `weights` in proportion (largest remainder, ties to the earlier index),
 * so the parts always add up to the total exactly. BigInt because cents × cents can pass 2^53.
 */
export function allocateCents(totalCents: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (totalCents <= 0 || sum <= 0) return weights.map(() => 0);
  const total = BigInt(totalCents);
  const whole = BigInt(sum);
  const parts = weights.map((w) => Number((total * BigInt(w)) / whole));
  const order = weights
    .map((w, i) => ({ i, rem: (total * BigInt(w)) % whole }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  let left = totalCents - parts.reduce((s, p) => s + p, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * What returning `now` more units of a line refunds, given the line's share of what was paid and
 * the units already returned. Cumulative rounding down: the steps add up to the share exactly once
 * every unit is back, in whatever steps, and never more.
 */
export function returnRefundCents(shareCents: number, quantity: number, returnedBefore: number, now: number): number {
  if (quantity <= 0) return 0;
  const upTo = (units: number) => Math.floor((shareCents * Math.min(units, quantity)) / quantity);
  return upTo(returnedBefore + now) - upTo(returnedBefore);
}
