import { z } from 'zod';
import { parseMoneyInput } from '../../domain/money.js';

/** A form field that may be left empty (browsers send ""); anything but a string is not a form value. */
const optionalText = (max: number) =>
  z.string({ error: 'errors.invalid' }).trim().max(max, 'errors.tooLong').optional().default('');

/** Dollars as typed ("1,299.50", "$25"); empty is 0 when `emptyIs` is given. */
const money = (key: string, emptyIs?: number) =>
  z
    .union([z.string(), z.number()], { error: key })
    .optional()
    .transform((v, ctx) => {
      if ((v === undefined || v === '') && emptyIs !== undefined) return emptyIs;
      const cents = parseMoneyInput(v);
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return cents;
    });

/** Whole riel, with thousands separators allowed; at most 9 digits (a till never holds more). */
const riel = z
  .string({ error: 'errors.posRiel' })
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? '').replace(/[,\s]/g, '');
    if (s === '') return 0;
    if (!/^\d{1,9}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'errors.posRiel' });
      return z.NEVER;
    }
    return Number(s);
  });

const id = z.coerce
  .number({ error: 'errors.invalid' })
  .int('errors.invalid')
  .positive('errors.invalid')
  .max(4_294_967_295, 'errors.invalid');
const approvalCode = z
  .string({ error: 'errors.approvalCode' })
  .trim()
  .regex(/^(\d{6})?$/, 'errors.approvalCode')
  .optional()
  .transform((v) => v || undefined);

export const VariantParam = z.object({ id });
export type VariantParam = z.infer<typeof VariantParam>;

export const NumberParam = z.object({ number: z.string().regex(/^CS-\d{6}-\d{6}$/) });
export type NumberParam = z.infer<typeof NumberParam>;

export const ScreenQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  pay: z.enum(['khqr']).optional().catch(undefined),
});
export type ScreenQuery = z.infer<typeof ScreenQuery>;

export const ScanInput = z.object({
  code: z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(100, 'errors.tooLong'),
});
export type ScanInput = z.infer<typeof ScanInput>;

export const QuantityInput = z.object({
  quantity: z.coerce
    .number({ error: 'errors.posQuantity' })
    .int('errors.posQuantity')
    .min(0, 'errors.posQuantity')
    .max(999, 'errors.posQuantity'),
});
export type QuantityInput = z.infer<typeof QuantityInput>;

export const DiscountInput = z.object({
  target: z.union([z.literal('sale'), id], { error: 'errors.posDiscountTarget' }).default('sale'),
  amount: money('errors.money'),
  approvalCode,
});
export type DiscountInput = z.infer<typeof DiscountInput>;

export const CustomerInput = z.object({ phone: optionalText(40), name: optionalText(120) });
export type CustomerInput = z.infer<typeof CustomerInput>;

/** A Cambodian VAT TIN as the GDT prints it: a letter, 3 digits, a dash, 9 digits (K001-901234567). */
const vatin = z
  .string({ error: 'errors.posVatin' })
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]\d{3}-\d{9})?$/, 'errors.posVatin')
  .optional()
  .default('');

/** A field's text, whatever was sent (for checks that run even when the field itself failed). */
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export const CompleteInput = z
  .object({
    method: z.enum(['cash', 'khqr', 'split'], { error: 'errors.posMethod' }),
    tenderedUsd: money('errors.money', 0),
    tenderedKhr: riel,
    khqrAmount: money('errors.money', 0),
    manual: z
      .literal('1')
      .optional()
      .transform((v) => v === '1'),
    approvalCode,
    reason: optionalText(250),
    // The sale's reserved number from the screen: a repeated submit finds the order made for it.
    sale: z
      .string()
      .regex(/^CS-\d{6}-\d{6}$/, 'errors.invalid')
      .optional(),
    // The buyer's business, for a tax invoice (all optional; a VAT number needs the company's name).
    buyerCompany: optionalText(160),
    buyerVatin: vatin,
    buyerAddress: optionalText(300),
  })
  // A VAT number or an address is the company's: its name is needed with them.
  .refine((v) => Boolean(text(v.buyerCompany)) || !(text(v.buyerVatin) || text(v.buyerAddress)), {
    path: ['buyerCompany'],
    message: 'errors.posBuyerCompany',
    when: () => true, // checked even when other fields are wrong: every error at once
  })
  .transform(({ buyerCompany, buyerVatin, buyerAddress, ...rest }) => ({
    ...rest,
    buyer: buyerCompany ? { company: buyerCompany, vatin: buyerVatin || null, address: buyerAddress || null } : null,
  }));
export type CompleteInput = z.infer<typeof CompleteInput>;

export const ReturnsQuery = z.object({ number: z.string().trim().toUpperCase().max(20).catch('') });
export type ReturnsQuery = z.infer<typeof ReturnsQuery>;

const returnQty = z.coerce.number().int().min(0).max(999);

/** The return form: `qty_<line id>` per line, a reason, the refund method and (for staff) a code. */
export const ReturnInput = z
  .looseObject({
    reason: optionalText(250),
    method: z.enum(['cash', 'khqr', 'other'], { error: 'errors.invalid' }).default('cash'),
    approvalCode,
  })
  .transform((body, ctx) => {
    const quantities: Record<number, number> = {};
    for (const [key, value] of Object.entries(body)) {
      const m = /^qty_(\d{1,10})$/.exec(key);
      if (!m || value === '' || value === undefined) continue;
      const qty = returnQty.safeParse(value);
      if (qty.success) quantities[Number(m[1])] = qty.data;
      else ctx.addIssue({ code: 'custom', path: [key], message: 'errors.returnTooMany' });
    }
    return { reason: body.reason, method: body.method, approvalCode: body.approvalCode, quantities };
  });
export type ReturnInput = z.infer<typeof ReturnInput>;

/** A real calendar day (2026-02-30 is not one); anything else means today. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));
export const EndOfDayQuery = z.object({ date: day.optional().catch(undefined) });
export type EndOfDayQuery = z.infer<typeof EndOfDayQuery>;
