import type { RequestHandler } from 'express';
import type { Role } from '../db/schema.js';
import { ForbiddenError } from '../lib/errors.js';
import { safePath } from '../lib/validation.js';

/** A same-site path to return to; anything else becomes "/" (the rule lives in lib/validation). */
export const safeReturnPath = (value: unknown): string => safePath().parse(value);

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
