import { formatRiel, formatWholeUsd, toCents } from '../../domain/money.js';

/**
 * Counter cash, as a Cambodian till handles it: US dollar notes and riel notes, no coins. Amounts are
 * worked in "cent-riel" (1/100 riel): a USD cent is `rate` cent-riel and a riel is 100, so dollars and
 * riel add up exactly whatever the rate. The rules (src/modules/pos/CONTEXT.md, "Riel cash"):
 * - the customer's net overpayment (what was handed over minus the exact cash due) is one signed
 *   number; when it is positive, change is whole dollars plus the rest in riel, the riel part rounded
 *   to the shop's step (`stepKhr`, e.g. 100 ៛; 0 = whole riel, no rounding);
 * - when it is negative by less than half a step, the sale is settled (no coin could pay it), and the
 *   shop gives that little away; otherwise the cash is short;
 * - a tie (exactly half a step) goes to the customer, on either side, so paying the riel amount due
 *   shown (`dueKhr`) never leaves change to give nor a shortfall;
 * - `roundingKhr` is what the rounding took (+, the shop keeps it) or gave (−), in riel.
 * The till screen (public/js/pos.js, `posCash`) runs the same rules live; a unit test keeps them equal.
 */
export type CashInput = {
  totalCents: number;
  khqrCents: number;
  tenderedUsdCents: number;
  tenderedKhr: number;
  rate: number;
  stepKhr: number;
};
export type CashResult = {
  /** The exact part of the total paid in cash (USD cents): the order's totals stay exact. */
  cashDueCents: number;
  /** That cash due in riel, rounded to the step: what a customer paying only in riel hands over. */
  dueKhr: number;
  enough: boolean;
  /** Still missing: in cents (rounded up) and in riel (rounded to the step). */
  shortCents: number;
  shortKhr: number;
  /** Change handed back: whole dollars (a multiple of 100 cents) plus riel (a multiple of the step). */
  changeUsdCents: number;
  changeKhr: number;
  /** What the rounding took (+) or gave (−), in riel; recorded on the sale. */
  roundingKhr: number;
};

/** Whole riel from cent-riel, half up (the one riel rule online: centsToRiel). */
const wholeRiel = (centRiel: number) => Math.floor((centRiel + 50) / 100);
/** `0 - x`, not `-x`: never a negative zero. */
const neg = (x: number) => 0 - x;

/** Riel rounded to the step (0 = as is), a tie (half a step) upwards: towards the customer. */
function roundKhr(khr: number, stepKhr: number): number {
  if (stepKhr <= 0) return khr;
  return Math.floor((2 * khr + stepKhr) / (2 * stepKhr)) * stepKhr;
}

/** USD cents paid in riel, as handed over: the riel rounded to the step, a tie to the customer (50,450 → 50,400). */
export function rielDue(amountCents: number, rate: number, stepKhr: number): number {
  return neg(roundKhr(neg(wholeRiel(amountCents * rate)), stepKhr));
}

export function computeChange(i: CashInput): CashResult {
  const cashDueCents = Math.max(0, i.totalCents - i.khqrCents);
  const step = Math.max(0, i.stepKhr);
  const dueKhr = rielDue(cashDueCents, i.rate, step);
  const over = i.tenderedUsdCents * i.rate + i.tenderedKhr * 100 - cashDueCents * i.rate;
  const none = { cashDueCents, dueKhr, changeUsdCents: 0, changeKhr: 0 };
  if (over < 0) {
    const shortKhr = neg(roundKhr(neg(wholeRiel(neg(over))), step));
    if (shortKhr > 0)
      return { ...none, enough: false, shortCents: Math.ceil(-over / i.rate), shortKhr, roundingKhr: 0 };
    // Less than half a step short: settled, the shop gives the difference away.
    return { ...none, enough: true, shortCents: 0, shortKhr: 0, roundingKhr: neg(wholeRiel(neg(over))) };
  }
  let dollars = Math.floor(over / (100 * i.rate));
  const restKhr = wholeRiel(over - dollars * 100 * i.rate);
  let changeKhr = roundKhr(restKhr, step);
  // 4,100 ៛ of change at 4,100 ៛/$ is a dollar note.
  if (changeKhr >= i.rate && (step === 0 || (changeKhr - i.rate) % step === 0)) {
    dollars += 1;
    changeKhr -= i.rate;
  }
  return {
    ...none,
    enough: true,
    shortCents: 0,
    shortKhr: 0,
    changeUsdCents: dollars * 100,
    changeKhr,
    roundingKhr: restKhr - roundKhr(restKhr, step),
  };
}

/** Cash handed over or back, as counted: "$11 + 800 ៛", "$11", "800 ៛"; nothing at all is "$0". */
export function formatCash(usdCents: number, khr: number): string {
  const parts = [usdCents ? formatWholeUsd(usdCents) : '', khr ? formatRiel(khr) : ''].filter(Boolean);
  return parts.join(' + ') || formatWholeUsd(0);
}

/** The rounding as recorded, signed: "+25 ៛", "−50 ៛" (a real minus sign). */
function formatRounding(khr: number): string {
  return `${khr < 0 ? '−' : '+'}${formatRiel(Math.abs(khr))}`;
}

/** A counter sale's cash as the receipt prints it; null when no cash changed hands. */
export function receiptCash(order: {
  cashTenderedUsd: string | null;
  cashTenderedKhr: number | null;
  changeUsd: string | null;
  changeKhr: number | null;
  cashRoundingKhr: number;
}): { tendered: string; change: string; rounding: string | null } | null {
  if (order.cashTenderedUsd === null) return null;
  return {
    tendered: formatCash(toCents(order.cashTenderedUsd), order.cashTenderedKhr ?? 0),
    change: formatCash(toCents(order.changeUsd ?? '0'), order.changeKhr ?? 0),
    rounding: order.cashRoundingKhr ? formatRounding(order.cashRoundingKhr) : null,
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
