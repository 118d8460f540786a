import { Router } from 'express';
import { parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { formLimits } from '../../middleware/rate-limit.js';
import { WarrantyQuery } from './units.schemas.js';
import { leavingWarranty, warrantyOf, warrantyOfOrder } from './units.service.js';

/**
 * /warranty: anyone may check a serial's warranty (product, sale day, end, status); nothing about the buyer.
 * Limited per address, so serials cannot be walked.
 */
export function warrantyRoutes(): Router {
  const r = Router();
  const limit = formLimits({ name: 'warranty', windowMinutes: 15, limit: 30 });
  r.get('/warranty', allow.visitor, ...limit, async (req, res) => {
    const { serial, order, phone } = parseInput(WarrantyQuery, req.query);
    res.set('Cache-Control', 'private, no-store');
    res.render('units/warranty', {
      title: req.t('warranty.title'),
      serial,
      order,
      phone,
      results: serial ? await warrantyOf(serial) : order || phone ? await warrantyOfOrder(order, phone) : null,
      noindex: true,
    });
  });

  // The back office: units whose warranty ends in the next 30 days (whom to call before it does).
  r.get('/admin/warranty', allow.staff, async (req, res) => {
    res.render('admin/warranty', {
      title: req.t('warranty.adminTitle'),
      layout: 'layouts/admin',
      units: await leavingWarranty(30),
    });
  });
  return r;
}
