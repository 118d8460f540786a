import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
  // Multipart bodies are parsed by multer inside the route, which then runs verifyCsrf itself.
  // "Add to cart" from a visitor with no session at all carries no token: there is no session to
  // forge a request for, and product pages stay free of per-visitor state (cacheable, no session rows).
  skipCsrfProtection: (req) => Boolean(req.is('multipart/form-data')) || (req.path === '/cart/items' && !req.session?.csrfToken && !req.session?.userId && !req.session?.cartId),
});

export const csrfProtection: RequestHandler = csrfSynchronisedProtection;

/** For multipart routes: put this after the multer middleware. */
const multipartCheck = csrfSync({
  getTokenFromRequest: (r) => (r.body?._csrf as string | undefined) ?? (r.headers['x-csrf-token'] as string | undefined),
}).csrfSynchronisedProtection;

export const verifyCsrf: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  multipartCheck(req, res, next);
};

/** Lazy: only pages with a form call csrf(), so plain browsing creates no session row. */
export const csrfLocals: RequestHandler = (req, res, next) => {
  res.locals.csrf = () => generateToken(req);
  // For forms that also work without a session (add to cart): a token only if a session exists.
  res.locals.csrfIfSession = () => (req.session?.csrfToken || req.session?.userId || req.session?.cartId ? generateToken(req) : '');
  next();
};
