import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { requireAdmin, requireStaff } from '../../middleware/auth.js';
import { flash } from '../../middleware/locals.js';
import { withForm } from '../../middleware/forms.js';
import { ConfirmInput, IdParam, parseInput } from '../../lib/validation.js';
import * as accounts from '../accounts/accounts.service.js';
import { RoleInput, StaffCreateInput } from '../accounts/accounts.schemas.js';
import { categoriesAdminRoutes } from '../catalog-admin/categories-admin.routes.js';
import { productsAdminRoutes } from '../catalog-admin/products-admin.routes.js';
import { productsCsvRoutes } from '../catalog-admin/products-csv.routes.js';
import { inventoryRoutes } from '../inventory/inventory.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { paymentsAdminRoutes } from '../payments/payments-admin.routes.js';
import { adminOrderRoutes } from '../admin-orders/admin-orders.routes.js';
import { loadDashboard } from '../dashboard/dashboard.queries.js';
import { customerRoutes } from '../customers/customers.routes.js';
import { reportRoutes } from '../reports/reports.routes.js';

export function adminRoutes(): Router {
  const r = Router();
  r.use(requireStaff);

  r.get('/', allow.staff, async (req, res) => {
    res.render('admin/dashboard', {
      title: req.t('admin.dashboard'),
      layout: 'layouts/admin',
      d: await loadDashboard(),
      scripts: ['/static/vendor/chart.js/chart.umd.min.js', '/static/js/dashboard.js'],
    });
  });

  const staff = Router();
  staff.use(requireAdmin);

  const staffPage = async (req: Express.Request) => ({
    title: req.t('staff.title'),
    layout: 'layouts/admin',
    staff: await accounts.listStaff(),
  });

  staff.get('/', allow.admin, async (req, res) => {
    res.render('admin/staff', await staffPage(req));
  });

  staff.post('/', allow.admin, async (req, res) =>
    withForm(req, res, 'admin/staff', await staffPage(req), async () => {
      const input = parseInput(StaffCreateInput, req.body);
      await accounts.createStaffAccount(input);
      flash(req, 'success', req.t('staff.created', { email: input.email }));
      res.redirect(303, '/admin/staff');
    }),
  );

  staff.post('/:id/role', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const { role } = parseInput(RoleInput, req.body);
    await accounts.setRole(req.user!.id, id, role);
    flash(req, 'success', req.t('staff.roleChanged'));
    res.redirect(303, '/admin/staff');
  });

  staff.post('/:id/disable', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    if (!ConfirmInput.safeParse(req.body).success) {
      flash(req, 'error', req.t('errors.confirmFirst'));
      return res.redirect(303, '/admin/staff');
    }
    await accounts.setDisabled(req.user!.id, id, true);
    flash(req, 'success', req.t('staff.disabled'));
    res.redirect(303, '/admin/staff');
  });

  staff.post('/:id/enable', allow.admin, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    await accounts.setDisabled(req.user!.id, id, false);
    flash(req, 'success', req.t('staff.enabled'));
    res.redirect(303, '/admin/staff');
  });

  r.use('/staff', staff);
  r.use('/categories', categoriesAdminRoutes());
  // CSV routes first, so /products/import is not taken for a product id.
  r.use('/products', productsCsvRoutes());
  r.use('/products', productsAdminRoutes());
  r.use('/inventory', inventoryRoutes());
  r.use('/settings', settingsRoutes());
  r.use('/payments', paymentsAdminRoutes());
  r.use('/orders', adminOrderRoutes());
  r.use('/customers', customerRoutes());
  r.use('/reports', reportRoutes());
  return r;
}
