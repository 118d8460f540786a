import fs from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  allocateCents,
  type CashInput,
  type CashResult,
  clampDiscount,
  computeChange,
  formatCash,
  receiptCash,
  returnRefundCents,
  rielDue,
} from '../../src/modules/pos/pos-math.js';

const cash = (i: Partial<CashInput> & { totalCents: number }): CashResult =>
  computeChange({ khqrCents: 0, tenderedUsdCents: 0, tenderedKhr: 0, rate: 4000, stepKhr: 100, ...i });

describe('computeChange: change as whole dollars plus riel, riel rounded to the step', () => {
  it('$38.80 paid with $50 at 4,000 ៛/$: "$11 + 800 ៛", nothing rounded', () => {
    expect(cash({ totalCents: 3880, tenderedUsdCents: 5000 })).toEqual({
      cashDueCents: 3880,
      dueKhr: 155_200,
      enough: true,
      shortCents: 0,
      shortKhr: 0,
      changeUsdCents: 1100,
      changeKhr: 800,
      roundingKhr: 0,
    });
    expect(formatCash(1100, 800)).toBe('$11 + 800 ៛');
  });
  it('the same at 4,100 ៛/$: 0.20 × 4,100 = 820 ៛ → 800 ៛ given, the shop keeps 20 ៛', () => {
    expect(cash({ totalCents: 3880, tenderedUsdCents: 5000, rate: 4100 })).toMatchObject({
      changeUsdCents: 1100,
      changeKhr: 800,
      roundingKhr: 20,
    });
  });
  it('rounds half up at 50 ៛: 850 ៛ of change → 900 ៛ (the shop gives 50), 849 ៛ → 800 ៛', () => {
    expect(cash({ totalCents: 1000, tenderedUsdCents: 1000, tenderedKhr: 850 })).toMatchObject({
      changeUsdCents: 0,
      changeKhr: 900,
      roundingKhr: -50,
    });
    expect(cash({ totalCents: 1000, tenderedUsdCents: 1000, tenderedKhr: 849 })).toMatchObject({
      changeKhr: 800,
      roundingKhr: 49,
    });
  });
  it('step 0: no rounding at all, change to the riel', () => {
    expect(cash({ totalCents: 3880, tenderedUsdCents: 5000, rate: 4100, stepKhr: 0 })).toMatchObject({
      changeUsdCents: 1100,
      changeKhr: 820,
      roundingKhr: 0,
      dueKhr: 159_080,
    });
    expect(cash({ totalCents: 1230, tenderedKhr: 50_430, rate: 4100, stepKhr: 0 })).toMatchObject({
      enough: true,
      changeKhr: 0,
      roundingKhr: 0,
    });
    expect(cash({ totalCents: 1230, tenderedKhr: 50_429, rate: 4100, stepKhr: 0 })).toMatchObject({
      enough: false,
      shortKhr: 1,
      shortCents: 1,
    });
  });
  it('steps of 500 and 1,000 ៛', () => {
    // $16.75 paid with $20 at 4,100: $3 + 1,025 ៛ → 1,000 ៛ at either step
    expect(cash({ totalCents: 1675, tenderedUsdCents: 2000, rate: 4100, stepKhr: 500 })).toMatchObject({
      changeUsdCents: 300,
      changeKhr: 1000,
      roundingKhr: 25,
    });
    expect(cash({ totalCents: 1690, tenderedUsdCents: 2000, rate: 4100, stepKhr: 1000 })).toMatchObject({
      changeUsdCents: 300,
      changeKhr: 0, // $0.10 = 410 ៛ → 0 ៛: the shop keeps 410 ៛
      roundingKhr: 410,
    });
  });
  it('riel that rounds up to a whole dollar is a dollar note: $11.99 of change → $12', () => {
    expect(cash({ totalCents: 3801, tenderedUsdCents: 5000 })).toMatchObject({
      changeUsdCents: 1200,
      changeKhr: 0,
      roundingKhr: -40, // 3,960 ៛ rounded to 4,000 ៛ = $1
    });
  });
});

describe('computeChange: paying in riel', () => {
  it('the riel due is rounded to the step, and paying exactly that settles the sale', () => {
    // $12.30 = 50,430 ៛ at 4,100 → 50,400 ៛; the shop gives 30 ៛ away
    const due = cash({ totalCents: 1230, rate: 4100 }).dueKhr;
    expect(due).toBe(50_400);
    expect(cash({ totalCents: 1230, tenderedKhr: due, rate: 4100 })).toMatchObject({
      enough: true,
      changeUsdCents: 0,
      changeKhr: 0,
      roundingKhr: -30,
    });
    expect(rielDue(1230, 4100, 100)).toBe(50_400);
  });
  it('a tie goes to the customer on either side: 1,250 ៛ due → 1,200 ៛; paying 1,300 ៛ gives 100 ៛ back', () => {
    // $0.25 at 5,000 ៛/$ = 1,250 ៛, exactly half a step over 1,200
    expect(rielDue(25, 5000, 100)).toBe(1200);
    expect(cash({ totalCents: 25, rate: 5000, tenderedKhr: 1200 })).toMatchObject({ enough: true, roundingKhr: -50 });
    expect(cash({ totalCents: 25, rate: 5000, tenderedKhr: 1300 })).toMatchObject({ changeKhr: 100, roundingKhr: -50 });
  });
  it('riel only: change is still whole dollars plus riel', () => {
    // $12.30 = 50,430 ៛; 100,000 ៛ → 49,570 ៛ = $12 + 370 ៛ → $12 + 400 ៛
    expect(cash({ totalCents: 1230, tenderedKhr: 100_000, rate: 4100 })).toMatchObject({
      changeUsdCents: 1200,
      changeKhr: 400,
      roundingKhr: -30,
    });
  });
  it('dollars and riel together: $12 + 1,200 ៛ pays $12.30', () => {
    expect(cash({ totalCents: 1230, tenderedUsdCents: 1200, tenderedKhr: 1200, rate: 4100 })).toMatchObject({
      enough: true,
      changeKhr: 0,
      roundingKhr: -30,
    });
  });
  it('a little short (under half a step) is settled: $10.01 paid with $10, the shop gives 41 ៛', () => {
    expect(cash({ totalCents: 1001, tenderedUsdCents: 1000, rate: 4100 })).toMatchObject({
      enough: true,
      changeUsdCents: 0,
      changeKhr: 0,
      roundingKhr: -41,
    });
  });
  it('short by more: says how much in dollars (rounded up) and in riel (what settles it)', () => {
    expect(cash({ totalCents: 1230, tenderedUsdCents: 1200, rate: 4100 })).toMatchObject({
      enough: false,
      shortCents: 30,
      shortKhr: 1200,
      changeUsdCents: 0,
      changeKhr: 0,
      roundingKhr: 0,
    });
    expect(cash({ totalCents: 5000, tenderedUsdCents: 4000, tenderedKhr: 20_500, rate: 4100 })).toMatchObject({
      enough: false,
      shortCents: 500,
      shortKhr: 20_500,
    });
  });
});

describe('computeChange: split, exact and large', () => {
  it('split with KHQR: only the rest is due in cash', () => {
    expect(cash({ totalCents: 10_000, khqrCents: 6000, tenderedUsdCents: 5000, rate: 4100 })).toMatchObject({
      cashDueCents: 4000,
      enough: true,
      changeUsdCents: 1000,
      changeKhr: 0,
    });
  });
  it('exact cash gives no change and no rounding', () => {
    expect(cash({ totalCents: 999, tenderedUsdCents: 999 })).toMatchObject({
      enough: true,
      changeUsdCents: 0,
      changeKhr: 0,
      roundingKhr: 0,
    });
  });
  it('large amounts stay exact: $9,999,999,999.99 (the column maximum) at 4,100 ៛/$', () => {
    const r = cash({ totalCents: 999_999_999_999, tenderedUsdCents: 1_000_000_000_000, rate: 4100 });
    expect(r).toMatchObject({ enough: true, changeUsdCents: 0, changeKhr: 0, roundingKhr: 41 });
    expect(rielDue(999_999_999_999, 4100, 100)).toBe(41_000_000_000_000); // 40,999,999,999,959 ៛
    // the most riel the till takes (9 digits) for $1: 999,995,899 ៛ back = $243,901 + 1,799 ៛ → 1,800 ៛
    expect(cash({ totalCents: 100, tenderedKhr: 999_999_999, rate: 4100 })).toMatchObject({
      enough: true,
      changeUsdCents: 24_390_100,
      changeKhr: 1800,
      roundingKhr: -1,
    });
  });
  it('never negative, and the rounding always accounts for the difference exactly', () => {
    for (const rate of [4000, 4100, 4037]) {
      for (const stepKhr of [0, 100, 500, 1000]) {
        for (let totalCents = 0; totalCents <= 2600; totalCents += 37) {
          for (const [usd, khr] of [
            [0, 0],
            [2000, 0],
            [1000, 7000],
            [0, 120_000],
            [500, 850],
            [2500, 49],
          ] as const) {
            const r = cash({ totalCents, tenderedUsdCents: usd, tenderedKhr: khr, rate, stepKhr });
            for (const v of [r.changeUsdCents, r.changeKhr, r.shortCents, r.shortKhr, r.dueKhr])
              expect(v).toBeGreaterThanOrEqual(0);
            expect(r.changeUsdCents % 100).toBe(0);
            if (stepKhr) expect(r.changeKhr % stepKhr).toBe(0);
            if (!r.enough) continue;
            // tendered = due + change + rounding, in riel (to the riel: the rate may not divide a cent)
            const tendered = (usd * rate) / 100 + khr;
            const given = (r.changeUsdCents * rate) / 100 + r.changeKhr;
            expect(Math.abs(tendered - ((totalCents * rate) / 100 + given + r.roundingKhr))).toBeLessThanOrEqual(0.5);
            expect(Math.abs(r.roundingKhr)).toBeLessThanOrEqual(Math.max(stepKhr / 2, 0.5));
          }
        }
      }
    }
  });
});

describe('formatCash', () => {
  it('prints cash as counted', () => {
    expect(formatCash(1100, 800)).toBe('$11 + 800 ៛');
    expect(formatCash(1100, 0)).toBe('$11');
    expect(formatCash(0, 12_300)).toBe('12,300 ៛');
    expect(formatCash(0, 0)).toBe('$0');
    expect(formatCash(101_100, 0)).toBe('$1,011');
    expect(formatCash(219, 0)).toBe('$2.19');
  });
});

describe('receiptCash', () => {
  it('tendered, change and a signed rounding; nothing for a KHQR sale', () => {
    const order = { cashTenderedUsd: '50.00', cashTenderedKhr: 0, changeUsd: '11.00', changeKhr: 800 };
    expect(receiptCash({ ...order, cashRoundingKhr: -50 })).toEqual({
      tendered: '$50',
      change: '$11 + 800 ៛',
      rounding: '−50 ៛',
    });
    expect(receiptCash({ ...order, cashRoundingKhr: 20 })?.rounding).toBe('+20 ៛');
    expect(receiptCash({ ...order, cashRoundingKhr: 0 })?.rounding).toBeNull();
    expect(
      receiptCash({
        cashTenderedUsd: null,
        cashTenderedKhr: null,
        changeUsd: null,
        changeKhr: null,
        cashRoundingKhr: 0,
      }),
    ).toBeNull();
  });
});

describe('the till screen (public/js/pos.js) shows what the server records', () => {
  // pos.js runs in a bare context: no elements on the page, only its cash rules are exposed.
  const context: { window: { posCash?: typeof clientCash }; document: unknown } = {
    window: {},
    document: { getElementById: () => null, querySelector: () => null },
  };
  type ClientCash = { computeChange: (i: CashInput) => CashResult; formatCash: (u: number, k: number) => string };
  let clientCash: ClientCash;
  vm.runInNewContext(fs.readFileSync('public/js/pos.js', 'utf8'), context);
  clientCash = context.window.posCash!;

  it('the same change, rounding and shortfall for every input', () => {
    let compared = 0;
    for (const rate of [4000, 4100, 4037]) {
      for (const stepKhr of [0, 100, 500, 1000]) {
        for (let totalCents = 0; totalCents <= 5000; totalCents += 73) {
          for (const khqrCents of [0, 1000]) {
            for (const [usd, khr] of [
              [0, 0],
              [5000, 0],
              [2000, 3950],
              [0, 250_000],
              [1000, 50],
            ] as const) {
              const input = { totalCents, khqrCents, tenderedUsdCents: usd, tenderedKhr: khr, rate, stepKhr };
              const server = computeChange(input);
              const client = clientCash.computeChange(input);
              expect({ ...client }).toEqual(server);
              expect(clientCash.formatCash(client.changeUsdCents, client.changeKhr)).toBe(
                formatCash(server.changeUsdCents, server.changeKhr),
              );
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });
});

describe('clampDiscount', () => {
  it('keeps a discount between 0 and the amount', () => {
    expect(clampDiscount(500, 300)).toBe(300);
    expect(clampDiscount(-5, 300)).toBe(0);
    expect(clampDiscount(100, 300)).toBe(100);
  });
});

describe('allocateCents', () => {
  it('splits in proportion and always adds up to the total', () => {
    expect(allocateCents(600, [1200])).toEqual([600]);
    expect(allocateCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateCents(1000, [300, 700])).toEqual([300, 700]);
    expect(allocateCents(0, [500, 500])).toEqual([0, 0]);
    expect(allocateCents(500, [0, 0])).toEqual([0, 0]);
    const parts = allocateCents(999_999_99, [123_456_78, 987_654_32, 1]);
    expect(parts.reduce((s, p) => s + p, 0)).toBe(999_999_99);
  });
});

describe('returnRefundCents', () => {
  it('2 units sharing $6 paid: one unit refunds $3, the other $3', () => {
    expect(returnRefundCents(600, 2, 0, 1)).toBe(300);
    expect(returnRefundCents(600, 2, 1, 1)).toBe(300);
  });
  it('any steps add up to the share exactly, never more', () => {
    for (const steps of [[1, 1, 1], [2, 1], [1, 2], [3]]) {
      let before = 0;
      let sum = 0;
      for (const n of steps) {
        sum += returnRefundCents(1000, 3, before, n);
        before += n;
      }
      expect(sum).toBe(1000);
    }
    expect(returnRefundCents(1000, 3, 3, 1)).toBe(0);
  });
});
