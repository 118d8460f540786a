import { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { config } from '../../config/env.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { renderInvalid } from '../../middleware/forms.js';
import { keepUploadError, uploadFiles } from '../../middleware/upload.js';
import { accessibleOrder, canAccessOrder } from '../../middleware/ownership.js';
import { findOrderById } from '../orders/orders.queries.js';
import type { Order } from '../../db/schema.js';
import * as payments from './payments.service.js';
import { CurrencyQuery, ProofInput, ProofParam } from './payments.schemas.js';

async function payView(req: Request, order: Order, currency: 'USD' | 'KHR') {
  const base = {
    title: req.t('payment.title', { number: order.number }),
    order,
    currency,
    noindex: true,
    scripts: ['/static/js/pay.js'],
    bakongAuto: Boolean(config.BAKONG_API_TOKEN),
  };
  if (order.status !== 'pending_payment') return { ...base, payment: null, qrDataUrl: null, unavailable: false };
  try {
    const payment = await payments.ensureKhqrPayment(order, currency);
    const qrDataUrl = await QRCode.toDataURL(payment.khqr!, { errorCorrectionLevel: 'M', margin: 2, scale: 8 });
    return { ...base, payment, qrDataUrl, unavailable: false };
  } catch (err) {
    if (err instanceof payments.PaymentUnavailableError)
      return { ...base, payment: null, qrDataUrl: null, unavailable: true };
    throw err;
  }
}

export function paymentRoutes(): Router {
  const r = Router();

  r.get('/orders/:number/pay', allow.owner, async (req, res) => {
    const order = await accessibleOrder(req);
    const { currency } = CurrencyQuery.parse(req.query);
    res.render('payments/pay', { ...(await payView(req, order, currency)), values: {}, errors: {} });
  });

  r.get('/orders/:number/pay/qr.png', allow.owner, async (req, res) => {
    const order = await accessibleOrder(req);
    const { currency } = CurrencyQuery.parse(req.query);
    if (order.status !== 'pending_payment') throw new NotFoundError();
    const payment = await payments.ensureKhqrPayment(order, currency);
    const png = await QRCode.toBuffer(payment.khqr!, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 10 });
    res
      .type('image/png')
      .set('Cache-Control', 'private, no-store')
      .set('Content-Disposition', `attachment; filename="KHQR-${order.number}-${currency}.png"`)
      .send(png);
  });

  r.get('/orders/:number/status', allow.owner, async (req, res) => {
    const order = await accessibleOrder(req);
    res.set('Cache-Control', 'no-store').json({ status: order.status, label: req.t(`orderStatus.${order.status}`) });
  });

  r.post(
    '/orders/:number/proof',
    allow.owner,
    ...uploadFiles('screenshot', 1),
    keepUploadError,
    async (req: Request, res: Response) => {
      const order = await accessibleOrder(req);
      try {
        if (res.locals.uploadError) throw res.locals.uploadError;
        const input = parseInput(ProofInput, req.body);
        const file = (req.files as Express.Multer.File[] | undefined)?.[0];
        await payments.submitProof(order, file?.buffer, input, req.user?.id ?? null);
        flash(req, 'success', req.t('payment.proofReceived'));
        res.redirect(303, `/orders/${order.number}`);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const { currency } = parseInput(CurrencyQuery, req.body);
        renderInvalid(req, res, 'payments/pay', err, await payView(req, order, currency));
      }
    },
  );

  r.get('/orders/:number/proofs/:id', allow.owner, async (req, res) => {
    const order = await accessibleOrder(req);
    const parsed = ProofParam.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError();
    const proof = await payments.findProof(parsed.data.id);
    if (!proof || proof.orderId !== order.id) throw new NotFoundError();
    res.set('Cache-Control', 'private, no-store').sendFile(payments.proofPath(proof.fileKey));
  });

  return r;
}

/** Staff view of a proof image (used by the payments queue). */
export async function staffProofFile(req: Request, id: number): Promise<string> {
  const proof = await payments.findProof(id);
  if (!proof) throw new NotFoundError();
  const order = await findOrderById(proof.orderId);
  if (!order || !canAccessOrder(req, order)) throw new NotFoundError();
  return payments.proofPath(proof.fileKey);
}
