import { Router } from 'express';
import { parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { formLimits } from '../../middleware/rate-limit.js';
import { WarrantyQuery } from './units.schemas.js';
import { warrantyOf } from './units.service.js';

/**
 * /warranty: anyone may check a serial's warranty (product, sale day, end, status); nothing about the buyer.
 * Limited per address, so serials cannot be walked.
 */
export function warrantyRoutes(): Router {
  const r = Router();
  const limit = formLimits({ name: 'warranty', windowMinutes: 15, limit: 30 });
  r.get('/warranty', allow.visitor, ...limit, async (req, res) => {
    const { serial } = parseInput(WarrantyQuery, req.query);
    res.set('Cache-Control', 'private, no-store');
    res.render('units/warranty', {
      title: req.t('warranty.title'),
      serial,
      results: serial ? await warrantyOf(serial) : null,
      noindex: true,
    });
  });
  return r;
}
