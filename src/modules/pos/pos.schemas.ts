import { z } from 'zod';
import { moneyField as money, rielField as riel } from '../../lib/validation.js';

/** A form field that may be left empty (browsers send ""); anything but a string is not a form value. */
const optionalText = (max: number) =>
  z.string({ error: 'errors.invalid' }).trim().max(max, 'errors.tooLong').optional().default('');

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
  // A category tile: lists what the category holds (a bad id: no filter).
  cat: id.optional().catch(undefined),
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

export const PosCouponInput = z.object({
  couponCode: z
    .string({ error: 'errors.couponCodeRequired' })
    .trim()
    .min(1, 'errors.couponCodeRequired')
    .max(40, 'errors.couponCodeFormat')
    .regex(/^[A-Za-z0-9_-]+$/, 'errors.couponCodeFormat'),
});

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
    // A line sold by serial: the serials coming back (sn_<line>), and whether they can be sold again (cond_<line>).
    const serials: Record<number, string> = {};
    const faulty: Record<number, boolean> = {};
    for (const [key, value] of Object.entries(body)) {
      const sn = /^sn_(\d{1,10})$/.exec(key);
      if (sn && typeof value === 'string') serials[Number(sn[1])] = value.slice(0, 20_000);
      const cond = /^cond_(\d{1,10})$/.exec(key);
      if (cond) faulty[Number(cond[1])] = value === 'faulty';
      const m = /^qty_(\d{1,10})$/.exec(key);
      if (!m || value === '' || value === undefined) continue;
      const qty = returnQty.safeParse(value);
      if (qty.success) quantities[Number(m[1])] = qty.data;
      else ctx.addIssue({ code: 'custom', path: [key], message: 'errors.returnTooMany' });
    }
    return { reason: body.reason, method: body.method, approvalCode: body.approvalCode, quantities, serials, faulty };
  });
export type ReturnInput = z.infer<typeof ReturnInput>;

/** A real calendar day (2026-02-30 is not one); anything else means today. */
const isRealDay = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) &&
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const day = z.string({ error: 'errors.posDay' }).refine(isRealDay, 'errors.posDay');
export const EndOfDayQuery = z.object({ date: day.optional().catch(undefined) });
export type EndOfDayQuery = z.infer<typeof EndOfDayQuery>;

/** Whose drawer (end of day): absent or empty is the signed-in cashier's; anything malformed is no one's (404). */
const cashier = z.union([z.literal('').transform(() => undefined), id]).optional();
export const CashierQuery = z.object({ cashier });
export type CashierQuery = z.infer<typeof CashierQuery>;

/** The notes a Cambodian drawer holds, largest first: US dollar notes and riel notes. */
export const USD_NOTES = [100, 50, 20, 10, 5, 2, 1] as const;
export const KHR_NOTES = [200000, 100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100] as const;

/** 2,000,000,000 ៛ (about $500,000): more than any drawer holds, within the INT column. */
const MAX_DRAWER_KHR = 2_000_000_000;

/** How many notes of one kind: empty is none; a whole number from 0 to 10,000. */
const noteCount = z
  .string({ error: 'errors.posNoteCount' })
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? '').replace(/[,\s]/g, '');
    if (s === '') return 0;
    if (!/^\d{1,5}$/.test(s) || Number(s) > 10_000) {
      ctx.addIssue({ code: 'custom', message: 'errors.posNoteCount' });
      return z.NEVER;
    }
    return Number(s);
  });

const noteFields = Object.fromEntries([
  ...USD_NOTES.map((n) => [`usd${n}`, noteCount]),
  ...KHR_NOTES.map((n) => [`khr${n}`, noteCount]),
]) as Record<`usd${(typeof USD_NOTES)[number]}` | `khr${(typeof KHR_NOTES)[number]}`, typeof noteCount>;

/** The end-of-day count: the shop day, how many of each note, and a remark (whose drawer: CashierQuery). */
export const DrawerCountInput = z
  .object({
    day,
    note: optionalText(300),
    ...noteFields,
  })
  .transform(({ day: shopDay, note, ...notes }, ctx) => {
    const n = notes as Record<string, number>;
    // The riel total is stored as a whole number of riel (INT): far above any real drawer, but a
    // mistyped count must get a message, not an error.
    const khrTotal = KHR_NOTES.reduce((sum, v) => sum + v * (n[`khr${v}`] ?? 0), 0);
    if (khrTotal > MAX_DRAWER_KHR) {
      ctx.addIssue({ code: 'custom', path: ['khr200000'], message: 'errors.posDrawerTooMuch' });
      return z.NEVER;
    }
    return {
      day: shopDay,
      note,
      usdNotes: Object.fromEntries(USD_NOTES.map((v) => [String(v), n[`usd${v}`] ?? 0])),
      khrNotes: Object.fromEntries(KHR_NOTES.map((v) => [String(v), n[`khr${v}`] ?? 0])),
    };
  });
export type DrawerCountInput = z.infer<typeof DrawerCountInput>;

/** Whose drawer a count is for, and its day when real (to show the form again after an error). */
export const CountTarget = z.object({ cashier, day: day.optional().catch(undefined) });
export type CountTarget = z.infer<typeof CountTarget>;
