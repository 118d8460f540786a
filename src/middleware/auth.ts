import type { RequestHandler } from 'express';
import type { Role } from '../db/schema.js';
import { ForbiddenError } from '../lib/errors.js';

/** A same-site path to return to after logging in; anything else becomes "/". */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

export const requireUser: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.accepts(['html', 'json']) === 'json')
    return res.status(401).json({ code: 'unauthorized', message: 'Log in first' });
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
};

function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return requireUser(req, res, next);
    if (!roles.includes(req.user.role)) return next(new ForbiddenError());
    next();
  };
}

export const requireStaff = requireRole('staff', 'admin');
export const requireAdmin = requireRole('admin');
