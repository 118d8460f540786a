import { Router, type Request, type Response } from 'express';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { csvLine } from '../../lib/csv.js';
import { shopDateTime, shopDay } from '../../domain/shop-time.js';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { keptValues, renderInvalid } from '../../middleware/forms.js';
import { findLines, findOrderByNumber, findPaidPayments, findProofs, findStatusLog } from '../orders/orders.queries.js';
import { getSettings } from '../settings/settings.service.js';
import { db } from '../../db/client.js';
import { pickSerials, serialsOfOrder, serialsToPick } from '../units/units.service.js';
import { logInLanguage, proofsInLanguage } from '../orders/status-notes.js';
import {
  allOrders,
  findRefunds,
  listOrders,
  OrderFilters,
  ADMIN_PAGE_SIZE,
  payLaterCounts,
} from './admin-orders.queries.js';
import {
  CancelInput,
  ActionParam,
  DispatchInput,
  HandoverInput,
  RefuseInput,
  OrderNumberParam,
  RefundInput,
  ShipInput,
  PickInput,
  VariantIdParam,
  type ActionInput,
  type OrderAction,
} from './admin-orders.schemas.js';
import { availableActions, cancelRefunds, runAction } from './admin-orders.service.js';

/** The order named in the URL; a malformed or unknown number is 404. */
async function orderFrom(req: Request) {
  const params = OrderNumberParam.safeParse(req.params);
  const order = params.success ? await findOrderByNumber(params.data.number) : undefined;
  if (!order) throw new NotFoundError();
  return order;
}

async function detail(req: Request) {
  const order = await orderFrom(req);
  const [lines, log, paid, proofs, refunds, serials, toPick] = await Promise.all([
    findLines(order.id),
    findStatusLog(order.id),
    findPaidPayments(order.id),
    findProofs(order.id),
    findRefunds(order.id),
    serialsOfOrder(order.id),
    serialsToPick(db, order.id),
  ]);
  return {
    title: req.t('adminOrders.orderTitle', { number: order.number }),
    layout: 'layouts/admin',
    order,
    lines,
    log: logInLanguage(log, req.t),
    paid,
    proofs: proofsInLanguage(proofs, req.t),
    refunds,
    serials,
    // Lines known by serial still to pick before the order goes out (not for orders already closed).
    toPick: ['cancelled', 'refunded', 'completed'].includes(order.status) ? [] : toPick,
    actions: availableActions(order, req.user!.role === 'admin'),
    cancelRefunds: cancelRefunds(order),
  };
}

function parseAction(action: OrderAction, body: unknown): ActionInput {
  switch (action) {
    case 'ship':
      return { action, ...parseInput(ShipInput, body) };
    case 'cancel':
      return { action, ...parseInput(CancelInput, body) };
    case 'refund':
      return { action, ...parseInput(RefundInput, body) };
    case 'dispatch':
      return { action, ...parseInput(DispatchInput, body) };
    case 'refuse':
      return { action, ...parseInput(RefuseInput, body) };
    case 'handover':
      return { action, ...parseInput(HandoverInput, body) };
    default:
      return { action };
  }
}

/** Runs an action: 303 back to the order, 422 with the form kept, 409 when the order no longer allows it. */
async function act(req: Request, res: Response, action: OrderAction) {
  const order = await orderFrom(req);
  const isAdmin = req.user!.role === 'admin';
  // Refuse the wrong role before judging the form (the service checks again under the lock).
  if (!isAdmin && !availableActions(order, false).includes(action) && availableActions(order, true).includes(action))
    throw new ForbiddenError('errors.adminOnlyAction');
  try {
    const done = await runAction(order.id, parseAction(action, req.body), { id: req.user!.id, isAdmin });
    flash(
      req,
      'success',
      req.t(`adminOrders.done.${action === 'cancel' && done.status === 'refunded' ? 'cancelRefunded' : action}`, {
        number: order.number,
      }),
    );
    res.redirect(303, `/admin/orders/${order.number}`);
  } catch (err) {
    if (err instanceof ValidationError)
      return renderInvalid(req, res, 'admin/orders/show', err, { ...(await detail(req)), openAction: action });
    if (err instanceof ConflictError) {
      res.status(409);
      return res.render('admin/orders/show', {
        ...(await detail(req)),
        values: {},
        errors: { _form: req.t(err.message, err.vars) },
      });
    }
    throw err;
  }
}

export function adminOrderRoutes(): Router {
  const r = Router();

  r.get('/', allow.staff, async (req, res) => {
    const filters = OrderFilters.parse(req.query);
    const [{ rows, total }, queues] = await Promise.all([listOrders(filters), payLaterCounts()]);
    const qs = new URLSearchParams(
      Object.entries({ ...filters, page: undefined }).filter(([, v]) => v !== undefined && v !== '') as [
        string,
        string,
      ][],
    ).toString();
    res.render('admin/orders/list', {
      title: req.t('adminOrders.title'),
      layout: 'layouts/admin',
      filters,
      rows,
      total,
      pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
      qs,
      queues,
    });
  });

  r.get('/export.csv', allow.staff, async (req, res) => {
    const filters = OrderFilters.parse(req.query);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="orders-${shopDay(new Date())}.csv"`);
    const header = [
      'number',
      'placed_at_phnom_penh',
      'channel',
      'status',
      'customer',
      'email',
      'phone',
      'payment_method',
    ];
    res.write(`\uFEFF${csvLine([...header, 'delivery', 'items', 'grand_total_usd'])}`);
    for await (const batch of allOrders(filters)) {
      res.write(
        batch
          .map((o) =>
            csvLine([
              o.number,
              shopDateTime(o.placedAt),
              o.channel,
              o.status,
              o.customerName,
              o.customerEmail,
              o.customerPhone,
              o.paymentMethod,
              o.deliveryMethod,
              o.items,
              o.grandTotal,
            ]),
          )
          .join(''),
      );
    }
    res.end();
  });

  r.get('/:number', allow.staff, async (req, res) => {
    res.render('admin/orders/show', { ...(await detail(req)), values: {}, errors: {} });
  });

  r.get('/:number/packing-slip', allow.staff, async (req, res) => {
    const d = await detail(req);
    res.render('admin/orders/packing-slip', { ...d, layout: 'layouts/print', shop: await getSettings() });
  });

  // Refunds move money: admins only, declared here; the other actions check the order's state (and,
  // for cancelling a paid order, the admin role) under the order's lock in the service.
  r.post('/:number/refund', allow.admin, (req, res) => act(req, res, 'refund'));

  // Packing: the serials of the units going out, for a line tracked by serial.
  r.post('/:number/serials/:variantId', allow.staff, async (req, res) => {
    const d = await detail(req);
    const { variantId } = parseInput(VariantIdParam, req.params);
    try {
      await pickSerials(d.order.id, variantId, parseInput(PickInput, req.body).serials, req.user!.id);
      flash(req, 'success', req.t('adminOrders.serialsPicked'));
      res.redirect(303, `/admin/orders/${d.order.number}`);
    } catch (err) {
      if (err instanceof ConflictError)
        return res.status(409).render('admin/orders/show', {
          ...d,
          values: keptValues(req.body),
          errors: { _form: req.t(err.message, err.vars) },
        });
      if (!(err instanceof ValidationError)) throw err;
      renderInvalid(req, res, 'admin/orders/show', err, { ...d, values: {} });
    }
  });

  r.post('/:number/:action', allow.staff, async (req, res) => {
    const action = ActionParam.safeParse(req.params);
    if (!action.success) throw new NotFoundError();
    await act(req, res, action.data.action);
  });

  return r;
}
