import { type Cents, cents } from './money.js';

/**
 * A repair ticket's life at the service counter. `returned` is a device handed back unrepaired
 * (quote declined, not repairable); `collected` a repaired one. Both end the ticket.
 */
export const REPAIR_STATUSES = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'awaiting_parts',
  'repairing',
  'ready',
  'collected',
  'returned',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** What the ticket's log records besides a state change by staff (shown in the reader's language). */
export const REPAIR_LOG_EVENTS = [
  'quote_sent',
  'quote_approved',
  'quote_declined',
  'warranty_on',
  'warranty_off',
] as const;
export type RepairLogEvent = (typeof REPAIR_LOG_EVENTS)[number];

/** The handing back (collected, returned) goes through the collection, which takes the balance: not listed here. */
const NEXT: Record<RepairStatus, readonly RepairStatus[]> = {
  received: ['diagnosing'],
  diagnosing: ['awaiting_approval', 'awaiting_parts', 'repairing', 'ready'],
  // Staff may also record an approval or refusal given on the phone (the status log keeps who).
  awaiting_approval: ['diagnosing', 'awaiting_parts', 'repairing', 'ready'],
  awaiting_parts: ['repairing', 'ready'],
  repairing: ['awaiting_parts', 'ready'],
  ready: ['repairing'],
  collected: [],
  returned: [],
};

export const repairNextStatuses = (from: RepairStatus): readonly RepairStatus[] => NEXT[from];
export const canMoveRepair = (from: RepairStatus, to: RepairStatus): boolean => NEXT[from].includes(to);

/** Still at the shop: parts and labour may change, the device may be handed back. */
const OPEN_REPAIR_STATUSES: readonly RepairStatus[] = REPAIR_STATUSES.filter(
  (s) => s !== 'collected' && s !== 'returned',
);
export const isOpenRepair = (s: RepairStatus): boolean => OPEN_REPAIR_STATUSES.includes(s);

/** The customer hears of these by email (in their language), with the link to the repair status page. */
export const CUSTOMER_FACING_REPAIR_STATUSES: readonly RepairStatus[] = [
  'received',
  'awaiting_approval',
  'ready',
  'collected',
  'returned',
];

/** `R-000123`: what the slip, the emails and the status page show; the ticket's id behind it. */
export const repairNumber = (id: number): string => `R-${String(id).padStart(6, '0')}`;

/** The id behind a ticket number as a person types it (`R-000123`, `r123`, `123`); null when it is not one. */
export function repairIdOf(number: string): number | null {
  const m = /^\s*(?:r\s*-?\s*)?0*(\d{1,12})\s*$/i.exec(number);
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export type RepairLineAmounts = { unitPriceCents: Cents; unitCostCents: Cents; quantity: number };

/**
 * What a ticket costs the customer and the shop. Under warranty the customer pays nothing for parts
 * and labour, but the shop's cost is still counted. The balance is what remains after the deposit
 * (never below zero: a deposit larger than the charges is given back at collection).
 */
export function repairTotals(
  lines: readonly RepairLineAmounts[],
  underWarranty: boolean,
  depositCents: Cents,
): { listCents: Cents; chargedCents: Cents; costCents: Cents; balanceCents: Cents; refundCents: Cents } {
  const listCents = cents(lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0));
  const costCents = cents(lines.reduce((s, l) => s + l.unitCostCents * l.quantity, 0));
  const chargedCents = underWarranty ? cents(0) : listCents;
  return {
    listCents,
    chargedCents,
    costCents,
    balanceCents: cents(Math.max(0, chargedCents - depositCents)),
    refundCents: cents(Math.max(0, depositCents - chargedCents)),
  };
}
