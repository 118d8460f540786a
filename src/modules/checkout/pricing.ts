import { cents, toCents, type Cents } from '../../domain/money.js';

export type Totals = { subtotal: Cents; deliveryFee: Cents; vatRate: string; vat: Cents; grandTotal: Cents };

/**
 * VAT is charged on goods and delivery, rounded half up to the cent.
 * `vatRate` is a percentage string ("10", "0", "7.5").
 */
export function computeTotals(
  lines: { unitPrice: number; quantity: number }[],
  deliveryFee: number,
  vatRate: string,
): Totals {
  const subtotal = cents(lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0));
  const rateHundredths = toCents(vatRate); // "7.5" → 750 = 7.50 %
  const taxable = subtotal + cents(deliveryFee);
  const vat = cents(Math.floor((taxable * rateHundredths + 5000) / 10000));
  return { subtotal, deliveryFee: cents(deliveryFee), vatRate, vat, grandTotal: cents(taxable + vat) };
}
