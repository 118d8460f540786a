import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../src/db/schema.js';
import { CANCEL_REFUNDS, canTransition, HOLDS_STOCK, IS_PAID, UNPAID } from '../../src/domain/order-states.js';
import { computeTotals } from '../../src/modules/checkout/pricing.js';

const allowed: [string, string][] = [
  ['pending_payment', 'payment_submitted'],
  ['pending_payment', 'paid'],
  ['pending_payment', 'cancelled'],
  ['payment_submitted', 'paid'],
  ['payment_submitted', 'pending_payment'],
  ['payment_submitted', 'cancelled'],
  ['confirmed', 'out_for_delivery'],
  ['confirmed', 'held_for_pickup'],
  ['confirmed', 'cancelled'],
  ['out_for_delivery', 'completed'],
  ['out_for_delivery', 'cancelled'],
  ['held_for_pickup', 'completed'],
  ['held_for_pickup', 'cancelled'],
  ['paid', 'processing'],
  ['paid', 'ready_for_pickup'],
  ['paid', 'shipped'],
  ['paid', 'completed'],
  ['paid', 'refunded'],
  ['processing', 'ready_for_pickup'],
  ['processing', 'shipped'],
  ['processing', 'refunded'],
  ['ready_for_pickup', 'completed'],
  ['ready_for_pickup', 'refunded'],
  ['shipped', 'completed'],
  ['shipped', 'refunded'],
  ['completed', 'refunded'],
];

describe('order state machine', () => {
  const all = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));
  it.each(all)('%s → %s', (from, to) => {
    const expected = allowed.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
  });
});

describe('cancelling: unpaid orders are cancelled, paid ones refunded', () => {
  it(
    'the paid states that still hold stock are exactly those where cancelling is a refund, ' +
      'and each may move to refunded',
    () => {
      expect([...CANCEL_REFUNDS].sort()).toEqual(HOLDS_STOCK.filter((s) => IS_PAID.includes(s)).sort());
      for (const s of CANCEL_REFUNDS) expect(canTransition(s, 'refunded')).toBe(true);
    },
  );
  it('unpaid states hold stock, took no money and may be cancelled', () => {
    for (const s of UNPAID) {
      expect(IS_PAID).not.toContain(s);
      expect(HOLDS_STOCK).toContain(s);
      expect(canTransition(s, 'cancelled')).toBe(true);
    }
  });
});

describe('computeTotals', () => {
  it('adds delivery, then VAT on goods and delivery, rounded half up to the cent', () => {
    expect(
      computeTotals(
        [
          { unitPrice: 1999, quantity: 2 },
          { unitPrice: 500, quantity: 1 },
        ],
        150,
        '10',
      ),
    ).toEqual({ subtotal: 4498, discount: 0, deliveryFee: 150, vatRate: '10', vat: 465, grandTotal: 5113 });
  });
  it('takes a discount off the goods before VAT, never more than the goods', () => {
    // 44.98 − 4.98 + 1.50 delivery = 41.50 taxable; 10 % VAT = 4.15
    expect(computeTotals([{ unitPrice: 4498, quantity: 1 }], 150, '10', 498)).toEqual({
      subtotal: 4498,
      discount: 498,
      deliveryFee: 150,
      vatRate: '10',
      vat: 415,
      grandTotal: 4565,
    });
    expect(computeTotals([{ unitPrice: 1000, quantity: 1 }], 0, '0', 5000)).toMatchObject({
      discount: 1000,
      grandTotal: 0,
    });
  });
  it('with no VAT the total is goods plus delivery', () => {
    expect(computeTotals([{ unitPrice: 100000, quantity: 1 }], 0, '0').grandTotal).toBe(100000);
  });
  it('handles fractional rates', () => {
    expect(computeTotals([{ unitPrice: 1000, quantity: 1 }], 0, '7.5').vat).toBe(75);
    expect(computeTotals([{ unitPrice: 1, quantity: 1 }], 0, '50').vat).toBe(1); // 0.5 cent rounds up
  });
});
