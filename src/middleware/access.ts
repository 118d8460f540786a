import type { RequestHandler } from 'express';
import { requireAdmin, requireStaff, requireUser } from './auth.js';
import { grantFromOrderLink } from './ownership.js';

/**
 * Who may use a route, declared as the route's first handler:
 *   r.post('/orders/:number/cancel', allow.owner, handler)
 * - visitor: anyone, signed in or not;
 * - customer: any signed-in account;
 * - owner: anyone, but the handler only acts on what the caller owns (an order placed from this
 *   session or by this account, or opened through its email link), and answers 404 for anything else;
 * - staff: staff and admins; admin: admins only.
 * The route inventory test walks the router and fails on a route without a declaration.
 */
export const ACCESS_LEVELS = ['visitor', 'customer', 'owner', 'staff', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

const ACCESS = Symbol.for('computer-shop.access');
type Declared = RequestHandler & { [ACCESS]: Access };

function declare(access: Access, guard: RequestHandler): Declared {
  const handler: RequestHandler = (req, res, next) => guard(req, res, next);
  Object.defineProperty(handler, 'name', { value: `allow_${access}` });
  return Object.assign(handler, { [ACCESS]: access });
}

const pass: RequestHandler = (_req, _res, next) => next();

export const allow: Readonly<Record<Access, Declared>> = Object.freeze({
  visitor: declare('visitor', pass),
  customer: declare('customer', requireUser),
  owner: declare('owner', grantFromOrderLink),
  staff: declare('staff', requireStaff),
  admin: declare('admin', requireAdmin),
});

/** The access a handler declares, if it is one of `allow.*`. */
export function declaredAccess(handler: unknown): Access | undefined {
  return typeof handler === 'function' ? (handler as Partial<Declared>)[ACCESS] : undefined;
}
