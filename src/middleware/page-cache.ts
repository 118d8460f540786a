import type { Request, RequestHandler, Response } from 'express';
import { config } from '../config/env.js';
import { cacheableUrl, cachedPages as pages } from '../lib/page-store.js';
import { SESSION_COOKIE } from './session.js';

const CACHEABLE = /^\/(?:$|\?|c\/|p\/|search(?:\?|$))/;

/**
 * A micro-cache of whole storefront pages for visitors without a session: such a page holds
 * nothing personal (no cart, no account, no form token), so the same HTML serves every visitor
 * with the same language for CATALOG_CACHE_SECONDS. Anyone with a session gets a fresh render.
 */
export const pageCache: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') cacheHeaders(req, res);
  if (
    config.CATALOG_CACHE_SECONDS <= 0 ||
    req.method !== 'GET' ||
    req.cookies?.[SESSION_COOKIE] ||
    !CACHEABLE.test(req.originalUrl) ||
    !cacheableUrl(req.originalUrl)
  )
    return next();
  const key = `${req.locale}|${req.originalUrl}`;
  const hit = pages.peek(key);
  if (hit) {
    res.set('X-Page-Cache', 'hit');
    res.locals.trackAs = hit.track;
    return res.type(hit.type).send(hit.body);
  }
  const send = res.send.bind(res);
  res.send = ((body: unknown) => {
    if (res.statusCode === 200 && typeof body === 'string' && !res.getHeader('set-cookie') && !req.session?.csrfToken) {
      pages.set(key, {
        body,
        type: String(res.getHeader('content-type') ?? 'text/html; charset=utf-8'),
        track: res.locals.trackAs,
      });
    }
    return send(body);
  }) as typeof res.send;
  next();
};

/** How long a shared cache (a reverse proxy, a CDN) may keep an anonymous storefront page. */
const SHARED_SECONDS = 30;
/** ...and may go on serving it while it fetches a fresh one. */
const STALE_SECONDS = 60;

/**
 * HTTP caching for proxies and browsers (deploy/nginx.conf): an anonymous storefront page (no
 * session, no cookie set, nothing personal) is `public` for a shared cache for SHARED_SECONDS and
 * revalidated by its ETag (Express answers If-None-Match with 304); anything for a session is
 * `private, no-store`. A price or stock change reaches visitors within SHARED_SECONDS (the app's own
 * page cache is emptied at once by clearCatalogCaches()).
 */
function cacheHeaders(req: Request, res: Response): void {
  const send = res.send.bind(res);
  res.send = ((body: unknown) => {
    if (!res.getHeader('Cache-Control')) {
      const personal = Boolean(req.cookies?.[SESSION_COOKIE] || res.getHeader('set-cookie') || req.session?.csrfToken);
      if (personal) res.set('Cache-Control', 'private, no-store');
      else if (res.statusCode === 200 && CACHEABLE.test(req.originalUrl)) {
        res.set(
          'Cache-Control',
          `public, max-age=0, s-maxage=${SHARED_SECONDS}, stale-while-revalidate=${STALE_SECONDS}`,
        );
        // The language comes from the `lang` cookie or Accept-Language.
        res.vary('Accept-Language').vary('Cookie');
      }
    }
    return send(body);
  }) as typeof res.send;
}
