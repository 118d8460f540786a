import { cents, toCents, type Cents } from '../../domain/money.js';

export type Totals = {
  subtotal: Cents;
  /** Taken off the goods (a coupon): VAT is on what is left. */
  discount: Cents;
  deliveryFee: Cents;
  vatRate: string;
  vat: Cents;
  grandTotal: Cents;
};

/**
 * VAT is charged on goods (less any discount) and delivery, rounded half up to the cent.
 * `vatRate` is a percentage string ("10", "0", "7.5").
 */
export function computeTotals(
  lines: { unitPrice: number; quantity: number }[],
  deliveryFee: number,
  vatRate: string,
  discount = 0,
): Totals {
  const subtotal = cents(lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0));
  const off = cents(Math.max(0, Math.min(discount, subtotal)));
  const rateHundredths = toCents(vatRate); // "7.5" → 750 = 7.50 %
  const taxable = subtotal - off + cents(deliveryFee);
  const vat = cents(Math.floor((taxable * rateHundredths + 5000) / 10000));
  return { subtotal, discount: off, deliveryFee: cents(deliveryFee), vatRate, vat, grandTotal: cents(taxable + vat) };
}
