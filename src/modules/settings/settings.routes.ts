import { Router } from 'express';
import { requireAdmin } from '../../middleware/auth.js';
import { flash } from '../../middleware/locals.js';
import { withForm } from '../../middleware/forms.js';
import { parseInput } from '../../lib/validation.js';
import { getSettings, saveSettings, SettingsInput } from './settings.service.js';

/** /admin/settings: delivery fees by zone, VAT rate and invoice details (admins only). */
export function settingsRoutes(): Router {
  const r = Router();
  r.use(requireAdmin);
  r.get('/', async (req, res) => {
    res.render('admin/settings', { title: req.t('settings.title'), layout: 'layouts/admin', values: await getSettings() });
  });
  r.post('/', (req, res) =>
    withForm(req, res, 'admin/settings', { title: req.t('settings.title'), layout: 'layouts/admin' }, async () => {
      await saveSettings(parseInput(SettingsInput, req.body));
      flash(req, 'success', req.t('settings.saved'));
      res.redirect(303, '/admin/settings');
    }),
  );
  return r;
}
