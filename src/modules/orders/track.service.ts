import { z } from 'zod';
import type { Order } from '../../db/schema.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { findOrderByNumber } from './orders.queries.js';

export const TrackInput = z.object({
  number: z.string().trim().toUpperCase().max(30).default(''),
  contact: z.string().trim().max(255).default(''),
});

/** The order when the number and its phone or email match; a wrong pair looks exactly like a missing order. */
export async function findTrackedOrder(input: z.infer<typeof TrackInput>): Promise<Order | undefined> {
  if (!/^CS-\d{6}-\d{6}$/.test(input.number) || !input.contact) return undefined;
  const order = await findOrderByNumber(input.number);
  if (!order) return undefined;
  const email = input.contact.toLowerCase();
  const phone = normaliseCambodianPhone(input.contact);
  return order.customerEmail.toLowerCase() === email || (phone !== null && order.customerPhone === phone)
    ? order
    : undefined;
}
