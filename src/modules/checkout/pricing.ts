import { toCents, type Cents } from '../../lib/money.js';

export type Totals = { subtotal: Cents; deliveryFee: Cents; vatRate: string; vat: Cents; grandTotal: Cents };

/**
 * VAT is charged on goods and delivery, rounded half up to the cent.
 * `vatRate` is a percentage string ("10", "0", "7.5").
 */
export function computeTotals(
  lines: { unitPrice: Cents; quantity: number }[],
  deliveryFee: Cents,
  vatRate: string,
): Totals {
  const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const rateHundredths = toCents(vatRate); // "7.5" → 750 = 7.50 %
  const taxable = subtotal + deliveryFee;
  const vat = Math.floor((taxable * rateHundredths + 5000) / 10000);
  return { subtotal, deliveryFee, vatRate, vat, grandTotal: taxable + vat };
}
