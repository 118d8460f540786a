import { Router, type Request } from 'express';
import { PURCHASE_ORDER_STATUSES } from '../../db/schema.js';
import { IdParam, parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { withForm } from '../../middleware/forms.js';
import { flash } from '../../middleware/locals.js';
import {
  DirectReceiptInput,
  LineParam,
  NewOrderInput,
  OrderLineInput,
  ReceiveInput,
  StatusQuery,
  SupplierInput,
} from './purchasing.schemas.js';
import * as svc from './purchasing.service.js';

const isAdmin = (req: Request) => req.user?.role === 'admin';
const admin = { layout: 'layouts/admin' };

const suppliersPage = async (req: Request) => ({
  ...admin,
  title: req.t('purchasing.suppliers'),
  suppliers: await svc.listSuppliers(),
  values: {},
  errors: {},
});

const ordersPage = async (req: Request, status?: (typeof PURCHASE_ORDER_STATUSES)[number]) => ({
  ...admin,
  title: req.t('purchasing.orders'),
  orders: await svc.listOrders(status),
  status: status ?? '',
  statuses: PURCHASE_ORDER_STATUSES,
  suppliers: isAdmin(req) ? await svc.listSuppliers() : [],
  isAdmin: isAdmin(req),
  values: {},
  errors: {},
});

const orderPage = async (req: Request, id: number) => {
  const order = await svc.getOrder(id);
  return {
    ...admin,
    title: order.number,
    styles: ['/static/css/purchasing.css'],
    order,
    isAdmin: isAdmin(req),
    // Costs are for admins only: staff receive by quantity and never get them.
    lines: order.lines.map((l) => (isAdmin(req) ? l : { ...l, unitCost: null })),
    values: {},
    errors: {},
  };
};

/**
 * Suppliers, purchase orders and receiving (/admin/suppliers, /admin/purchase-orders, /admin/receipts).
 * Admins keep suppliers, write orders with their costs and receive without an order; staff see orders
 * without costs and receive goods against them.
 */
export function purchasingRoutes(): Router {
  const r = Router();

  r.get('/admin/suppliers', allow.admin, async (req, res) =>
    res.render('admin/purchasing/suppliers', await suppliersPage(req)),
  );

  r.post('/admin/suppliers', allow.admin, (req, res) =>
    withForm(
      req,
      res,
      'admin/purchasing/suppliers',
      () => suppliersPage(req),
      async () => {
        const input = parseInput(SupplierInput, req.body);
        await svc.createSupplier(input);
        flash(req, 'success', req.t('purchasing.supplierSaved', { name: input.name }));
        res.redirect(303, '/admin/suppliers');
      },
    ),
  );

  r.get('/admin/suppliers/:id', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const supplier = await svc.getSupplier(id);
    res.render('admin/purchasing/supplier', { ...admin, title: supplier.name, supplier, values: supplier, errors: {} });
  });

  r.post('/admin/suppliers/:id', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const supplier = await svc.getSupplier(id);
    await withForm(
      req,
      res,
      'admin/purchasing/supplier',
      async () => ({ ...admin, title: supplier.name, supplier }),
      async () => {
        const input = parseInput(SupplierInput, req.body);
        await svc.updateSupplier(id, input);
        flash(req, 'success', req.t('purchasing.supplierSaved', { name: input.name }));
        res.redirect(303, '/admin/suppliers');
      },
    );
  });

  r.get('/admin/purchase-orders', allow.staff, async (req, res) => {
    const { status } = parseInput(StatusQuery, req.query);
    res.render('admin/purchasing/orders', await ordersPage(req, status));
  });

  r.post('/admin/purchase-orders', allow.admin, (req, res) =>
    withForm(
      req,
      res,
      'admin/purchasing/orders',
      () => ordersPage(req),
      async () => {
        const id = await svc.createOrder(parseInput(NewOrderInput, req.body), req.user!.id);
        res.redirect(303, `/admin/purchase-orders/${id}`);
      },
    ),
  );

  r.get('/admin/purchase-orders/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    res.render('admin/purchasing/order', await orderPage(req, id));
  });

  r.post('/admin/purchase-orders/:id/lines', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    await withForm(
      req,
      res,
      'admin/purchasing/order',
      () => orderPage(req, id),
      async () => {
        await svc.addLine(id, parseInput(OrderLineInput, req.body));
        res.redirect(303, `/admin/purchase-orders/${id}`);
      },
    );
  });

  r.post('/admin/purchase-orders/:id/lines/:lineId/delete', allow.admin, async (req, res) => {
    const { id, lineId } = parseInput(LineParam, req.params);
    await svc.removeLine(id, lineId);
    res.redirect(303, `/admin/purchase-orders/${id}`);
  });

  r.post('/admin/purchase-orders/:id/order', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    await svc.markOrdered(id);
    flash(req, 'success', req.t('purchasing.markedOrdered', { number: svc.poNumber(id) }));
    res.redirect(303, `/admin/purchase-orders/${id}`);
  });

  r.post('/admin/purchase-orders/:id/cancel', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    await svc.cancelOrder(id);
    flash(req, 'success', req.t('purchasing.cancelled', { number: svc.poNumber(id) }));
    res.redirect(303, `/admin/purchase-orders/${id}`);
  });

  r.post('/admin/purchase-orders/:id/receive', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    await withForm(
      req,
      res,
      'admin/purchasing/order',
      () => orderPage(req, id),
      async () => {
        const done = await svc.receiveAgainstOrder(id, parseInput(ReceiveInput, req.body), { id: req.user!.id });
        flash(req, 'success', req.t('purchasing.received', { count: done.units, number: svc.poNumber(id) }));
        res.redirect(303, `/admin/purchase-orders/${id}`);
      },
    );
  });

  const receiptPage = async (req: Request) => ({
    ...admin,
    title: req.t('purchasing.newReceipt'),
    suppliers: await svc.listSuppliers(),
    values: {},
    errors: {},
  });

  r.get('/admin/receipts/new', allow.admin, async (req, res) =>
    res.render('admin/purchasing/receipt', await receiptPage(req)),
  );

  r.post('/admin/receipts', allow.admin, (req, res) =>
    withForm(
      req,
      res,
      'admin/purchasing/receipt',
      () => receiptPage(req),
      async () => {
        const done = await svc.receiveWithoutOrder(parseInput(DirectReceiptInput, req.body), { id: req.user!.id });
        flash(req, 'success', req.t('purchasing.receiptSaved', { count: done.units }));
        res.redirect(303, '/admin/purchase-orders');
      },
    ),
  );

  return r;
}
