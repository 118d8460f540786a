import { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { config } from '../../config/env.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { generateKhqr } from '../../lib/khqr/khqr.js';
import { centsToDecimal, parseMoneyInput } from '../../lib/money.js';
import { requireStaff } from '../../middleware/auth.js';
import { flash } from '../../middleware/locals.js';
import { findLines, findOrderByNumber } from '../orders/orders.queries.js';
import { shopAccount } from '../payments/payments.service.js';
import { getSettings } from '../settings/settings.service.js';
import { adminForApprovalCode, currentApprovalCode } from './approval.service.js';
import { endOfDay, drawerCents } from './end-of-day.queries.js';
import * as pos from './pos.service.js';
import { returnLines } from './returns.service.js';
import { counterKhqrPaid, posBakongClient } from './pos-khqr.js';

const Qty = z.coerce.number().int().min(0).max(999);
const VariantParam = z.object({ id: z.coerce.number().int().positive() });
const draftOf = (req: Request): pos.PosDraft => (req.session.pos ??= pos.emptyDraft());
const isAdmin = (req: Request) => req.user?.role === 'admin';

async function screen(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
  const draft = draftOf(req);
  const sale = await pos.priceDraft(draft);
  const q = typeof req.query.q === 'string' ? req.query.q : '';
  const matches = q ? await pos.searchVariants(q) : [];
  let khqr: { dataUrl: string; amount: string; auto: boolean } | null = null;
  if (req.query.pay === 'khqr' && sale.totalCents > 0) {
    draft.number ??= pos.posNumber();
    const amount = centsToDecimal(sale.totalCents);
    const code = generateKhqr(shopAccount(), { currency: 'USD', amount, billNumber: draft.number, expiresAt: new Date(Date.now() + 15 * 60_000) });
    draft.khqr = { md5: code.md5, amount, number: draft.number };
    khqr = { dataUrl: await QRCode.toDataURL(code.qr, { margin: 2, scale: 7 }), amount, auto: Boolean(posBakongClient()) };
  }
  res.status(status).render('pos/screen', {
    title: req.t('pos.title'), layout: 'layouts/admin', styles: ['/static/css/pos.css'], scripts: ['/static/js/pos.js'],
    sale, draft, q, matches, khqr, rate: config.KHR_PER_USD, approvalCode: isAdmin(req) ? await currentApprovalCode(req.user!.id) : null,
    values: {}, errors: {}, ...extra,
  });
}

function addLine(draft: pos.PosDraft, variantId: number, quantity = 1) {
  const line = draft.lines.find((l) => l.variantId === variantId);
  if (line) line.quantity += quantity;
  else draft.lines.push({ variantId, quantity, discountCents: 0 });
}

export function posRoutes(): Router {
  const r = Router();
  r.use(requireStaff);

  r.get('/', (req, res) => screen(req, res));

  r.get('/search.json', async (req, res) => {
    res.json({ matches: await pos.searchVariants(String(req.query.q ?? ''), 10) });
  });

  // A scanned barcode or exact SKU is added at once; anything else lists matches.
  r.post('/scan', async (req, res) => {
    const code = String(req.body?.code ?? '').trim();
    const hit = await pos.findByCode(code);
    if (hit) {
      addLine(draftOf(req), Number(hit.variantId));
      if (hit.stock <= 0) flash(req, 'error', req.t('pos.noStock', { sku: hit.sku }));
      return res.redirect(303, '/pos');
    }
    res.redirect(303, `/pos?q=${encodeURIComponent(code)}`);
  });

  r.post('/lines/:id', (req, res) => {
    const { id } = VariantParam.parse(req.params);
    addLine(draftOf(req), id);
    res.redirect(303, '/pos');
  });

  r.post('/lines/:id/quantity', (req, res) => {
    const { id } = VariantParam.parse(req.params);
    const qty = Qty.safeParse(req.body?.quantity);
    const draft = draftOf(req);
    if (!qty.success) flash(req, 'error', req.t('errors.quantity'));
    else if (qty.data === 0) draft.lines = draft.lines.filter((l) => l.variantId !== id);
    else draft.lines = draft.lines.map((l) => (l.variantId === id ? { ...l, quantity: qty.data } : l));
    res.redirect(303, '/pos');
  });

  r.post('/discount', async (req, res) => {
    const cents = parseMoneyInput(req.body?.amount);
    const approver = isAdmin(req) ? req.user!.id : await adminForApprovalCode(String(req.body?.approvalCode ?? ''));
    const errors: Record<string, string> = {};
    if (cents === null) errors.amount = req.t('errors.money');
    if (!approver) errors.approvalCode = req.t('errors.approvalCode');
    if (Object.keys(errors).length) return screen(req, res, { errors, values: { amount: String(req.body?.amount ?? ''), target: String(req.body?.target ?? 'sale') } }, 422);
    const draft = draftOf(req);
    const target = String(req.body?.target ?? 'sale');
    if (target === 'sale') draft.saleDiscountCents = cents!;
    else draft.lines = draft.lines.map((l) => (String(l.variantId) === target ? { ...l, discountCents: cents! } : l));
    flash(req, 'success', req.t('pos.discountApplied'));
    res.redirect(303, '/pos');
  });

  r.post('/customer', async (req, res) => {
    try {
      draftOf(req).customer = await pos.findOrCreateCustomer(String(req.body?.phone ?? ''), String(req.body?.name ?? ''));
      res.redirect(303, '/pos');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, req.t(v)]));
      screen(req, res, { errors, values: { phone: String(req.body?.phone ?? ''), name: String(req.body?.name ?? '') } }, 422);
    }
  });

  r.post('/clear', (req, res) => {
    req.session.pos = pos.emptyDraft();
    res.redirect(303, '/pos');
  });

  // Polled by the POS screen while a KHQR is shown: has the customer's payment reached the shop?
  r.get('/khqr-status', async (req, res) => {
    const k = draftOf(req).khqr;
    if (!k) return res.json({ paid: false });
    const result = await counterKhqrPaid(k);
    res.set('Cache-Control', 'no-store').json({ paid: result.paid });
  });

  r.post('/complete', async (req, res) => {
    const method = z.enum(['cash', 'khqr', 'split']).catch('cash').parse(req.body?.method);
    const usd = req.body?.tenderedUsd ? parseMoneyInput(req.body.tenderedUsd) : 0;
    const khr = req.body?.tenderedKhr ? Number(String(req.body.tenderedKhr).replace(/[,\s]/g, '')) : 0;
    const khqr = req.body?.khqrAmount ? parseMoneyInput(req.body.khqrAmount) : 0;
    const values = { tenderedUsd: String(req.body?.tenderedUsd ?? ''), tenderedKhr: String(req.body?.tenderedKhr ?? ''), khqrAmount: String(req.body?.khqrAmount ?? ''), method };
    if (usd === null || !Number.isInteger(khr) || khr < 0 || khqr === null) return screen(req, res, { errors: { tenderedUsd: req.t('errors.money') }, values }, 422);
    try {
      const draft = draftOf(req);
      // With a Bakong token, a KHQR sale is only completed once Bakong confirms it (the transaction is recorded).
      let confirmed: Awaited<ReturnType<typeof counterKhqrPaid>> | null = null;
      if (method === 'khqr' && draft.khqr && posBakongClient()) {
        confirmed = await counterKhqrPaid(draft.khqr);
        if (!confirmed.paid && req.body?.manual !== '1') return screen(req, res, { errors: { _form: req.t('errors.posKhqrNotPaid') }, values }, 409);
      }
      const { order } = await pos.completeSale(draft, { method, tenderedUsdCents: usd, tenderedKhr: khr, khqrCents: khqr, khqrHash: confirmed?.hash ?? null, khqrPayer: confirmed?.payer ?? null }, req.user!.id);
      req.session.pos = pos.emptyDraft();
      res.redirect(303, `/pos/receipt/${order.number}`);
    } catch (err) {
      if (err instanceof pos.PosStockError) return screen(req, res, { errors: { _form: req.t('errors.posStockShort', { sku: err.sku, name: err.productName, count: err.available }) }, values }, 409);
      if (err instanceof ValidationError) return screen(req, res, { errors: Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, req.t(v)])), values }, 422);
      throw err;
    }
  });

  r.get('/receipt/:number', async (req, res) => {
    const order = await findOrderByNumber(String(req.params.number));
    if (!order) throw new NotFoundError();
    res.render('pos/receipt', { title: req.t('pos.receipt', { number: order.number }), layout: 'layouts/print', styles: ['/static/css/pos.css'], order, lines: await findLines(order.id), shop: await getSettings(), cashier: req.user!.id === order.cashierId ? req.user!.name : null });
  });

  r.get('/returns', async (req, res) => {
    const number = String(req.query.number ?? '').trim().toUpperCase();
    const order = number ? await findOrderByNumber(number) : undefined;
    res.render('pos/returns', { title: req.t('pos.returns'), layout: 'layouts/admin', number, order, lines: order ? await findLines(order.id) : [], values: {}, errors: {} });
  });

  r.post('/returns/:number', async (req, res) => {
    const number = String(req.params.number);
    const approver = isAdmin(req) ? req.user!.id : await adminForApprovalCode(String(req.body?.approvalCode ?? ''));
    if (!approver) throw new ForbiddenError('errors.refundNeedsAdmin');
    const quantities: Record<number, number> = {};
    for (const [k, v] of Object.entries(req.body ?? {})) {
      const m = /^qty_(\d+)$/.exec(k);
      if (m && v !== '') quantities[Number(m[1])] = Number(v);
    }
    try {
      const method = z.enum(['cash', 'khqr', 'other']).catch('cash').parse(req.body?.method);
      const { refundCents } = await returnLines(number, quantities, String(req.body?.reason ?? ''), method, req.user!.id);
      flash(req, 'success', req.t('pos.returned', { amount: centsToDecimal(refundCents) }));
      res.redirect(303, `/pos/returns?number=${number}`);
    } catch (err) {
      if (!(err instanceof ValidationError || err instanceof ConflictError)) throw err;
      const order = await findOrderByNumber(number);
      const errors = err instanceof ValidationError ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, req.t(v)])) : { _form: req.t(err.message) };
      res.status(422).render('pos/returns', { title: req.t('pos.returns'), layout: 'layouts/admin', number, order, lines: order ? await findLines(order.id) : [], values: req.body, errors });
    }
  });

  r.get('/end-of-day', async (req, res) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(String(req.query.date)) ? String(req.query.date) : new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const report = await endOfDay(day);
    res.render('pos/end-of-day', { title: req.t('pos.endOfDay'), layout: 'layouts/admin', day, report, drawer: drawerCents });
  });

  return r;
}
