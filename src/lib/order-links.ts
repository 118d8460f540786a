import crypto from 'node:crypto';
import { sessionSecret } from '../config/env.js';

/** How long a link in an order email opens the order without signing in or tracking it. */
const LINK_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

function signature(number: string, expires: string): string {
  return crypto
    .createHmac('sha256', sessionSecret())
    .update(`order-link:${number}:${expires}`)
    .digest('base64url')
    .slice(0, 32);
}

/**
 * The access key carried by the links of one order's emails (`?k=`): the expiry and an HMAC of the
 * order number and expiry under the server's secret. Nothing is stored, so it cannot be looked up
 * or listed; it opens this one order and no other, and stops working after LINK_DAYS.
 */
export function orderLinkKey(number: string, now = Date.now()): string {
  const expires = Math.floor((now + LINK_DAYS * DAY_MS) / 1000).toString(36);
  return `${expires}.${signature(number, expires)}`;
}

/** Whether `key` was made by orderLinkKey for this order and has not expired. */
export function orderLinkKeyValid(number: string, key: string, now = Date.now()): boolean {
  const match = /^([0-9a-z]{1,10})\.([\w-]{32})$/.exec(key);
  if (!match) return false;
  const [, expires, sig] = match as unknown as [string, string, string];
  if (Number.parseInt(expires, 36) * 1000 < now) return false;
  const expected = Buffer.from(signature(number, expires));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
