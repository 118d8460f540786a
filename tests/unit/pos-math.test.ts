import { describe, expect, it } from 'vitest';
import { allocateCents, clampDiscount, computeChange, returnRefundCents } from '../../src/modules/pos/pos-math.js';

describe('computeChange', () => {
  it('cash in dollars: change in dollars and the same in riel', () => {
    expect(
      computeChange({ totalCents: 4750, khqrCents: 0, tenderedUsdCents: 5000, tenderedKhr: 0, rate: 4100 }),
    ).toEqual({ cashDueCents: 4750, enough: true, shortCents: 0, changeUsdCents: 250, changeKhr: 10250 });
  });
  it('cash in riel only', () => {
    // $12.30 = 50,430 riel; 60,000 riel tendered → 9,570 riel change ($2.33 rounded down)
    expect(
      computeChange({ totalCents: 1230, khqrCents: 0, tenderedUsdCents: 0, tenderedKhr: 60000, rate: 4100 }),
    ).toEqual({ cashDueCents: 1230, enough: true, shortCents: 0, changeUsdCents: 233, changeKhr: 9570 });
  });
  it('mixed dollars and riel', () => {
    // $20.50 due; $20 + 4,100 riel ($1) → $0.50 change = 2,050 riel
    expect(
      computeChange({ totalCents: 2050, khqrCents: 0, tenderedUsdCents: 2000, tenderedKhr: 4100, rate: 4100 }),
    ).toMatchObject({ enough: true, changeUsdCents: 50, changeKhr: 2050 });
  });
  it('split with KHQR: only the rest is due in cash', () => {
    expect(
      computeChange({ totalCents: 10000, khqrCents: 6000, tenderedUsdCents: 5000, tenderedKhr: 0, rate: 4100 }),
    ).toMatchObject({ cashDueCents: 4000, enough: true, changeUsdCents: 1000, changeKhr: 41000 });
  });
  it('not enough cash says how much is missing', () => {
    expect(
      computeChange({ totalCents: 5000, khqrCents: 0, tenderedUsdCents: 4000, tenderedKhr: 20500, rate: 4100 }),
    ).toMatchObject({ enough: false, shortCents: 500 });
  });
  it('exact cash gives no change', () => {
    expect(
      computeChange({ totalCents: 999, khqrCents: 0, tenderedUsdCents: 999, tenderedKhr: 0, rate: 4100 }),
    ).toMatchObject({ enough: true, changeUsdCents: 0, changeKhr: 0 });
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
