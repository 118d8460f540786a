/** Every state an order can be in (the `orders.status` column's values). */
export const ORDER_STATUSES = [
  'pending_payment',
  'payment_submitted',
  // Paid later (cash on delivery, pay at pickup): accepted and holding stock, no money yet.
  'confirmed',
  'out_for_delivery',
  'held_for_pickup',
  'paid',
  'processing',
  'ready_for_pickup',
  'shipped',
  'completed',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The order life cycle (see CONTEXT.md). Only an unpaid order can be cancelled; once money was
 * received, calling the sale off is a refund (the order ends `refunded`, with a refund row).
 */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['payment_submitted', 'paid', 'cancelled'],
  payment_submitted: ['paid', 'pending_payment', 'cancelled'],
  // Cash on delivery: confirmed → out for delivery → completed when the cash is collected (or
  // cancelled when refused: the goods come back). Pay at pickup: confirmed → held → completed at the
  // counter (or cancelled when not collected in time).
  confirmed: ['out_for_delivery', 'held_for_pickup', 'cancelled'],
  out_for_delivery: ['completed', 'cancelled'],
  held_for_pickup: ['completed', 'cancelled'],
  paid: ['processing', 'ready_for_pickup', 'shipped', 'completed', 'refunded'],
  processing: ['ready_for_pickup', 'shipped', 'refunded'],
  ready_for_pickup: ['completed', 'refunded'],
  shipped: ['completed', 'refunded'],
  completed: ['refunded'],
  cancelled: [],
  refunded: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => TRANSITIONS[from].includes(to);

/** States in which the order's stock is still held (so cancelling gives it back). */
export const HOLDS_STOCK: readonly OrderStatus[] = [
  'pending_payment',
  'payment_submitted',
  'confirmed',
  'out_for_delivery',
  'held_for_pickup',
  'paid',
  'processing',
  'ready_for_pickup',
];

/** States in which money has been received (and not all given back). */
export const IS_PAID: readonly OrderStatus[] = ['paid', 'processing', 'ready_for_pickup', 'shipped', 'completed'];

/**
 * Orders that count as sales in reports, the dashboard and customers' lifetime value: paid, or
 * refunded afterwards (the refund rows net the money out on the day it went back).
 */
export const SOLD_STATUSES: readonly OrderStatus[] = [...IS_PAID, 'refunded'];

/**
 * Paid states from which the back office may still call the sale off. The money has to go back,
 * so "cancel" there is a full refund: the order ends `refunded` (still counted as a sale, with the
 * refund row netting it out in reports), never `cancelled` (which reports do not count as a sale).
 */
export const CANCEL_REFUNDS: readonly OrderStatus[] = ['paid', 'processing', 'ready_for_pickup'];

/** States in which no money was received yet: cancelling needs no refund. */
export const UNPAID: readonly OrderStatus[] = [
  'pending_payment',
  'payment_submitted',
  'confirmed',
  'out_for_delivery',
  'held_for_pickup',
];
