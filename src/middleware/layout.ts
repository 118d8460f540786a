import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { cacheableUrl, cachedBodies } from '../lib/page-store.js';

/**
 * Stands for the CSRF token in a cached page body; each request puts its own token in its place. Random per
 * process, so no text a visitor types (a search, shown on the page) can be taken for it.
 */
const TOKEN = `csrf-${crypto.randomBytes(24).toString('hex')}`;

/**
 * Which cached body a request may share: the same URL, language and kind of reader (a visitor without a
 * session, one with a session, a customer, staff). Nothing else of the reader may be in a cached body.
 */
function bodyKey(view: string, req: Request, res: Response): string {
  const session = res.locals.csrfIfSession?.() ? 'session' : 'none';
  return `${view}\u0000${req.locale}\u0000${req.user?.role ?? session}\u0000${req.originalUrl}`;
}

/**
 * Renders every view inside views/layouts/main.ejs (or the layout named by `layout`),
 * so a page template holds only its own content.
 *
 * A catalog page that sets `cacheBody` (product, listing, search, home) keeps its rendered content for
 * CATALOG_CACHE_SECONDS, shared by every reader of the same kind (see bodyKey); the layout around it (header,
 * cart count, account menu, flash messages) is rendered for each request. A signed-in customer's catalog
 * page then costs a layout, not a whole page.
 */
export const withLayout: RequestHandler = (req, res, next) => {
  const render = res.render.bind(res);
  res.render = ((view: string, options?: Record<string, unknown>, callback?: (err: Error, html: string) => void) => {
    const locals = options ?? {};
    const done = (body: string) => {
      if (locals.layout === false) return callback ? callback(null as never, body) : res.send(body);
      const layout = typeof locals.layout === 'string' ? locals.layout : 'layouts/main';
      render(layout, { ...locals, body }, (err2: Error | null, html: string) => {
        if (callback) return callback(err2 as Error, html);
        if (err2) return next(err2);
        res.send(html);
      });
    };
    const key =
      locals.cacheBody === true && req.method === 'GET' && cacheableUrl(req.originalUrl)
        ? bodyKey(view, req, res)
        : undefined;
    const withToken = (body: string) => (body.includes(TOKEN) ? body.replaceAll(TOKEN, res.locals.csrf()) : body);
    const hit = key ? cachedBodies.peek(key) : undefined;
    if (hit !== undefined) {
      res.set('X-Body-Cache', 'hit');
      return done(withToken(hit));
    }
    const viewLocals = key
      ? { ...locals, csrf: () => TOKEN, csrfIfSession: () => (res.locals.csrfIfSession() ? TOKEN : '') }
      : locals;
    render(view, viewLocals, (err: Error | null, body: string) => {
      if (err) return callback ? callback(err, '') : next(err);
      if (key) cachedBodies.set(key, body);
      done(withToken(body));
    });
  }) as typeof res.render;
  next();
};
