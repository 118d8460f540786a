import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
  // Multipart bodies are parsed by multer inside the route, which then runs verifyCsrf itself.
  skipCsrfProtection: (req) => Boolean(req.is('multipart/form-data')),
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
  next();
};
