import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { parseInput } from '../../lib/validation.js';
import { flash } from '../../middleware/locals.js';
import { formLimits } from '../../middleware/rate-limit.js';
import { accessibleOrder, ownerOf } from '../../middleware/ownership.js';
import { getSettings } from '../settings/settings.service.js';
import { IS_PAID } from '../../domain/order-states.js';
import { findLines, findOrdersOfUser, findPaidPayments, findProofs, findStatusLog } from './orders.queries.js';
import * as orders from './orders.service.js';
import { findTrackedOrder, TrackInput } from './track.service.js';
import { invoicePdf } from './invoice-pdf.js';
import { serialsOfOrder } from '../units/units.service.js';
import { logInLanguage, proofsInLanguage } from './status-notes.js';
import { invoiceKind, withInvoiceNumber } from './invoice-number.js';
import { translator, type Locale } from '../../lib/i18n.js';
import { formatRielFromUsd } from '../../domain/money.js';

export function orderRoutes(): Router {
  const r = Router();
  const trackLimit = formLimits({ name: 'track', windowMinutes: 15, limit: 20 });

  r.get('/orders', allow.customer, async (req, res) => {
    res.render('orders/list', {
      title: req.t('orders.title'),
      orders: await findOrdersOfUser(req.user!.id),
      noindex: true,
    });
  });

  r.get('/orders/:number', allow.owner, async (req, res) => {
    const order = await accessibleOrder(req);
    const [lines, log, paid, proofs] = await Promise.all([
      findLines(order.id),
      findStatusLog(order.id),
      findPaidPayments(order.id),
      findProofs(order.id),
    ]);
    res.render('orders/show', {
      title: req.t('orders.orderTitle', { number: order.number }),
      order,
      lines,
      log: logInLanguage(log, req.t),
      paid,
      proofs: proofsInLanguage(proofs, req.t),
      isPaid: IS_PAID.includes(order.status),
      noindex: true,
    });
  });

  r.post('/orders/:number/cancel', allow.owner, async (req, res) => {
    const order = await accessibleOrder(req);
    await orders.cancelByCustomer(order, req.user?.id ?? null);
    flash(req, 'success', req.t('orders.cancelled'));
    res.redirect(303, `/orders/${order.number}`);
  });

  r.post('/orders/:number/reorder', allow.owner, async (req, res) => {
    const order = await accessibleOrder(req);
    const result = await orders.reorder(order, ownerOf(req));
    if (!req.user) req.session.cartId = result.cartId;
    if (result.added.length) flash(req, 'success', req.t('orders.reorderAdded', { items: result.added.join(', ') }));
    if (result.skipped.length)
      flash(req, 'error', req.t('orders.reorderSkipped', { items: result.skipped.join(', ') }));
    res.redirect(303, '/cart');
  });

  // Orders paid before invoice numbers existed get theirs on the first view (withInvoiceNumber).
  r.get('/orders/:number/invoice', allow.owner, async (req, res) => {
    const order = await withInvoiceNumber(await accessibleOrder(req));
    const shop = await getSettings();
    const langs = (order.locale === 'km' ? ['km', 'en'] : ['en', 'km']) as Locale[];
    res.render('orders/invoice', {
      title: req.t('invoice.title', { number: order.invoiceNumber ?? order.number }),
      order,
      lines: await findLines(order.id),
      serials: await serialsOfOrder(order.id),
      shop,
      kind: invoiceKind(order, shop.vatNumber),
      langs: langs.map((code) => ({ code, t: translator(code) })),
      vatRate: String(Number(order.vatRate)),
      rate: order.khrPerUsd.toLocaleString('en-US'),
      orderRiel: (usd: string) => formatRielFromUsd(usd, order.khrPerUsd),
      layout: 'layouts/print',
      noindex: true,
    });
  });

  r.get('/orders/:number/invoice.pdf', allow.owner, async (req, res) => {
    const order = await withInvoiceNumber(await accessibleOrder(req));
    const pdf = await invoicePdf(order, await findLines(order.id), await getSettings(), await serialsOfOrder(order.id));
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="invoice-${order.invoiceNumber ?? order.number}.pdf"`)
      .send(pdf);
  });

  r.get('/track', allow.visitor, (req, res) => {
    res.render('orders/track', { title: req.t('track.title'), noindex: true });
  });

  r.post('/track', allow.visitor, ...trackLimit, async (req, res) => {
    const input = parseInput(TrackInput, req.body);
    const order = await findTrackedOrder(input);
    if (!order) {
      return res.status(404).render('orders/track', {
        title: req.t('track.title'),
        values: { number: input.number, contact: input.contact },
        errors: { _form: req.t('track.notFound') },
      });
    }
    req.session.guestOrders = [...new Set([...(req.session.guestOrders ?? []), order.number])].slice(-20);
    res.redirect(303, `/orders/${order.number}`);
  });

  return r;
}
