import { z } from 'zod';
import { LOCALES } from '../../db/schema.js';
import { REPAIR_STATUSES } from '../../domain/repair-states.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { formText, idText, moneyField, queryText, rielField } from '../../lib/validation.js';

/** Dollars typed at the repair counter, with a ceiling far above any repair (a slip of the finger is a 422). */
const counterMoney = (emptyIs?: number) =>
  moneyField('errors.money', emptyIs).refine((c) => c <= 100_000_00, 'errors.repairAmountTooHigh');

/** A field that may be left blank (then ""). */
const blank = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? '' : v),
    z.union([z.literal(''), formText(max)]),
  );

/** A field's text, whatever was sent (for checks that run even when the field itself failed). */
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const checkbox = z
  .union([z.literal('1'), z.literal('on'), z.literal('')])
  .optional()
  .transform((v) => v === '1' || v === 'on');

/** A calendar day that exists (2026-02-30 and 0000-00-00 do not), or blank. */
const isDay = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v < '2000-01-01' || v > '2099-12-31') return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};
const day = blank(10).refine((v) => v === '' || isDay(v), 'errors.repairDate');

/** The intake form at the counter: who, which device, what is wrong, what was left with it. */
export const IntakeInput = z
  .object({
    phone: formText(20).refine((v) => normaliseCambodianPhone(v) !== null, 'errors.phone'),
    name: blank(120),
    email: blank(190).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'errors.email'),
    locale: z.enum(LOCALES).catch('en'),
    serial: blank(64).refine((v) => v === '' || /^[A-Za-z0-9][A-Za-z0-9\-_/.]{2,63}$/.test(v), 'errors.repairSerial'),
    brand: blank(80),
    model: blank(120),
    problem: formText(1000),
    accessories: blank(300),
    condition: blank(500),
    passcode: blank(100),
    underWarranty: checkbox,
    deposit: counterMoney(0),
    estimatedReady: day,
    // The form's one-time key (see takeIn); a request without one is simply not deduplicated.
    intakeKey: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional()
      .catch(undefined)
      .transform((v) => v ?? ''),
  })
  // A device not found by serial is described: said with the other errors, all at once.
  .refine((v) => Boolean(text(v.serial) || text(v.brand)), {
    path: ['brand'],
    message: 'errors.repairDevice',
    when: () => true,
  })
  .refine((v) => Boolean(text(v.serial) || text(v.model)), {
    path: ['model'],
    message: 'errors.repairDevice',
    when: () => true,
  })
  .transform(({ deposit, ...rest }) => ({ ...rest, depositCents: deposit }));
export type IntakeInput = z.infer<typeof IntakeInput>;

export const RepairDetailsInput = z.object({
  diagnosis: blank(1000),
  technicianId: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{1,12}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'errors.repairTechnician' });
        return z.NEVER;
      }
      return Number(v);
    }),
  estimatedReady: day,
  underWarranty: checkbox,
});
export type RepairDetailsInput = z.infer<typeof RepairDetailsInput>;

export const MoveInput = z.object({
  status: z.enum(REPAIR_STATUSES, { error: 'errors.repairTransition' }),
  note: blank(500),
});

export const PartInput = z.object({
  code: formText(64),
  quantity: blank(3)
    .refine((v) => v === '' || /^\d{1,2}$/.test(v), 'errors.quantity')
    .transform((v) => (v === '' ? 1 : Math.max(1, Number(v)))),
});
export type PartInput = z.infer<typeof PartInput>;

export const LabourInput = z
  .object({
    description: formText(200),
    price: counterMoney(),
    cost: counterMoney(0),
  })
  .transform(({ price, cost, description }) => ({ description, priceCents: price, costCents: cost }));
export type LabourInput = z.infer<typeof LabourInput>;

export const CollectInput = z
  .object({
    outcome: z.enum(['collected', 'returned'], { error: 'errors.invalid' }),
    method: z.enum(['cash', 'khqr']).catch('cash'),
    tenderedUsd: counterMoney(0),
    tenderedKhr: rielField,
    note: blank(500),
  })
  .transform(({ tenderedUsd, ...rest }) => ({ ...rest, tenderedUsdCents: tenderedUsd }));
export type CollectInput = z.infer<typeof CollectInput>;

export const RepairParam = z.object({ id: idText });
export const LineParam = z.object({ id: idText, lineId: idText });

export const ListQuery = z.object({
  status: z
    .enum([...REPAIR_STATUSES, 'open', 'all'])
    .optional()
    .catch(undefined),
  q: z.string().trim().max(64).optional().catch(undefined),
});

/** The public status page: a ticket number with the phone it was left with, or the key printed on the slip. */
export const StatusQuery = z.object({
  ticket: queryText(20),
  phone: queryText(20),
  k: queryText(60),
});

export const QuoteAnswerInput = z.object({ answer: z.enum(['approved', 'declined'], { error: 'errors.invalid' }) });

export const SlipQuery = z.object({ size: z.enum(['80', 'a4']).catch('80') });

export const PhotoParam = z.object({ id: idText, photoId: idText, size: z.enum(['sm', 'md', 'lg']) });
