import type { RequestHandler } from 'express';
import { config } from '../config/env.js';
import { cachedPages as pages } from '../lib/page-store.js';
import { SESSION_COOKIE } from './session.js';

const CACHEABLE = /^\/(?:$|\?|c\/|p\/|search(?:\?|$))/;

/**
 * A micro-cache of whole storefront pages for visitors without a session: such a page holds
 * nothing personal (no cart, no account, no form token), so the same HTML serves every visitor
 * with the same language for CATALOG_CACHE_SECONDS. Anyone with a session gets a fresh render.
 */
export const pageCache: RequestHandler = (req, res, next) => {
  if (
    config.CATALOG_CACHE_SECONDS <= 0 ||
    req.method !== 'GET' ||
    req.cookies?.[SESSION_COOKIE] ||
    !CACHEABLE.test(req.originalUrl)
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
