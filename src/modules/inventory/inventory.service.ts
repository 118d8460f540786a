import { eq } from 'drizzle-orm';
import { z } from 'zod';
import bwipjs from 'bwip-js';
import { variants } from '../../db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal, parseMoneyInput } from '../../domain/money.js';
import { changeStock, InsufficientStockError } from './stock.service.js';
import { withTransaction } from '../../db/transaction.js';

export const AdjustInput = z.object({
  reason: z.enum(['restock', 'correction', 'damage', 'return'], { error: 'errors.adjustReason' }),
  quantity: z.string().optional().default(''),
  unitCost: z.string().optional().default(''),
  note: z.string().trim().max(255, 'errors.tooLong').optional().default(''),
});
export type AdjustInput = z.infer<typeof AdjustInput>;

/**
 * A stock adjustment with a reason, through the ledger. Restock and return add, damage removes,
 * correction sets the counted quantity. Only admins may record a unit cost (it updates the cost price).
 */
export async function adjustStock(variantId: number, input: AdjustInput, actor: { id: number; isAdmin: boolean }) {
  const qty = Number(input.quantity);
  const costCents = input.unitCost.trim() ? parseMoneyInput(input.unitCost) : null;
  if (input.unitCost.trim() && !actor.isAdmin) throw new ForbiddenError('errors.costAdminOnly');
  const fields: Record<string, string> = {};
  const quantity = input.quantity.trim();
  if (/^-\d+$/.test(quantity)) fields.quantity = 'errors.adjustNegative';
  else if (/^\d{7,}$/.test(quantity)) fields.quantity = 'errors.adjustTooMany';
  else if (!/^\d{1,6}$/.test(quantity) || (input.reason !== 'correction' && qty === 0))
    fields.quantity = 'errors.adjustQuantity';
  if (input.unitCost.trim() && costCents === null) fields.unitCost = 'errors.money';
  // A restock's cost is recorded by whoever may see costs (admins); staff restock without one.
  else if (actor.isAdmin && input.reason === 'restock' && costCents === null) fields.unitCost = 'errors.restockCost';
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return withTransaction(async (tx) => {
    const [v] = await tx.select().from(variants).where(eq(variants.id, variantId)).for('update');
    if (!v) throw new NotFoundError();
    // Units known by serial come in by receiving (with their serials) and leave by sale or return.
    if (v.tracksSerials) throw new ValidationError({ reason: 'errors.adjustTracked' });
    const delta = input.reason === 'correction' ? qty - v.stock : input.reason === 'damage' ? -qty : qty;
    if (delta === 0) throw new ValidationError({ quantity: 'errors.adjustNoChange' });
    try {
      const res = await changeStock(
        {
          variantId,
          delta,
          reason: input.reason,
          userId: actor.id,
          note: input.note || null,
          unitCost: costCents !== null && input.reason === 'restock' ? centsToDecimal(costCents) : null,
        },
        tx,
      );
      if (costCents !== null && input.reason === 'restock')
        await tx
          .update(variants)
          .set({ costPrice: centsToDecimal(costCents) })
          .where(eq(variants.id, variantId));
      return res;
    } catch (err) {
      if (err instanceof InsufficientStockError) throw new ValidationError({ quantity: 'errors.adjustBelowZero' });
      throw err;
    }
  });
}

/** Whether a GTIN (EAN-8, UPC-A, EAN-13) has the right check digit. */
function validGtin(code: string): boolean {
  const digits = [...code].map(Number).reverse();
  const sum = digits.slice(1).reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === digits[0];
}

/** The symbology a label prints: the product's own EAN/UPC as such (what tills and suppliers scan), else Code 128. */
export function barcodeSymbology(text: string): 'ean13' | 'ean8' | 'upca' | 'code128' {
  if (!/^(\d{8}|\d{12}|\d{13})$/.test(text) || !validGtin(text)) return 'code128';
  return text.length === 13 ? 'ean13' : text.length === 12 ? 'upca' : 'ean8';
}

/** A barcode as an SVG data URL for labels. */
export function barcodeDataUrl(text: string): string {
  const bcid = barcodeSymbology(text);
  const svg = bwipjs.toSVG({ bcid, text, scale: 2, height: 10, includetext: true, textxalign: 'center' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
