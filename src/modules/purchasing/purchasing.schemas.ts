import { z } from 'zod';
import { PURCHASE_ORDER_STATUSES } from '../../db/schema.js';
import { formText, idText } from '../../lib/validation.js';

/** A field that may be left blank (then null). */
const optional = (max: number) =>
  z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), formText(max).optional())
    .transform((v) => v ?? null);

/** A supplier: only the name is needed; phones abroad are common (Shenzhen, Bangkok), so any digits will do. */
export const SupplierInput = z.object({
  name: formText(120),
  contactName: optional(120),
  phone: optional(32).refine((v) => v === null || /^\+?[\d\s\-().]{6,32}$/.test(v), 'errors.supplierPhone'),
  telegram: optional(64).refine((v) => v === null || /^@?[A-Za-z0-9_]{5,32}$/.test(v), 'errors.telegram'),
  email: optional(190).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'errors.email'),
  notes: optional(1000),
});
export type SupplierInput = z.infer<typeof SupplierInput>;

export const NewOrderInput = z.object({
  supplierId: z.coerce.number({ error: 'errors.supplierRequired' }).int().positive('errors.supplierRequired'),
  note: optional(500),
});

/** A line typed by an admin: which variant (its SKU or barcode), how many, at what cost each. */
export const OrderLineInput = z.object({
  sku: formText(64),
  quantity: formText(7)
    .pipe(z.string().regex(/^\d{1,5}$/, 'errors.purchaseQuantity'))
    .transform(Number),
  unitCost: formText(20),
});

export const LineParam = z.object({ id: idText, lineId: idText });

/**
 * Receiving against an order: `q_<lineId>` → how many came in now (blank: none of that line), and for an
 * item tracked by serial `s_<lineId>` → their serial numbers (one per line).
 */
export const ReceiveInput = z.record(z.string(), z.unknown()).transform((body) => {
  const quantities = new Map<number, string>();
  const serials = new Map<number, string>();
  for (const [k, v] of Object.entries(body)) {
    const m = /^([qs])_(\d{1,10})$/.exec(k);
    if (!m || typeof v !== 'string' || v.trim() === '') continue;
    (m[1] === 'q' ? quantities : serials).set(Number(m[2]), v.trim().slice(0, 20_000));
  }
  return { quantities, serials };
});

export const StatusQuery = z.object({ status: z.enum(PURCHASE_ORDER_STATUSES).optional().catch(undefined) });

export const DirectReceiptInput = z.object({
  // Blank: no supplier; anything but an id is a mistake to show, not a receipt without a supplier.
  supplierId: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^[1-9]\d{0,9}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'errors.supplierRequired' });
        return z.NEVER;
      }
      return Number(v);
    }),
  note: optional(255),
  /** One line per item: "SKU, quantity, unit cost" (a scanner types the SKU or barcode). */
  lines: formText(20_000),
});
