import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { parseInput } from '../../lib/validation.js';
import { SuggestQuery } from './catalog.schemas.js';
import { suggest } from './suggest.service.js';

/** The search box's suggestions while typing: JSON for public/js/search-suggest.js. */
export function suggestRoutes(): Router {
  const r = Router();
  r.get('/search/suggest', allow.visitor, async (req, res) => {
    const { q } = parseInput(SuggestQuery, req.query);
    // Per visitor (the names are in their language), briefly: typing the same letters again is instant.
    res.set('Cache-Control', 'private, max-age=60');
    res.json({ q, items: await suggest(q, req.locale) });
  });
  return r;
}
