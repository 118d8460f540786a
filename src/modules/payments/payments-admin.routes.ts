import { Router } from 'express';
import { z } from 'zod';
import { ConflictError } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { flash } from '../../middleware/locals.js';
import * as payments from './payments.service.js';
import { staffProofFile } from './payments.routes.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const RejectInput = z.object({ reason: z.string({ error: 'errors.required' }).trim().min(3, 'errors.reasonRequired').max(300, 'errors.tooLong') });

/** /admin/payments: screenshots waiting for a decision (oldest first) and payments flagged by the checker. */
export function paymentsAdminRoutes(): Router {
  const r = Router();

  const page = async () => ({ queue: await payments.proofQueue(), flagged: await payments.flaggedPayments() });

  r.get('/', async (req, res) => {
    res.render('payments/admin-queue', { title: req.t('paymentsAdmin.title'), layout: 'layouts/admin', ...(await page()), errors: {}, values: {} });
  });

  r.get('/proofs/:id/image', async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    res.set('Cache-Control', 'private, no-store').sendFile(await staffProofFile(req, id));
  });

  r.post('/proofs/:id/approve', async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    try {
      const order = await payments.approveProof(id, req.user!.id);
      flash(req, 'success', req.t('paymentsAdmin.approved', { number: order.number }));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      res.status(409);
      flash(req, 'error', req.t(err.message));
    }
    res.redirect(303, '/admin/payments');
  });

  r.post('/proofs/:id/reject', async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const parsed = RejectInput.safeParse(req.body);
    if (!parsed.success) {
      return res.status(422).render('payments/admin-queue', {
        title: req.t('paymentsAdmin.title'), layout: 'layouts/admin', ...(await page()),
        errors: { [`reason-${id}`]: req.t(parsed.error.issues[0]?.message ?? 'errors.required') }, values: { [`reason-${id}`]: String(req.body?.reason ?? '') },
      });
    }
    try {
      const order = await payments.rejectProof(id, req.user!.id, parsed.data.reason);
      flash(req, 'success', req.t('paymentsAdmin.rejected', { number: order.number }));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      flash(req, 'error', req.t(err.message));
    }
    res.redirect(303, '/admin/payments');
  });

  return r;
}
