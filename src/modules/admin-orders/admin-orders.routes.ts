import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { flash } from '../../middleware/locals.js';
import { renderInvalid } from '../../middleware/forms.js';
import { findLines, findOrderByNumber, findPaidPayments, findProofs, findStatusLog } from '../orders/orders.queries.js';
import { getSettings } from '../settings/settings.service.js';
import { allOrders, findRefunds, listOrders, OrderFilters, ADMIN_PAGE_SIZE } from './admin-orders.queries.js';
import { availableActions, runAction, type OrderAction } from './admin-orders.service.js';

const ACTIONS = ['confirm', 'ready', 'ship', 'complete', 'cancel', 'refund'] as const;
const csvCell = (v: unknown) => {
  const s = v instanceof Date ? v.toISOString() : String(v ?? '');
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s;
};

async function detail(req: Request, number: string) {
  const order = await findOrderByNumber(number);
  if (!order) throw new NotFoundError();
  const [lines, log, paid, proofs, refunds] = await Promise.all([findLines(order.id), findStatusLog(order.id), findPaidPayments(order.id), findProofs(order.id), findRefunds(order.id)]);
  return { title: req.t('adminOrders.orderTitle', { number: order.number }), layout: 'layouts/admin', order, lines, log, paid, proofs, refunds, actions: availableActions(order, req.user!.role === 'admin') };
}

export function adminOrderRoutes(): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const filters = OrderFilters.parse(req.query);
    const { rows, total } = await listOrders(filters);
    const qs = new URLSearchParams(Object.entries({ ...filters, page: undefined }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]).toString();
    res.render('admin/orders/list', { title: req.t('adminOrders.title'), layout: 'layouts/admin', filters, rows, total, pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)), qs });
  });

  r.get('/export.csv', async (req, res) => {
    const filters = OrderFilters.parse(req.query);
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="orders-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.write('\uFEFFnumber,placed_at,channel,status,customer,email,phone,payment_method,delivery,items,grand_total_usd\n');
    for await (const batch of allOrders(filters)) {
      res.write(batch.map((o) => [o.number, o.placedAt, o.channel, o.status, o.customerName, o.customerEmail, o.customerPhone, o.paymentMethod, o.deliveryMethod, o.items, o.grandTotal].map(csvCell).join(',')).join('\n') + '\n');
    }
    res.end();
  });

  r.get('/:number', async (req, res) => {
    res.render('admin/orders/show', { ...(await detail(req, String(req.params.number))), values: {}, errors: {} });
  });

  r.get('/:number/packing-slip', async (req, res) => {
    const d = await detail(req, String(req.params.number));
    res.render('admin/orders/packing-slip', { ...d, layout: 'layouts/print', shop: await getSettings() });
  });

  r.post('/:number/:action', async (req: Request, res: Response) => {
    const action = z.enum(ACTIONS).safeParse(req.params.action);
    if (!action.success) throw new NotFoundError();
    const order = await findOrderByNumber(String(req.params.number));
    if (!order) throw new NotFoundError();
    const isAdmin = req.user!.role === 'admin';
    if (action.data === 'refund' && !isAdmin) throw new ForbiddenError();
    try {
      await runAction(order.id, action.data as OrderAction, req.body ?? {}, { id: req.user!.id, isAdmin });
      flash(req, 'success', req.t(`adminOrders.done.${action.data}`, { number: order.number }));
      res.redirect(303, `/admin/orders/${order.number}`);
    } catch (err) {
      if (err instanceof ValidationError) return renderInvalid(req, res, 'admin/orders/show', err, { ...(await detail(req, order.number)), openAction: action.data });
      if (err instanceof ConflictError) {
        res.status(409);
        return res.render('admin/orders/show', { ...(await detail(req, order.number)), values: {}, errors: { _form: req.t('errors.illegalTransition') } });
      }
      throw err;
    }
  });

  return r;
}
