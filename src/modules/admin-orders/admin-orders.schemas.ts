import { z } from 'zod';
import { parseMoneyInput } from '../../domain/money.js';
import { formText, idText } from '../../lib/validation.js';

const ORDER_ACTIONS = [
  'confirm',
  'ready',
  'ship',
  'complete',
  'cancel',
  'refund',
  // Paid later: cash on delivery (dispatch → collect | refuse) and pay at pickup (hold → handover | uncollected).
  'dispatch',
  'collect',
  'refuse',
  'hold',
  'handover',
  'uncollected',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** `/admin/orders/:number/:action`: one of the actions, anything else is 404. */
export const ActionParam = z.object({ action: z.enum(ORDER_ACTIONS) });

/** Order numbers look like CS-YYMMDD-NNNNNN; anything else is answered 404 before touching the database. */
export const OrderNumberParam = z.object({ number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });

/** The refunds.method column's values. */
const REFUND_METHODS = ['cash', 'khqr', 'other'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

const reason = z
  .string({ error: 'errors.reasonRequired' })
  .trim()
  .min(3, 'errors.reasonRequired')
  .max(300, 'errors.tooLong');
const method = z.enum(REFUND_METHODS, { error: 'errors.refundMethod' });

/**
 * A positive amount in cents with at most 2 decimals and 9 whole digits
 * (so 1e20 or "12.345" are refused, never stored).
 */
const amount = z.string({ error: 'errors.money' }).transform((v, ctx) => {
  const cents = parseMoneyInput(v);
  if (cents === null || cents <= 0) {
    ctx.addIssue({ code: 'custom', message: 'errors.money' });
    return z.NEVER;
  }
  return cents;
});

export const RefundInput = z.object({ amount, reason, method });
export type RefundInput = z.infer<typeof RefundInput>;

/** A cancel always needs a reason; the method is checked under the lock, once we know the order was paid. */
export const CancelInput = z.object({
  reason,
  method: z.preprocess((v) => (v === '' ? undefined : v), method.optional()),
});
export type CancelInput = z.infer<typeof CancelInput>;

export const ShipInput = z.object({ courier: formText(80), tracking: formText(80) });
export type ShipInput = z.infer<typeof ShipInput>;

const optional80 = z
  .string()
  .trim()
  .max(80, 'errors.tooLong')
  .optional()
  .transform((v) => v || undefined);

/** A cash-on-delivery order leaves with a driver: courier and tracking number are optional. */
export const DispatchInput = z.object({ courier: optional80, tracking: optional80 });
export type DispatchInput = z.infer<typeof DispatchInput>;

/** The goods came back (refused, nobody at the address): why. */
export const RefuseInput = z.object({ reason });
export type RefuseInput = z.infer<typeof RefuseInput>;

/**
 * Paid at the counter when picking up: in cash, or by KHQR with the reference from the customer's
 * banking app (so the money can be matched to the bank statement).
 */
export const HandoverInput = z
  .object({
    method: z.enum(['cash', 'khqr'], { error: 'errors.handoverMethod' }),
    reference: z
      .string()
      .trim()
      .max(128, 'errors.tooLong')
      .optional()
      .transform((v) => v || undefined),
  })
  .superRefine((h, ctx) => {
    if (h.method === 'khqr' && !h.reference)
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'errors.khqrReference' });
  });
export type HandoverInput = z.infer<typeof HandoverInput>;

export type ActionInput =
  | { action: 'confirm' | 'ready' | 'complete' | 'collect' | 'hold' | 'uncollected' }
  | ({ action: 'dispatch' } & DispatchInput)
  | ({ action: 'refuse' } & RefuseInput)
  | ({ action: 'handover' } & HandoverInput)
  | ({ action: 'ship' } & ShipInput)
  | ({ action: 'cancel' } & CancelInput)
  | ({ action: 'refund' } & RefundInput);

export const VariantIdParam = z.object({ variantId: idText });

/** The serials typed or scanned for a line, one per line. */
export const PickInput = z.object({ serials: z.string().max(20_000).optional().default('') });
