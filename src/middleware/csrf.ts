import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

const tokenOf = (req: Request) =>
  (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined);

/**
 * The only routes that take multipart bodies. Their body (and so the token) is parsed by multer
 * inside the route, which then runs `verifyCsrf`. A multipart request to any other path is checked
 * here like every other POST: its body is never parsed, so without a token header it is refused.
 * The route inventory test checks this list against the routes that really parse uploads.
 */
export const UPLOAD_ROUTES: readonly { method: 'POST'; pattern: RegExp; route: string }[] = [
  { method: 'POST', pattern: /^\/admin\/products\/import$/, route: '/admin/products/import' },
  { method: 'POST', pattern: /^\/admin\/products\/[^/]+\/images$/, route: '/admin/products/:id/images' },
  { method: 'POST', pattern: /^\/orders\/[^/]+\/proof$/, route: '/orders/:number/proof' },
  { method: 'POST', pattern: /^\/admin\/banners$/, route: '/admin/banners' },
  { method: 'POST', pattern: /^\/admin\/banners\/logo$/, route: '/admin/banners/logo' },
  { method: 'POST', pattern: /^\/admin\/banners\/[^/]+$/, route: '/admin/banners/:id' },
  { method: 'POST', pattern: /^\/admin\/repairs\/[^/]+\/photos$/, route: '/admin/repairs/:id/photos' },
];

/** The path from the app's root, also inside a mounted router. */
const fullPath = (req: Request) => req.baseUrl + req.path;

const isUploadRoute = (req: Request) =>
  Boolean(req.is('multipart/form-data')) &&
  UPLOAD_ROUTES.some((u) => u.method === req.method && u.pattern.test(fullPath(req)));

// A compare list (even an emptied one) is a session too: from then on every POST needs the token.
const hasSession = (req: Request) =>
  Boolean(req.session?.csrfToken || req.session?.userId || req.session?.cartId || req.session?.compare);

/** The forms a visitor without a session sends from cached pages: add to cart, add to compare. */
const FIRST_ADD_PATHS: ReadonlySet<string> = new Set(['/cart/items', '/compare/items']);

/**
 * "Add to cart" or "Add to compare" from a visitor with no session at all carries no token: product
 * pages are the same for every such visitor (cached, no session rows). A forged cross-site request
 * would still come from a browser, and browsers send Origin on every POST: a foreign Origin is refused.
 */
const isFirstAdd = (req: Request) => req.method === 'POST' && FIRST_ADD_PATHS.has(fullPath(req)) && !hasSession(req);

function sameOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: tokenOf,
  skipCsrfProtection: (req) => isUploadRoute(req) || isFirstAdd(req),
});

export const csrfProtection: RequestHandler = (req, res, next) => {
  if (isFirstAdd(req) && !sameOrigin(req))
    return next(Object.assign(new Error('cross-site request'), { code: 'EBADCSRFTOKEN' }));
  csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(err);
    // Even with a valid token in a header, a multipart body is never parsed outside the upload routes.
    if (req.is('multipart/form-data') && !isUploadRoute(req)) {
      return next(
        Object.assign(new Error('multipart body not accepted here'), { status: 415, type: 'unsupported_media_type' }),
      );
    }
    next();
  });
};

/** For the upload routes: put this after the multer middleware. */
const multipartCheck = csrfSync({ getTokenFromRequest: tokenOf }).csrfSynchronisedProtection;

export const verifyCsrf: RequestHandler = (req, res, next) => {
  if (!isUploadRoute(req)) return next();
  multipartCheck(req, res, next);
};

/** Lazy: only pages with a form call csrf(), so plain browsing creates no session row. */
export const csrfLocals: RequestHandler = (req, res, next) => {
  res.locals.csrf = () => generateToken(req);
  // For forms that also work without a session (add to cart, add to compare): a token only if a session exists.
  res.locals.csrfIfSession = () => (hasSession(req) ? generateToken(req) : '');
  next();
};
