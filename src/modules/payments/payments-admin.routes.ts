import { Router, type Request, type Response } from 'express';
import { ConflictError } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { keptValues } from '../../middleware/forms.js';
import * as payments from './payments.service.js';
import { staffProofFile } from './payments.routes.js';
import { ProofParam as IdParam, RejectInput } from './payments.schemas.js';

const page = async () => ({ queue: await payments.proofQueue(), flagged: await payments.flaggedPayments() });

/** The queue again with a 409 and why: the proof was decided or its order changed meanwhile. */
async function renderConflict(req: Request, res: Response, err: ConflictError) {
  res.status(409).render('payments/admin-queue', {
    title: req.t('paymentsAdmin.title'),
    layout: 'layouts/admin',
    ...(await page()),
    errors: { _form: req.t(err.message) },
    values: {},
  });
}

/** /admin/payments: screenshots waiting for a decision (oldest first) and payments flagged by the checker. */
export function paymentsAdminRoutes(): Router {
  const r = Router();

  r.get('/', allow.staff, async (req, res) => {
    res.render('payments/admin-queue', {
      title: req.t('paymentsAdmin.title'),
      layout: 'layouts/admin',
      ...(await page()),
      errors: {},
      values: {},
    });
  });

  r.get('/proofs/:id/image', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    res.set('Cache-Control', 'private, no-store').sendFile(await staffProofFile(req, id));
  });

  r.post('/proofs/:id/approve', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    try {
      const order = await payments.approveProof(id, req.user!.id);
      flash(req, 'success', req.t('paymentsAdmin.approved', { number: order.number }));
      res.redirect(303, '/admin/payments');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      await renderConflict(req, res, err);
    }
  });

  r.post('/proofs/:id/reject', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const parsed = RejectInput.safeParse(req.body);
    if (!parsed.success) {
      return res.status(422).render('payments/admin-queue', {
        title: req.t('paymentsAdmin.title'),
        layout: 'layouts/admin',
        ...(await page()),
        errors: { [`reason-${id}`]: req.t(parsed.error.issues[0]?.message ?? 'errors.required') },
        values: { [`reason-${id}`]: keptValues(req.body).reason ?? '' },
      });
    }
    try {
      const order = await payments.rejectProof(id, req.user!.id, parsed.data.reason);
      flash(req, 'success', req.t('paymentsAdmin.rejected', { number: order.number }));
      res.redirect(303, '/admin/payments');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      await renderConflict(req, res, err);
    }
  });

  return r;
}
