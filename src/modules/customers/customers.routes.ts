import { Router } from 'express';
import { unitsOfCustomer } from '../units/units.service.js';
import { allow } from '../../middleware/access.js';
import { NotFoundError } from '../../lib/errors.js';
import { ConfirmInput, IdParam, parseInput } from '../../lib/validation.js';
import { flash } from '../../middleware/locals.js';
import { findUserById, setDisabled } from '../accounts/accounts.service.js';
import { findOrdersOfUser } from '../orders/orders.queries.js';
import { listAddresses } from '../addresses/addresses.service.js';
import { lifetimeValue, listCustomers } from './customers.queries.js';
import { ListQuery } from './customers.schemas.js';

/** /admin/customers: list and search, a page per customer with lifetime value, disable/enable. */
export function customerRoutes(): Router {
  const r = Router();

  r.get('/', allow.staff, async (req, res) => {
    const { q, page } = ListQuery.parse(req.query);
    const { rows, total } = await listCustomers(q, page);
    res.render('admin/customers/list', {
      title: req.t('customers.title'),
      layout: 'layouts/admin',
      q,
      page,
      rows,
      total,
      pages: Math.max(1, Math.ceil(total / 50)),
    });
  });

  r.get('/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const customer = await findUserById(id);
    if (customer?.role !== 'customer') throw new NotFoundError();
    const [ltv, orders, addresses] = await Promise.all([
      lifetimeValue(id),
      findOrdersOfUser(id, 100),
      listAddresses(id),
    ]);
    res.render('admin/customers/show', {
      title: customer.name,
      layout: 'layouts/admin',
      customer,
      ltv,
      orders,
      addresses,
      units: await unitsOfCustomer(id),
    });
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(`/:id/${action}`, allow.staff, async (req, res) => {
      const { id } = parseInput(IdParam, req.params);
      const customer = await findUserById(id);
      if (customer?.role !== 'customer') throw new NotFoundError();
      if (disabled && !ConfirmInput.safeParse(req.body).success) {
        flash(req, 'error', req.t('errors.confirmFirst'));
        return res.redirect(303, `/admin/customers/${id}`);
      }
      await setDisabled(req.user!.id, id, disabled);
      flash(req, 'success', req.t(disabled ? 'customers.disabled' : 'customers.enabled'));
      res.redirect(303, `/admin/customers/${id}`);
    });
  }
  return r;
}
