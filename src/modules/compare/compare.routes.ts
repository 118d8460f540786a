import { Router, type Request, type RequestHandler, type Response } from 'express';
import { allow } from '../../middleware/access.js';
import { AppError } from '../../lib/errors.js';
import { parseInput, ReturnTo } from '../../lib/validation.js';
import { flash } from '../../middleware/locals.js';
import { type AddOutcome, addToCompare, COMPARE_LIMIT, loadComparison } from './compare.service.js';
import { AddToCompareInput, CompareItemParam, CompareQuery } from './compare.schemas.js';

/** The header's "Compare (n)" link, for every page (the list is in the session: no query). */
export const compareCountLocals: RequestHandler = (req, res, next) => {
  res.locals.compareCount = req.session?.compare?.length ?? 0;
  next();
};

/** A malformed id is the client's mistake (400), never a 500 nor a silent redirect. */
function idOr400(parsed: { success: true; data: { productId: number } } | { success: false }): number {
  if (!parsed.success) throw new AppError('errors.badRequest', 400, 'bad_request', true);
  return parsed.data.productId;
}

const listOf = (req: Request): number[] => (Array.isArray(req.session.compare) ? req.session.compare : []);
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

const OUTCOME: Record<AddOutcome, { key: string; type: 'success' | 'info' | 'error'; status: number }> = {
  added: { key: 'compare.added', type: 'success', status: 200 },
  already: { key: 'compare.already', type: 'info', status: 200 },
  full: { key: 'compare.full', type: 'error', status: 409 },
  unavailable: { key: 'compare.unavailable', type: 'error', status: 404 },
};

/** A script gets the message, the new count and a fresh token (the first add may have started the session). */
function answer(req: Request, res: Response, message: string, type: 'success' | 'info' | 'error', status = 200) {
  const count = listOf(req).length;
  if (wantsJson(req)) return res.status(status).json({ message, count, csrf: (res.locals.csrf as () => string)() });
  flash(req, type, message);
  res.redirect(303, parseInput(ReturnTo('/compare'), req.body).returnTo);
}

/** The compare page: a visitor's list lives in the session, so every action works without JavaScript. */
export function compareRoutes(): Router {
  const r = Router();

  r.get('/compare', allow.visitor, async (req, res) => {
    const { only } = parseInput(CompareQuery, req.query);
    const comparison = await loadComparison(listOf(req));
    // Products no longer sold leave the list (the page says which).
    if (req.session.compare && comparison.list.length !== req.session.compare.length)
      req.session.compare = comparison.list;
    res.render('compare/compare', {
      title: req.t('compare.title'),
      comparison,
      onlyDifferences: only,
      limit: COMPARE_LIMIT,
      noindex: true,
      styles: ['/static/css/compare.css'],
      scripts: ['/static/js/compare.js'],
    });
  });

  r.post('/compare/items', allow.visitor, async (req, res) => {
    const productId = idOr400(AddToCompareInput.safeParse(req.body ?? {}));
    const { outcome, list } = await addToCompare(listOf(req), productId);
    // A refused first add starts no list (nor a session of its own).
    if (outcome === 'added' || req.session.compare) req.session.compare = list;
    const o = OUTCOME[outcome];
    answer(req, res, req.t(o.key, { n: list.length, limit: COMPARE_LIMIT }), o.type, o.status);
  });

  r.post('/compare/items/:productId/remove', allow.visitor, async (req, res) => {
    const productId = idOr400(CompareItemParam.safeParse(req.params));
    if (req.session.compare) req.session.compare = req.session.compare.filter((id) => id !== productId);
    answer(req, res, req.t('compare.removed'), 'success');
  });

  r.post('/compare/clear', allow.visitor, async (req, res) => {
    if (req.session.compare) req.session.compare = [];
    answer(req, res, req.t('compare.cleared'), 'success');
  });

  return r;
}
