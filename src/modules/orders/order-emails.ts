import { config } from '../../config/env.js';
import { sendTemplate } from '../../lib/email/mailer.js';
import { orderLinkKey } from '../../lib/order-links.js';
import { formatRielFromUsd, formatUsd } from '../../domain/money.js';
import type { Order, OrderLine, OrderStatus } from '../../db/schema.js';

/** The email sent when an order enters a state (none for the others). */
const TEMPLATE_FOR: Partial<Record<OrderStatus, string>> = {
  pending_payment: 'order-placed',
  paid: 'payment-confirmed',
  shipped: 'order-shipped',
  ready_for_pickup: 'order-ready',
  cancelled: 'order-cancelled',
};

export async function sendOrderEmail(
  status: OrderStatus,
  order: Order,
  lines: OrderLine[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const template = (extra.template as string | undefined) ?? TEMPLATE_FOR[status];
  if (!template || !order.customerEmail) return;
  // Links open the order on any phone or browser (a guest's order is otherwise tied to the session).
  const key = orderLinkKey(order.number);
  const orderUrl = (suffix = '') => `${config.BASE_URL}/orders/${order.number}${suffix}?k=${key}`;
  await sendTemplate(template, order.customerEmail, order.locale, {
    order,
    lines,
    number: order.number,
    name: order.customerName,
    usd: formatUsd,
    riel: (v: string) => formatRielFromUsd(v, order.khrPerUsd),
    orderUrl,
    ...extra,
  });
}
